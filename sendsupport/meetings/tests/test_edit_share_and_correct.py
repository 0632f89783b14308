from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from sendsupport.meetings import services
from sendsupport.meetings.models import Meeting, MeetingCorrection


def _fields(meeting: Meeting, **overrides):
    fields = {
        "held_on": meeting.held_on,
        "kind": meeting.kind,
        "discussed": meeting.discussed,
        "agreed": meeting.agreed,
        "actions": meeting.actions,
        "parents_attended": list(meeting.parents_attended.all()),
        "staff_attendees": list(meeting.staff_attendees.all()),
    }
    fields.update(overrides)
    return fields


def test_it_edits_a_record_not_yet_shared(meeting, senco):
    services.update_meeting(meeting=meeting, by=senco, **_fields(meeting, agreed="Three sessions a week."))
    meeting.refresh_from_db()
    assert meeting.agreed == "Three sessions a week."


def test_it_refuses_to_edit_a_shared_record(shared_meeting, senco):
    before = shared_meeting.agreed
    with pytest.raises(ValidationError) as error:
        services.update_meeting(meeting=shared_meeting, by=senco, **_fields(shared_meeting, agreed="Changed."))
    assert "cannot be changed. Add a correction instead." in error.value.message_dict[NON_FIELD_ERRORS][0]
    shared_meeting.refresh_from_db()
    assert shared_meeting.agreed == before


def test_it_shares_a_record_once(meeting, senco):
    shared = services.share_with_parents(meeting=meeting, by=senco)
    assert shared.shared_with_parents_on == timezone.localdate()
    assert shared.shared_by == senco
    with pytest.raises(ValidationError) as error:
        services.share_with_parents(meeting=meeting, by=senco)
    assert "already shared" in error.value.message_dict[NON_FIELD_ERRORS][0]


def test_it_adds_a_dated_correction_and_keeps_the_original(shared_meeting, senco):
    original = shared_meeting.agreed
    today = timezone.localdate() + timedelta(days=3)
    entry = services.add_correction(
        meeting=shared_meeting,
        by=senco,
        part="agreed",
        correction="Two sessions, not three.",
        reason="Typo",
        today=today,
    )
    assert entry.made_on == today
    shared_meeting.refresh_from_db()
    assert shared_meeting.agreed == original
    assert list(shared_meeting.corrections.values_list("correction", flat=True)) == ["Two sessions, not three."]


def test_it_refuses_a_correction_without_a_reason_or_to_an_unshared_record(meeting, senco):
    with pytest.raises(ValidationError) as error:
        services.add_correction(meeting=meeting, by=senco, part="nonsense", correction="", reason="")
    messages = error.value.message_dict
    assert messages[NON_FIELD_ERRORS] == ["This record has not been shared yet: change it directly instead."]
    assert messages["part"] == ["Choose which part of the record is corrected."]
    assert messages["correction"] == ["Say what the record should say."]
    assert messages["reason"] == ["Say why the record is corrected."]
    assert MeetingCorrection.objects.count() == 0
