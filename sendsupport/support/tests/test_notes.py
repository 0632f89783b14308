"""Do: dated notes and evidence against an outcome while the plan runs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import TODAY
from sendsupport.support import services
from sendsupport.support.models import OutcomeNote


def test_a_teaching_assistant_adds_a_dated_note_with_evidence(running, ta):
    outcome = running.plan.outcomes.get()
    note = services.add_note(
        outcome=outcome,
        by=ta,
        text="Followed 6 of 10 two-step instructions in maths.",
        evidence="Tally sheet",
        measure="6 out of 10",
        written_on=date(2025, 10, 10),
        today=TODAY,
    )
    assert (note.by, note.pupil, note.written_on, note.measure) == (
        ta,
        running.pupil,
        date(2025, 10, 10),
        "6 out of 10",
    )
    assert running.class_teacher is not None  # the class teacher stays named as responsible


def test_a_note_defaults_to_today(running, teacher):
    note = services.add_note(outcome=running.plan.outcomes.get(), by=teacher, text="Good day", today=TODAY)
    assert note.written_on == TODAY


def test_a_note_cannot_be_dated_before_the_plan_or_in_the_future(running, ta):
    outcome = running.plan.outcomes.get()
    with pytest.raises(ValidationError) as error:
        services.add_note(outcome=outcome, by=ta, text="x", written_on=date(2025, 9, 21), today=TODAY)
    assert "before the plan was written (22 September 2025)" in error.value.message_dict["written_on"][0]
    with pytest.raises(ValidationError) as error:
        services.add_note(outcome=outcome, by=ta, text="x", written_on=date(2025, 11, 21), today=TODAY)
    assert "today or in the past" in error.value.message_dict["written_on"][0]
    assert not OutcomeNote.objects.exists()


def test_an_empty_note_is_refused(running, ta):
    with pytest.raises(ValidationError) as error:
        services.add_note(outcome=running.plan.outcomes.get(), by=ta, text="  ", today=TODAY)
    assert "text" in error.value.message_dict


def test_no_notes_on_a_closed_cycle(reviewed, ta):
    with pytest.raises(ValidationError) as error:
        services.add_note(outcome=reviewed.plan.outcomes.get(), by=ta, text="Late note", today=TODAY)
    assert error.value.message_dict["cycle"] == ["This cycle is closed. Add a correction instead."]
