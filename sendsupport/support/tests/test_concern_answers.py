"""What becomes of a concern: the SENCO starts a cycle from it or records it was looked at; the teacher sees which."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TODAY, make_user
from sendsupport.schools.models import Role, StaffMembership
from sendsupport.support import services
from sendsupport.support.models import Concern
from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db

MANAGERS = {"senco", "head"}
STAFF = MANAGERS | {"teacher", "ta"}


@pytest.fixture
def concern(pupil, teacher) -> Concern:
    return services.raise_concern(
        pupil=pupil,
        by=teacher,
        noticed="Avoids writing.",
        since=date(2025, 9, 1),
        raised_on=date(2025, 11, 3),
        today=TODAY,
    )


def test_the_senco_records_that_a_concern_was_looked_at(concern, senco):
    services.record_concern_looked_at(
        concern=concern, by=senco, looked_at_on=TODAY, note=" No further action ", today=TODAY
    )
    concern.refresh_from_db()
    assert (concern.looked_at_on, concern.looked_at_by, concern.looked_at_note) == (TODAY, senco, "No further action")
    assert not concern.is_open


@pytest.mark.parametrize(
    ("looked_at_on", "note", "field", "message"),
    [
        (TODAY, "  ", "note", "Say what was decided"),
        (date(2025, 11, 21), "x", "looked_at_on", "today or in the past"),
        (date(2025, 11, 2), "x", "looked_at_on", "before the concern was raised"),
    ],
)
def test_bad_answers_name_the_field_and_save_nothing(concern, senco, looked_at_on, note, field, message):
    with pytest.raises(ValidationError) as error:
        services.record_concern_looked_at(concern=concern, by=senco, looked_at_on=looked_at_on, note=note, today=TODAY)
    assert message in " ".join(error.value.message_dict[field])
    concern.refresh_from_db()
    assert concern.is_open


def test_a_concern_is_answered_once(concern, senco):
    services.record_concern_looked_at(concern=concern, by=senco, looked_at_on=TODAY, note="x", today=TODAY)
    with pytest.raises(ValidationError):
        services.record_concern_looked_at(concern=concern, by=senco, looked_at_on=TODAY, note="y", today=TODAY)


def test_the_concern_page_and_the_answer_form_by_persona(personas, concern, pupil, login):
    pages = [
        (reverse("support:concern", args=[pupil.pk, concern.pk]), STAFF),
        (reverse("support:concern_looked_at", args=[pupil.pk, concern.pk]), MANAGERS),
    ]
    for url, allowed in pages:
        for persona, user in personas.items():
            response = login(user).get(url)
            assert response.status_code == (200 if persona in allowed else 404), (url, persona)
    for persona, user in personas.items():
        response = login(user).post(pages[1][0], {"looked_at_on": "", "note": ""})
        assert response.status_code == (400 if persona in MANAGERS else 404), persona
    concern.refresh_from_db()
    assert concern.is_open


def test_signed_out_visitors_are_sent_to_sign_in(client, concern, pupil):
    for name in ("support:concern", "support:concern_looked_at"):
        response = client.get(reverse(name, args=[pupil.pk, concern.pk]))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_concern_about_another_pupil_is_not_found(concern, other_pupil, senco, login):
    response = login(senco).get(reverse("support:concern", args=[other_pupil.pk, concern.pk]))
    assert response.status_code == 404


def test_the_senco_answers_and_the_teacher_sees_it(concern, pupil, senco, teacher, login):
    url = reverse("support:concern_looked_at", args=[pupil.pk, concern.pk])
    bad = login(senco).post(url, {"looked_at_on": "2025-11-20", "note": ""})
    assert bad.status_code == 400 and "Say what you decided." in bad.content.decode()
    response = login(senco).post(
        url, {"looked_at_on": "2025-11-05", "note": "No further action: in line with the class."}
    )
    assert response.status_code == 302
    home = login(teacher).get(reverse("home")).content.decode()
    assert "Concerns you raised" in home
    assert "Raised 3 Nov 2025" in home
    assert "looked at it on 5 Nov 2025: No further action: in line with the class." in home
    timeline = login(teacher).get(reverse("support:timeline", args=[pupil.pk])).content.decode()
    assert "Concerns answered" in timeline and "No further action" in timeline


def test_the_teacher_sees_the_cycle_started_from_her_concern(concern, pupil, senco, teacher, login):
    services.start_cycle(pupil=pupil, by=senco, opened_on=date(2025, 11, 5), concerns=[concern], today=TODAY)
    home = login(teacher).get(reverse("home")).content.decode()
    assert "Raised 3 Nov 2025" in home
    assert "The SENCO started SEN support assessment (cycle 1) on 5 Nov 2025." in home


def test_the_message_after_raising_says_where_the_senco_sees_it(pupil, teacher, login):
    response = login(teacher).post(
        reverse("support:concern_new", args=[pupil.pk]),
        {"raised_on": "2025-11-20", "noticed": "Avoids writing.", "since": "2025-09-01", "tried": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "The SENCO sees it on their home page and to-do list" in html


def test_a_cycle_from_a_concern_pre_fills_the_pupils_own_class_teacher(pupil, senco, teacher, school, class_5b, login):
    """Last year's cycle named another teacher; the pupil is now in 4A, taught by ``teacher``."""
    last_year = make_user("lastyear")
    StaffMembership.objects.create(user=last_year, school=school, role=Role.TEACHER)
    class_5b.staff.add(last_year)
    old = helpers.start(pupil, senco, teacher=last_year, opened_on=date(2025, 1, 6))
    services.close_cycle(cycle=old, by=senco, closed_on=date(2025, 7, 18), reason="End of year", today=TODAY)
    concern = services.raise_concern(pupil=pupil, by=teacher, noticed="x", since=date(2025, 9, 1), today=TODAY)
    html = login(senco).get(reverse("support:cycle_new", args=[pupil.pk]), {"concern": concern.pk}).content.decode()
    assert f'<option value="{teacher.pk}" selected>' in html
    assert f'<option value="{last_year.pk}" selected>' not in html


def test_with_two_teachers_in_the_class_the_one_who_raised_the_concern_is_pre_filled(
    pupil, senco, school, class_4a, login
):
    first = make_user("jobshare")
    StaffMembership.objects.create(user=first, school=school, role=Role.TEACHER)
    class_4a.staff.add(first)
    raiser = make_user("raiser")
    StaffMembership.objects.create(user=raiser, school=school, role=Role.TEACHER)
    class_4a.staff.add(raiser)
    concern = services.raise_concern(pupil=pupil, by=raiser, noticed="x", since=date(2025, 9, 1), today=TODAY)
    html = login(senco).get(reverse("support:cycle_new", args=[pupil.pk]), {"concern": concern.pk}).content.decode()
    assert f'<option value="{raiser.pk}" selected>' in html
