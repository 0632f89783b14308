from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import TODAY, make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.meetings import services
from sendsupport.meetings.models import Meeting
from sendsupport.schools.models import Role, StaffMembership


def _record(pupil, by, **overrides):
    fields = {
        "held_on": date(2025, 11, 12),
        "kind": Meeting.Kind.REVIEW,
        "discussed": "Progress with reading.",
        "agreed": "Carry on with the reading group.",
        "parents_attended": [link.contact for link in pupil.contact_links.all()],
        "staff_attendees": [by],
        "today": TODAY,
    }
    fields.update(overrides)
    return services.record_meeting(pupil=pupil, by=by, **fields)


def test_it_records_a_meeting_with_who_attended(pupil, parent, senco):
    meeting = _record(pupil, senco, other_attendees="Maya", actions="Review in February.")
    meeting.refresh_from_db()
    assert meeting.recorded_by == senco
    assert [str(c) for c in meeting.parents_attended.all()] == ["Parent Parent"]
    assert list(meeting.staff_attendees.all()) == [senco]
    assert meeting.other_attendees == "Maya"
    assert meeting.shared_with_parents_on is None


def test_it_accepts_a_meeting_held_today(pupil, parent, senco):
    assert _record(pupil, senco, held_on=TODAY).held_on == TODAY


def test_it_refuses_a_meeting_dated_in_the_future(pupil, parent, senco):
    with pytest.raises(ValidationError) as error:
        _record(pupil, senco, held_on=date(2025, 11, 21))
    assert "must be today (20 November 2025) or in the past" in error.value.message_dict["held_on"][0]
    assert Meeting.objects.count() == 0


def test_it_refuses_a_parent_of_another_pupil(pupil, parent, other_pupil, other_parent, senco):
    wrong = other_pupil.contact_links.get().contact
    with pytest.raises(ValidationError) as error:
        _record(pupil, senco, parents_attended=[wrong])
    assert error.value.message_dict["parents_attended"] == ["Choose only parents or carers of Maya Evans."]
    assert Meeting.objects.count() == 0


def test_it_refuses_staff_from_another_school(pupil, parent, senco, other_school):
    outsider = make_user("outsider")
    StaffMembership.objects.create(user=outsider, school=other_school, role=Role.TEACHER)
    with pytest.raises(ValidationError) as error:
        _record(pupil, senco, staff_attendees=[outsider])
    assert error.value.message_dict["staff_attendees"] == ["Choose only staff who work at Oakfield Primary School."]
    assert Meeting.objects.count() == 0


def test_it_refuses_staff_whose_membership_has_ended(pupil, parent, senco, school):
    leaver = make_user("leaver")
    StaffMembership.objects.create(user=leaver, school=school, role=Role.TA, active=False)
    with pytest.raises(ValidationError) as error:
        _record(pupil, senco, staff_attendees=[leaver])
    assert "staff_attendees" in error.value.message_dict


def test_it_requires_what_was_discussed_and_agreed(pupil, parent, senco):
    with pytest.raises(ValidationError) as error:
        _record(pupil, senco, discussed="  ", agreed="")
    assert error.value.message_dict["discussed"] == ["Say what was discussed."]
    assert error.value.message_dict["agreed"] == ["Say what was agreed, or that nothing was agreed."]
    assert Meeting.objects.count() == 0


def test_it_records_a_meeting_no_parent_could_attend(pupil, parent, senco):
    meeting = _record(pupil, senco, parents_attended=[], kind=Meeting.Kind.OTHER)
    assert meeting.parents_attended.count() == 0


def test_it_writes_the_change_to_the_audit_log(pupil, parent, senco):
    meeting = _record(pupil, senco)
    created = AuditEvent.objects.filter(pupil=pupil, action=AuditEvent.Action.CREATED, object_id=str(meeting.pk))
    assert created.filter(object_type="meeting with parents", actor=senco).exists()
    assert meeting.history.count() >= 1
