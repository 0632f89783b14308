"""A closed cycle is read-only: corrections are new, dated entries that keep the original."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import TODAY
from sendsupport.support import services
from sendsupport.support.models import Correction


def key(cycle, object_type, field):
    return next(i.key for i in services.correctable_items(cycle) if i.object_type == object_type and i.field == field)


def test_a_correction_keeps_the_original_beside_it(reviewed, senco):
    target = key(reviewed, "review", "attendees")
    correction = services.add_correction(
        cycle=reviewed,
        by=senco,
        target=target,
        corrected="SENCO, class teacher, father, pupil",
        reason="The father attended, not the mother.",
        today=TODAY,
    )
    reviewed.review.refresh_from_db()
    assert reviewed.review.attendees == "SENCO, class teacher, parent, pupil"  # untouched
    assert correction.original == "SENCO, class teacher, parent, pupil"
    assert (correction.made_on, correction.by, correction.label) == (TODAY, senco, "Review: who attended")


def test_a_second_correction_records_what_the_first_said(reviewed, senco):
    target = key(reviewed, "outcome", "baseline")
    services.add_correction(cycle=reviewed, by=senco, target=target, corrected="First fix", reason="Typo", today=TODAY)
    second = services.add_correction(
        cycle=reviewed, by=senco, target=target, corrected="Second fix", reason="Typo", today=TODAY
    )
    assert second.original == "First fix"
    current = next(i for i in services.correctable_items(reviewed) if i.key == target)
    assert current.current == "Second fix"


def test_an_open_cycle_is_changed_directly_not_corrected(running, senco):
    with pytest.raises(ValidationError) as error:
        services.add_correction(
            cycle=running, by=senco, target="plan:1:support", corrected="x", reason="y", today=TODAY
        )
    assert "still open" in error.value.message_dict["cycle"][0]


def test_only_parts_of_this_cycle_can_be_corrected(reviewed, senco, other_pupil):
    from sendsupport.support.tests import helpers

    other = helpers.reviewed_cycle(other_pupil, senco, None)
    foreign = key(other, "review", "attendees")
    with pytest.raises(ValidationError) as error:
        services.add_correction(cycle=reviewed, by=senco, target=foreign, corrected="x", reason="y", today=TODAY)
    assert error.value.message_dict["target"] == ["Choose a part of this cycle's record to correct."]
    with pytest.raises(ValidationError) as error:
        services.add_correction(
            cycle=reviewed,
            by=senco,
            target=f"review:{reviewed.review.pk}:next_step",
            corrected="end",
            reason="y",
            today=TODAY,
        )
    assert "target" in error.value.message_dict


def test_a_correction_needs_new_text_a_reason_and_a_sensible_date(reviewed, senco):
    target = key(reviewed, "review", "attendees")
    with pytest.raises(ValidationError) as error:
        services.add_correction(
            cycle=reviewed,
            by=senco,
            target=target,
            corrected="SENCO, class teacher, parent, pupil",
            reason=" ",
            made_on=date(2025, 11, 17),
            today=TODAY,
        )
    assert set(error.value.message_dict) == {"corrected", "reason", "made_on"}
    assert "before the cycle closed (18 November 2025)" in error.value.message_dict["made_on"][0]
    assert not Correction.objects.exists()


def test_corrections_are_append_only(reviewed, senco):
    correction = services.add_correction(
        cycle=reviewed, by=senco, target=key(reviewed, "plan", "support"), corrected="x", reason="y", today=TODAY
    )
    correction.reason = "changed"
    with pytest.raises(ValidationError):
        correction.save()
    with pytest.raises(ValidationError):
        correction.delete()
    with pytest.raises(ValidationError):
        Correction.objects.all().update(reason="z")
    with pytest.raises(ValidationError):
        Correction.objects.all().delete()
    assert Correction.objects.get().reason == "y"


def test_every_stage_of_a_closed_cycle_can_be_corrected(reviewed, senco, ta):
    types = {item.object_type for item in services.correctable_items(reviewed)}
    assert types >= {"assessment", "plan", "outcome", "review", "rating"}
