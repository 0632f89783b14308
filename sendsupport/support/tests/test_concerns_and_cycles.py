"""Raising a concern, starting cycles in sequence, and closing a cycle early."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from conftest import TODAY
from sendsupport.support import services
from sendsupport.support.models import Concern, Cycle
from sendsupport.support.tests import helpers


def test_it_records_a_teachers_concern(pupil, teacher):
    concern = services.raise_concern(
        pupil=pupil, by=teacher, noticed="Struggles to copy from the board.", since=date(2025, 9, 15), today=TODAY
    )
    assert concern.raised_on == TODAY
    assert concern.raised_by == teacher
    assert concern.cycle is None


def test_it_refuses_a_concern_noticed_after_it_was_raised(pupil, teacher):
    with pytest.raises(ValidationError) as error:
        services.raise_concern(
            pupil=pupil, by=teacher, noticed="x", since=date(2025, 11, 21), raised_on=TODAY, today=TODAY
        )
    assert "on or before the date raised" in error.value.message_dict["since"][0]
    assert not Concern.objects.exists()


def test_it_refuses_a_concern_dated_in_the_future(pupil, teacher):
    with pytest.raises(ValidationError) as error:
        services.raise_concern(
            pupil=pupil, by=teacher, noticed="x", since=date(2025, 9, 1), raised_on=date(2025, 11, 21), today=TODAY
        )
    assert "raised_on" in error.value.message_dict


def test_it_refuses_a_date_before_the_pupil_was_born(pupil, teacher):
    with pytest.raises(ValidationError) as error:
        services.raise_concern(pupil=pupil, by=teacher, noticed="x", since=date(2010, 1, 1), today=TODAY)
    assert "date of birth" in error.value.message_dict["since"][0]


def test_cycles_are_numbered_and_take_up_open_concerns(pupil, senco, teacher):
    concern = services.raise_concern(pupil=pupil, by=teacher, noticed="x", since=date(2025, 9, 1), today=TODAY)
    first = helpers.start(pupil, senco, teacher=teacher, concerns=[concern])
    concern.refresh_from_db()
    assert (first.number, first.previous, concern.cycle) == (1, None, first)
    services.close_cycle(cycle=first, by=senco, closed_on=date(2025, 10, 1), reason="Pupil moved class", today=TODAY)
    second = helpers.start(pupil, senco, opened_on=date(2025, 10, 1))
    assert (second.number, second.previous) == (2, first)
    assert second.class_teacher == teacher  # carried over from cycle 1


def test_only_one_cycle_is_open_at_a_time(pupil, senco):
    helpers.start(pupil, senco)
    with pytest.raises(ValidationError) as error:
        helpers.start(pupil, senco, opened_on=date(2025, 10, 1))
    assert "Cycle 1 is still open" in error.value.message_dict["cycle"][0]
    assert Cycle.objects.count() == 1


def test_the_database_also_refuses_two_open_cycles(pupil, senco):
    helpers.start(pupil, senco)
    with pytest.raises(IntegrityError):
        Cycle.objects.create(pupil=pupil, number=2, opened_on=TODAY)


def test_a_new_cycle_cannot_start_before_the_last_one_closed(pupil, senco):
    cycle = helpers.start(pupil, senco)
    services.close_cycle(cycle=cycle, by=senco, closed_on=date(2025, 10, 1), reason="x", today=TODAY)
    with pytest.raises(ValidationError) as error:
        helpers.start(pupil, senco, opened_on=date(2025, 9, 30))
    assert "before cycle 1 closed (1 October 2025)" in error.value.message_dict["opened_on"][0]


def test_a_cycle_cannot_start_in_the_future_or_before_the_pupil_joined(pupil, senco):
    with pytest.raises(ValidationError) as error:
        helpers.start(pupil, senco, opened_on=date(2025, 11, 21))
    assert "today or in the past" in error.value.message_dict["opened_on"][0]
    with pytest.raises(ValidationError) as error:
        helpers.start(pupil, senco, opened_on=date(2019, 9, 1))
    assert "before the pupil joined" in error.value.message_dict["opened_on"][0]


def test_the_class_teacher_must_work_at_the_school(pupil, senco, governor, stranger):
    for person in (governor, stranger):
        with pytest.raises(ValidationError) as error:
            helpers.start(pupil, senco, teacher=person)
        assert error.value.message_dict["class_teacher"] == ["Choose a member of staff at this pupil's school."]


def test_a_concern_about_another_pupil_or_already_taken_up_is_refused(pupil, other_pupil, senco, teacher):
    other = services.raise_concern(pupil=other_pupil, by=senco, noticed="x", since=date(2025, 9, 1), today=TODAY)
    with pytest.raises(ValidationError) as error:
        helpers.start(pupil, senco, concerns=[other])
    assert "about this pupil" in error.value.message_dict["concerns"][0]
    helpers.start(other_pupil, senco, concerns=[other])
    with pytest.raises(ValidationError) as error:
        helpers.start(other_pupil, senco, concerns=[other])
    assert any("already in a cycle" in m for m in error.value.message_dict["concerns"])


def test_closing_a_cycle_needs_a_reason_and_a_sensible_date(pupil, senco):
    cycle = helpers.start(pupil, senco)
    with pytest.raises(ValidationError) as error:
        services.close_cycle(cycle=cycle, by=senco, closed_on=date(2025, 9, 1), reason=" ", today=TODAY)
    assert set(error.value.message_dict) == {"closed_on", "reason"}
    cycle.refresh_from_db()
    assert cycle.is_open


def test_a_closed_cycle_cannot_be_closed_again(pupil, senco):
    cycle = helpers.start(pupil, senco)
    services.close_cycle(cycle=cycle, by=senco, closed_on=TODAY, reason="Left the school", today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.close_cycle(cycle=cycle, by=senco, closed_on=TODAY, reason="Again", today=TODAY)
    assert error.value.message_dict["cycle"] == ["This cycle is closed. Add a correction instead."]
