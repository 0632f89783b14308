"""Registering a session: what is saved, and every bad input refused with a message naming the field,
nothing saved. The phonics group runs from 7 September 2026 with Maya and Ben (``conftest.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sendsupport.audit.models import AuditEvent
from sendsupport.provision.models import DeliveredSession, ProvisionMember, SessionAttendance
from sendsupport.provision.services.sessions import register_session

TODAY = date(2026, 10, 1)
DAY = date(2026, 9, 15)


def register(provision, by, **changes):
    values = {"held_on": DAY, "minutes": 30, "attendance": {}, "today": TODAY, **changes}
    return register_session(provision=provision, by=by, **values)


def both(pupil, other_pupil, first="present", second="absent"):
    return {pupil.pk: first, other_pupil.pk: second}


def refused(provision, by, **changes) -> dict[str, list[str]]:
    before = (DeliveredSession.objects.count(), SessionAttendance.objects.count())
    with pytest.raises(ValidationError) as caught:
        register(provision, by, **changes)
    assert (DeliveredSession.objects.count(), SessionAttendance.objects.count()) == before
    return caught.value.message_dict


@pytest.mark.django_db
def test_it_saves_the_session_and_each_members_attendance(provision, ta, pupil, other_pupil):
    session = register(provision, ta, attendance=both(pupil, other_pupil), note="Good focus.")
    assert (session.held_on, session.minutes, session.note, session.recorded_by) == (DAY, 30, "Good focus.", ta)
    assert dict(session.attendance.values_list("pupil_id", "status")) == both(pupil, other_pupil)


@pytest.mark.django_db
def test_it_writes_each_members_attendance_to_their_audit_log(provision, ta, pupil, other_pupil):
    register(provision, ta, attendance=both(pupil, other_pupil))
    events = AuditEvent.objects.filter(object_type="session attendance")
    assert {(e.pupil_id, e.actor_id, e.action) for e in events} == {
        (pupil.pk, ta.pk, "created"),
        (other_pupil.pk, ta.pk, "created"),
    }
    assert events.get(pupil=pupil).summary == "Present at Phonics group A on 15 September 2026"


@pytest.mark.django_db
def test_a_cancelled_session_keeps_its_reason_and_no_attendance(provision, ta):
    session = register(provision, ta, cancelled=True, cancelled_reason="TA covering a class.")
    assert session.cancelled and session.cancelled_reason == "TA covering a class."
    assert not session.attendance.exists()
    assert AuditEvent.objects.filter(object_type="delivered session", school_id=provision.school_id).exists()


@pytest.mark.django_db
def test_correcting_a_session_replaces_its_attendance(provision, ta, senco, pupil, other_pupil):
    session = register(provision, ta, attendance=both(pupil, other_pupil))
    register(provision, senco, session=session, minutes=25, attendance=both(pupil, other_pupil, "absent", "present"))
    session.refresh_from_db()
    assert session.minutes == 25 and session.recorded_by == ta
    assert dict(session.attendance.values_list("pupil_id", "status")) == both(pupil, other_pupil, "absent", "present")
    changed = AuditEvent.objects.get(object_type="session attendance", pupil=pupil, action="changed")
    assert changed.changes == [{"field": "status", "before": "present", "after": "absent"}]


@pytest.mark.django_db
def test_it_refuses_a_date_before_the_provision_starts(provision, ta, pupil):
    errors = refused(provision, ta, held_on=date(2026, 9, 4), attendance={pupil.pk: "present"})
    assert errors["held_on"] == ["The date must be within the provision's dates (7 September 2026)."]


@pytest.mark.django_db
def test_it_refuses_a_date_after_the_provision_ends(provision, ta, pupil, other_pupil):
    provision.ends_on = date(2026, 9, 30)
    provision.save()
    errors = refused(provision, ta, held_on=date(2026, 10, 1), attendance=both(pupil, other_pupil))
    assert errors["held_on"] == [
        "The date must be within the provision's dates (7 September 2026 to 30 September 2026)."
    ]


@pytest.mark.django_db
def test_it_refuses_a_date_still_to_come(provision, ta, pupil, other_pupil):
    errors = refused(provision, ta, held_on=date(2026, 10, 2), attendance=both(pupil, other_pupil))
    assert "today (1 October 2026) or in the past" in errors["held_on"][0]


@pytest.mark.django_db
def test_it_refuses_a_missing_date_and_length(provision, ta):
    errors = refused(provision, ta, held_on=None, minutes=None)
    assert errors["held_on"] == ["Enter the date of the session."]
    assert errors["minutes"] == ["Enter how many minutes the session lasted."]


@pytest.mark.parametrize("minutes", [0, 1441])
@pytest.mark.django_db
def test_it_refuses_a_length_of_nothing_or_over_a_day(provision, ta, pupil, other_pupil, minutes):
    errors = refused(provision, ta, minutes=minutes, attendance=both(pupil, other_pupil))
    assert list(errors) == ["minutes"]


@pytest.mark.django_db
def test_it_refuses_attendance_for_a_pupil_who_was_not_a_member_that_day(provision, ta, pupil, other_pupil):
    ProvisionMember.objects.filter(pupil=other_pupil).update(joined_on=date(2026, 9, 20))
    errors = refused(provision, ta, attendance=both(pupil, other_pupil))
    assert errors["attendance"] == [
        "Ben Ward was not a member of Phonics group A on 15 September 2026, so cannot have attended."
    ]


@pytest.mark.django_db
def test_it_refuses_attendance_for_a_pupil_who_had_left(provision, ta, pupil, other_pupil):
    ProvisionMember.objects.filter(pupil=other_pupil).update(left_on=date(2026, 9, 14))
    errors = refused(provision, ta, attendance=both(pupil, other_pupil))
    assert "Ben Ward was not a member" in errors["attendance"][0]


@pytest.mark.django_db
def test_it_does_not_name_a_pupil_of_another_school(provision, ta, pupil, other_pupil, other_school):
    from conftest import make_pupil

    elsewhere = make_pupil(other_school, first="Zed", last="Other")
    errors = refused(provision, ta, attendance={**both(pupil, other_pupil), elsewhere.pk: "present"})
    assert "Zed" not in errors["attendance"][0]
    assert errors["attendance"][0].startswith(f"pupil {elsewhere.pk} was not a member")


@pytest.mark.django_db
def test_it_asks_for_every_members_attendance(provision, ta, pupil, other_pupil):
    errors = refused(provision, ta, attendance={pupil.pk: "present"})
    assert errors == {f"attendance_{other_pupil.pk}": ["Say whether Ben Ward was present or absent."]}


@pytest.mark.django_db
def test_it_refuses_an_attendance_that_is_neither_present_nor_absent(provision, ta, pupil, other_pupil):
    errors = refused(provision, ta, attendance=both(pupil, other_pupil, second="late"))
    assert errors == {f"attendance_{other_pupil.pk}": ["Choose present or absent for Ben Ward."]}


@pytest.mark.django_db
def test_a_cancelled_session_records_no_attendance(provision, ta, pupil, other_pupil):
    errors = refused(provision, ta, cancelled=True, cancelled_reason="Trip", attendance=both(pupil, other_pupil))
    assert errors == {"attendance": ["A session that did not take place records no attendance."]}


@pytest.mark.django_db
def test_a_cancelled_session_needs_a_reason(provision, ta):
    errors = refused(provision, ta, cancelled=True, cancelled_reason="  ")
    assert errors == {"cancelled_reason": ["Say why the session did not take place."]}


@pytest.mark.django_db
def test_it_refuses_a_session_on_a_day_the_group_had_no_members(provision, ta):
    ProvisionMember.objects.filter(provision=provision).update(joined_on=date(2026, 9, 21))
    errors = refused(provision, ta, attendance={})
    assert errors == {
        "held_on": ["No pupil was a member of Phonics group A on 15 September 2026: choose another date."]
    }


@pytest.mark.django_db
def test_a_refused_correction_leaves_the_session_as_it_was(provision, ta, pupil, other_pupil):
    session = register(provision, ta, attendance=both(pupil, other_pupil))
    with pytest.raises(ValidationError):
        register(provision, ta, session=session, minutes=0, attendance=both(pupil, other_pupil, "absent", "absent"))
    session.refresh_from_db()
    assert session.minutes == 30
    assert dict(session.attendance.values_list("pupil_id", "status")) == both(pupil, other_pupil)
