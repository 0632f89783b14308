"""The SENCO chooses which staff read the book; managers always can; other staff get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.linkbook.models import LinkBookReader

pytestmark = pytest.mark.django_db


def test_staff_read_the_book_only_once_chosen(pupil, senco, teacher, ta, login):
    url = reverse("linkbook:staff", args=[pupil.pk])
    assert login(ta).get(url).status_code == 404
    response = login(senco).post(reverse("linkbook:readers", args=[pupil.pk]), {"readers": [ta.pk]})
    assert response.status_code == 302
    assert login(ta).get(url).status_code == 200
    assert login(teacher).get(url).status_code == 404


def test_taking_someone_off_the_list_closes_the_book_to_them(pupil, senco, teacher, chosen_teacher, login):
    url = reverse("linkbook:staff", args=[pupil.pk])
    assert login(teacher).get(url).status_code == 200
    assert login(senco).post(reverse("linkbook:readers", args=[pupil.pk]), {}).status_code == 302
    assert not LinkBookReader.objects.exists()
    assert login(teacher).get(url).status_code == 404


def test_the_head_and_the_senco_always_read_it(pupil, senco, head, login):
    for user in (senco, head):
        assert login(user).get(reverse("linkbook:staff", args=[pupil.pk])).status_code == 200


def test_the_page_shows_who_is_chosen_and_offers_only_staff_who_work_with_the_pupil(
    pupil, other_pupil, senco, teacher, ta, governor, chosen_teacher, login
):
    from conftest import _staff
    from sendsupport.schools.models import Role

    other_teacher = _staff(pupil.school, "otherteacher", Role.TEACHER)  # teaches no class of Maya's
    response = login(senco).get(reverse("linkbook:readers", args=[pupil.pk]))
    page = response.content.decode()
    assert "Teacher Person (teacher)" in page
    assert f'value="{ta.pk}"' in page
    assert f'value="{other_teacher.pk}"' not in page
    assert f'value="{governor.pk}"' not in page
    assert f'value="{senco.pk}"' not in page  # the SENCO always can: nothing to choose


def test_choosing_someone_who_does_not_work_with_the_pupil_is_refused(pupil, senco, governor, chosen_teacher, login):
    from conftest import _staff
    from sendsupport.schools.models import Role

    other_teacher = _staff(pupil.school, "otherteacher", Role.TEACHER)
    before = AuditEvent.objects.exclude(action="viewed").count()
    for chosen in (other_teacher, governor):
        response = login(senco).post(reverse("linkbook:readers", args=[pupil.pk]), {"readers": [chosen.pk]})
        assert response.status_code == 400
        assert "Choose only teachers and teaching assistants who work with this pupil." in response.content.decode()
    assert list(LinkBookReader.objects.values_list("user", flat=True)) == [chosen_teacher.pk]
    assert AuditEvent.objects.exclude(action="viewed").count() == before


def test_when_the_school_opens_its_register_any_teacher_can_be_chosen(pupil, senco, login):
    from conftest import _staff
    from sendsupport.schools.models import Role

    pupil.school.whole_register_visible_to_staff = True
    pupil.school.save()
    other_teacher = _staff(pupil.school, "otherteacher", Role.TEACHER)
    assert (
        login(senco).post(reverse("linkbook:readers", args=[pupil.pk]), {"readers": [other_teacher.pk]}).status_code
        == 302
    )
    assert login(other_teacher).get(reverse("linkbook:staff", args=[pupil.pk])).status_code == 200


def test_choices_are_in_the_audit_log(pupil, senco, teacher, ta, chosen_teacher, login):
    login(senco).post(reverse("linkbook:readers", args=[pupil.pk]), {"readers": [ta.pk]})
    events = AuditEvent.objects.filter(object_type="link book reader", pupil=pupil)
    assert set(events.values_list("action", flat=True)) == {"created", "deleted"}
    assert events.filter(action="deleted").get().actor == senco


def test_a_teacher_who_leaves_the_school_loses_the_book(pupil, teacher, chosen_teacher, login):
    teacher.memberships.update(active=False)
    assert login(teacher).get(reverse("linkbook:staff", args=[pupil.pk])).status_code == 404
