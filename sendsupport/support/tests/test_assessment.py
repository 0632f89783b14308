"""Assess: the decision updates the SEN register; census rule breaks name the assessment's fields."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import TODAY
from sendsupport.pupils.selectors import current_needs, current_provision
from sendsupport.support import services
from sendsupport.support.choices import Decision
from sendsupport.support.models import Assessment
from sendsupport.support.tests import helpers


def test_starting_sen_support_puts_the_pupil_on_the_register_with_the_needs(newcomer, senco):
    cycle = helpers.start(newcomer, senco)
    assessment = helpers.assess(cycle, senco, decision=Decision.START, primary_need="SPLD", secondary_need="")
    assert current_provision(newcomer) == "K"
    assert [(n.need_type, n.rank) for n in current_needs(newcomer)] == [("SPLD", 1)]
    status = newcomer.sen_statuses.first()
    assert assessment.status_change == status
    assert status.start_date == date(2025, 9, 15)
    assert status.decided_by == senco
    assert "cycle 1: start sen support" in status.reason.lower()
    cycle.refresh_from_db()
    assert cycle.is_open


def test_continuing_with_the_same_needs_leaves_the_register_alone(pupil, senco):
    cycle = helpers.start(pupil, senco)
    assessment = helpers.assess(cycle, senco)
    assert assessment.status_change is None
    assert pupil.sen_statuses.count() == 1


def test_continuing_with_changed_needs_updates_them(pupil, senco):
    cycle = helpers.start(pupil, senco)
    assessment = helpers.assess(cycle, senco, primary_need="SLCN", secondary_need="")
    assert assessment.status_change.provision == "K"
    assert [n.need_type for n in current_needs(pupil)] == ["SLCN"]


@pytest.mark.parametrize("decision", [Decision.END, Decision.MONITOR])
def test_ending_or_monitoring_takes_the_pupil_off_sen_support_and_closes_the_cycle(pupil, senco, decision):
    cycle = helpers.start(pupil, senco)
    helpers.assess(cycle, senco, decision=decision, primary_need="", secondary_need="")
    assert current_provision(pupil) == "N"
    assert current_needs(pupil) == []
    cycle.refresh_from_db()
    assert not cycle.is_open
    assert cycle.closed_on == date(2025, 9, 15)


def test_monitoring_a_pupil_not_on_the_register_changes_nothing(newcomer, senco):
    cycle = helpers.start(newcomer, senco)
    assessment = helpers.assess(cycle, senco, decision=Decision.MONITOR, primary_need="", secondary_need="")
    assert assessment.status_change is None
    assert newcomer.sen_statuses.count() == 0


@pytest.mark.parametrize(
    ("fixture", "decision", "message"),
    [
        ("pupil", Decision.START, "already on SEN support"),
        ("newcomer", Decision.CONTINUE, "not on SEN support yet"),
        ("newcomer", Decision.END, "cannot end"),
        ("other_pupil", Decision.END, "EHC plan"),
        ("other_pupil", Decision.START, "EHC plan"),
    ],
)
def test_the_decision_must_fit_the_pupils_status(request, senco, fixture, decision, message):
    target = request.getfixturevalue(fixture)
    cycle = helpers.start(target, senco)
    needs = {"primary_need": "", "secondary_need": ""} if decision == Decision.END else {}
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco, decision=decision, **needs)
    assert message in error.value.message_dict["decision"][0]
    assert not Assessment.objects.exists()


def test_a_census_rule_break_comes_back_named_by_the_assessment_field(other_pupil, senco):
    # NSA (no specialist assessment) is only valid with SEN support, not an EHC plan.
    cycle = helpers.start(other_pupil, senco)
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco, primary_need="NSA", secondary_need="")
    assert "NSA (no specialist assessment) can only be used" in error.value.message_dict["primary_need"][0]
    assert not Assessment.objects.exists()
    assert current_needs(other_pupil)[0].need_type == "ASD"


def test_a_register_date_clash_is_named_by_the_decision_date(pupil, senco):
    # The register already has an entry from 1 September 2024; a decision dated before it cannot change it.
    cycle = helpers.start(pupil, senco, opened_on=date(2024, 6, 3))
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco, decided_on=date(2024, 6, 10), primary_need="MLD", secondary_need="")
    assert "before the current status began" in error.value.message_dict["decided_on"][0]
    assert not Assessment.objects.exists()


def test_starting_support_needs_a_primary_need(newcomer, senco):
    cycle = helpers.start(newcomer, senco)
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco, decision=Decision.START, primary_need="", secondary_need="")
    assert "primary_need" in error.value.message_dict
    assert newcomer.sen_statuses.count() == 0


def test_ending_support_with_needs_is_refused(pupil, senco):
    cycle = helpers.start(pupil, senco)
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco, decision=Decision.END)
    assert "leave the needs blank" in error.value.message_dict["primary_need"][0]


def test_views_or_the_reason_they_are_absent_are_required(pupil, senco):
    cycle = helpers.start(pupil, senco)
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco, pupil_views="", parent_views="")
    assert error.value.message_dict["pupil_views"] == ["Enter the pupil's views, or say why they could not be given."]
    assert "parent_views" in error.value.message_dict
    assessment = helpers.assess(
        cycle, senco, pupil_views="", pupil_views_absent_reason="Maya was absent for a week.", parent_views="Happy"
    )
    assert not assessment.views_missing


def test_the_decision_cannot_be_before_the_cycle_or_in_the_future(pupil, senco):
    cycle = helpers.start(pupil, senco)
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco, decided_on=date(2025, 9, 1))
    assert "before the cycle started (8 September 2025)" in error.value.message_dict["decided_on"][0]
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco, decided_on=date(2025, 11, 21))
    assert "today or in the past" in error.value.message_dict["decided_on"][0]


def test_a_cycle_has_one_assessment(pupil, senco):
    cycle = helpers.start(pupil, senco)
    helpers.assess(cycle, senco)
    with pytest.raises(ValidationError) as error:
        helpers.assess(cycle, senco)
    assert "already has an assessment" in error.value.message_dict["cycle"][0]


def test_standardised_scores_are_kept_as_data(pupil, senco):
    cycle = helpers.start(pupil, senco)
    assessment = helpers.assess(
        cycle,
        senco,
        scores=[
            services.ScoreInput(
                what="Reading (NGRT)", compared_with_expected="below", score=82, taken_on=date(2025, 9, 10)
            ),
            services.ScoreInput(what="Phonics check", compared_with_expected="well_below"),
        ],
    )
    assert [(s.what, s.score) for s in assessment.scores.all()] == [("Reading (NGRT)", 82), ("Phonics check", None)]
    assert assessment.scores.first().pupil == pupil


def test_impossible_scores_are_refused(pupil, senco):
    cycle = helpers.start(pupil, senco)
    with pytest.raises(ValidationError) as error:
        helpers.assess(
            cycle, senco, scores=[services.ScoreInput(what="Reading", compared_with_expected="below", score=12)]
        )
    assert "between 40 and 160" in error.value.message_dict["scores"][0]
    assert not Assessment.objects.exists()


def test_the_evidence_can_change_while_the_cycle_is_open_but_not_the_decision(pupil, senco):
    cycle = helpers.start(pupil, senco)
    assessment = helpers.assess(cycle, senco)
    services.update_assessment(assessment=assessment, by=senco, observations="Watches peers before starting.")
    assessment.refresh_from_db()
    assert assessment.observations == "Watches peers before starting."
    with pytest.raises(ValidationError) as error:
        services.update_assessment(assessment=assessment, by=senco, decision="end")
    assert "cannot be changed" in error.value.message_dict["decision"][0]


def test_a_closed_cycle_refuses_an_assessment_or_a_change(pupil, senco):
    cycle = helpers.start(pupil, senco)
    assessment = helpers.assess(cycle, senco, decision=Decision.END, primary_need="", secondary_need="")
    with pytest.raises(ValidationError) as error:
        services.update_assessment(assessment=assessment, by=senco, observations="Later thought")
    assert error.value.message_dict["cycle"] == ["This cycle is closed. Add a correction instead."]
    assessment.refresh_from_db()
    assert assessment.observations == ""


def test_the_register_change_happens_on_todays_terms(newcomer, senco):
    cycle = helpers.start(newcomer, senco, opened_on=TODAY)
    helpers.assess(cycle, senco, decision=Decision.START, decided_on=TODAY, primary_need="SEMH", secondary_need="")
    assert newcomer.sen_statuses.get().start_date == TODAY
