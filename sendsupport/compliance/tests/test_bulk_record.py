"""Recording in bulk, after an import, what happened before the school used sendsupport."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TODAY, link_parent, make_pupil, make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.compliance import services
from sendsupport.compliance.engine import todo_list
from sendsupport.meetings.models import Meeting
from sendsupport.support.models import ParentNotification, Plan

pytestmark = pytest.mark.django_db

URL = "compliance:bulk_record"


@pytest.fixture
def imported(school, class_4a):
    """Three pupils as a CSV import leaves them: on SEN support since 1 September 2024, nothing recorded."""
    pupils = [
        make_pupil(
            school, first=f"Pupil{i}", last="Imported", registration_group=class_4a, provision="K", needs=[("MLD", 1)]
        )
        for i in range(3)
    ]
    for index, pupil in enumerate(pupils):
        link_parent(pupil, make_user(f"mum{index}"))
    return pupils


def duties_of(senco, school, pupil) -> set[str]:
    return {item.gap.duty for item in todo_list(senco, school, today=TODAY).items if item.gap.pupil_id == pupil.pk}


def record(senco, school, pupils, **kwargs):
    defaults = {"what": services.PARENTS_TOLD, "on": date(2024, 9, 20), "note": "Letters in the paper SEN file"}
    defaults.update(kwargs)
    return services.record_before_sendsupport(
        user=senco, school=school, pupil_ids=[p.pk for p in pupils], today=TODAY, **{"method": "letter", **defaults}
    )


def test_parents_told_in_bulk_clears_the_gap_with_a_flagged_record_and_an_audit_entry_per_pupil(
    senco, school, imported
):
    assert all("parent_not_notified" in duties_of(senco, school, p) for p in imported)
    record(senco, school, imported[:2])
    for pupil in imported[:2]:
        assert "parent_not_notified" not in duties_of(senco, school, pupil)
        notification = ParentNotification.objects.get(pupil=pupil)
        assert notification.before_sendsupport and notification.notified_on == date(2024, 9, 20)
        assert "before the school used sendsupport" in notification.notes
        assert AuditEvent.objects.filter(pupil_id=pupil.pk, actor=senco, object_type__icontains="notification").exists()
    assert "parent_not_notified" in duties_of(senco, school, imported[2])


def test_plans_agreed_in_bulk_clear_the_gap(senco, school, imported):
    record(senco, school, imported, what=services.PLAN_AGREED, review_date=date(2025, 12, 12), method="")
    for pupil in imported:
        assert "plan_not_agreed" not in duties_of(senco, school, pupil)
        plan = Plan.objects.get(pupil=pupil)
        assert plan.before_sendsupport and plan.agreed_on == date(2024, 9, 20)
        assert AuditEvent.objects.filter(pupil_id=pupil.pk, object_type__icontains="plan").exists()


def test_meetings_held_in_bulk_count_as_meetings_with_parents(senco, school, imported):
    record(senco, school, imported, what=services.MEETING_HELD, on=date(2025, 10, 1), method="")
    meeting = Meeting.objects.get(pupil=imported[0])
    assert meeting.before_sendsupport and meeting.parents_attended.count() == 1
    # Meetings fall due pro rata as terms end: after the spring term two are due, and the
    # meeting recorded in bulk is counted as one of them.
    assert "1 meeting with parents this school year; 2 expected" in next(
        item.gap.message
        for item in todo_list(senco, school, today=date(2026, 4, 20)).items
        if item.gap.pupil_id == imported[0].pk and item.gap.duty == "parent_meetings"
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pupils": []}, "pupils"),
        ({"on": date(2025, 11, 21)}, "on"),
        ({"note": "   "}, "note"),
        ({"method": ""}, "method"),
        ({"what": services.PLAN_AGREED, "review_date": None}, "review_date"),
        ({"on": date(2024, 8, 1)}, "on"),  # before SEN support started
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(senco, school, imported, changes, field):
    pupils = changes.pop("pupils", imported)
    with pytest.raises(ValidationError) as error:
        record(senco, school, pupils, **changes)
    assert field in error.value.message_dict
    assert not ParentNotification.objects.exists() and not Plan.objects.exists()


def test_pupils_from_another_school_cannot_be_chosen(senco, school, other_school, imported):
    elsewhere = make_pupil(other_school, first="Far", last="Away", provision="K", needs=[("MLD", 1)])
    with pytest.raises(ValidationError) as error:
        record(senco, school, [imported[0], elsewhere])
    assert "pupils" in error.value.message_dict
    assert not ParentNotification.objects.exists()


def test_the_page_records_and_returns_to_the_filtered_list(senco, school, imported, login):
    client = login(senco)
    ids = [p.pk for p in imported]
    page = client.get(reverse(URL), {"pupils": ids, "duty": "parent_not_notified"})
    assert page.status_code == 200
    html = page.content.decode()
    assert all(f'value="{pk}" checked' in html for pk in ids)
    assert 'value="parents_told" checked' in html
    response = client.post(
        reverse(URL),
        {
            "pupils": ids,
            "duty": "parent_not_notified",
            "what": "parents_told",
            "method": "letter",
            "on": "2024-09-20",
            "note": "Letters in the paper file",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("compliance:todo") + "?duty=parent_not_notified"
    assert ParentNotification.objects.filter(before_sendsupport=True).count() == 3


def test_the_page_answers_bad_input_with_400_and_a_message(senco, school, imported, login):
    client = login(senco)
    response = client.post(
        reverse(URL),
        {"pupils": [imported[0].pk], "what": "parents_told", "method": "letter", "on": "2030-01-01", "note": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a note saying where the evidence is." in html
    assert not ParentNotification.objects.exists()
    nobody = client.get(reverse(URL))
    assert nobody.status_code == 400
    assert "Choose at least one pupil on the to-do list first." in nobody.content.decode()
    future = client.post(
        reverse(URL),
        {"pupils": [imported[0].pk], "what": "parents_told", "method": "letter", "on": "2030-01-01", "note": "x"},
    )
    assert future.status_code == 400
    assert "The date must be today or in the past" in future.content.decode()


def test_only_the_senco_and_head_may_record_in_bulk(personas, imported, login):
    for persona, user in personas.items():
        response = login(user).get(reverse(URL), {"pupils": [imported[0].pk]})
        assert response.status_code == (200 if persona in {"senco", "head"} else 404), persona
        response = login(user).post(reverse(URL), {"pupils": [imported[0].pk]})
        assert response.status_code == (400 if persona in {"senco", "head"} else 404), persona
    assert not ParentNotification.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
