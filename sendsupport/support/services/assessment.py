"""Assess: record the assessment and its decision, which updates the SEN register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.core.versioning import expect_version
from sendsupport.pupils import services as pupil_services
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import SENStatus
from sendsupport.pupils.selectors import current_needs, current_provision
from sendsupport.support.choices import DECISIONS_THAT_CLOSE, Decision, lower_first
from sendsupport.support.models import Assessment, AssessmentScore, Cycle
from sendsupport.support.services import cycles
from sendsupport.support.services._common import (
    Errors,
    add,
    clean_errors,
    ensure_open,
    extend,
    merge,
    not_in_future,
    raise_if,
    save,
    today_or,
)

NARRATIVE_FIELDS = (
    "teacher_assessment",
    "attainment",
    "observations",
    "behaviour",
    "pupil_views",
    "pupil_views_absent_reason",
    "parent_views",
    "parent_views_absent_reason",
    "external_advice",
)

# change_sen_status names its fields for the register form; the assessment form names them so.
REGISTER_FIELD_NAMES = {"start_date": "decided_on", "provision": "decision"}


@dataclass(frozen=True)
class ScoreInput:
    what: str
    compared_with_expected: str
    score: int | None = None
    taken_on: date | None = None


def _decision_errors(decision: str, provision: str) -> Errors:
    """Whether the decision makes sense for the pupil's current status on the register."""
    errors: Errors = {}
    if provision == Provision.EHC_PLAN and decision != Decision.CONTINUE:
        add(
            errors,
            "decision",
            "This pupil has an EHC plan, which only the local authority can start or end: choose 'Continue SEN support'.",
        )
    elif decision == Decision.START and provision == Provision.SEN_SUPPORT:
        add(errors, "decision", "This pupil is already on SEN support: choose 'Continue SEN support'.")
    elif decision == Decision.CONTINUE and provision == Provision.NONE:
        add(errors, "decision", "This pupil is not on SEN support yet: choose 'Start SEN support'.")
    elif decision == Decision.END and provision == Provision.NONE:
        add(
            errors,
            "decision",
            "This pupil is not on SEN support, so it cannot end: choose 'Monitor without SEN support'.",
        )
    return errors


def _register_change(assessment: Assessment, provision: str, *, by: Any, today: date) -> SENStatus | None:
    """The SEN register entry the decision calls for, or None if nothing changes."""
    decision = assessment.decision
    cycle = assessment.cycle
    reason = f"Assessment in SEN support cycle {cycle.number}: {lower_first(Decision(decision).label)}."
    if decision == Decision.START:
        wanted = (Provision.SEN_SUPPORT, assessment.needs())
    elif decision == Decision.CONTINUE:
        needs = assessment.needs()
        have = [(need.need_type, need.rank) for need in current_needs(assessment.pupil)]
        if sorted(needs) == sorted(have):
            return None
        reason = f"Assessment in SEN support cycle {cycle.number}: areas of need changed."
        wanted = (provision, needs)
    elif provision == Provision.NONE:  # monitor a pupil who is not on SEN support: nothing changes
        return None
    else:
        wanted = (Provision.NONE, [])
    return pupil_services.change_sen_status(
        pupil=assessment.pupil,
        provision=wanted[0],
        needs=wanted[1],
        start_date=assessment.decided_on,
        reason=reason,
        by=by,
        today=today,
    )


def _check_scores(scores: Sequence[ScoreInput], decided_on: date | None) -> Errors:
    errors: Errors = {}
    for index, score in enumerate(scores, start=1):
        if not score.what.strip():
            add(errors, "scores", f"Score {index}: say what was assessed.")
        if score.score is not None and not 40 <= score.score <= 160:
            add(errors, "scores", f"Score {index}: a standardised score is between 40 and 160.")
        if score.taken_on and decided_on and score.taken_on > decided_on:
            add(errors, "scores", f"Score {index}: the date taken cannot be after the decision.")
    return errors


def _save_scores(assessment: Assessment, scores: Sequence[ScoreInput], by: Any) -> None:
    for old in list(assessment.scores.all()):
        old._history_user = by
        old.delete()
    for score in scores:
        save(
            AssessmentScore(
                assessment=assessment,
                pupil=assessment.pupil,
                what=score.what.strip(),
                score=score.score,
                compared_with_expected=score.compared_with_expected,
                taken_on=score.taken_on,
            ),
            by,
        )


@transaction.atomic
def record_assessment(
    *,
    cycle: Cycle,
    by: Any,
    decision: str,
    decided_on: date,
    primary_need: str = "",
    secondary_need: str = "",
    scores: Sequence[ScoreInput] = (),
    severe_or_complex: bool = False,
    today: date | None = None,
    **fields: str,
) -> Assessment:
    """Record the cycle's assessment and act on its decision (Code of Practice 6.45-6.47).

    Start: the register becomes K with the assessed needs. Continue: needs are updated if they
    changed. Monitor or end: the register becomes N and the cycle closes (there is no plan).
    Census rule breaks come back named by the assessment form's fields; nothing is saved.
    """
    today = today_or(today)
    ensure_open(cycle)
    if Assessment.objects.filter(cycle=cycle).exists():
        raise ValidationError({"cycle": "This cycle already has an assessment: edit it instead."})
    unknown = set(fields) - set(NARRATIVE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown assessment fields: {', '.join(sorted(unknown))}")
    # cycle_id, not cycle: assigning the object would cache this unsaved row on the cycle.
    assessment = Assessment(
        cycle_id=cycle.pk,
        pupil=cycle.pupil,
        decision=decision,
        decided_on=decided_on,
        decided_by=by,
        primary_need=primary_need or "",
        secondary_need=secondary_need or "",
        severe_or_complex=severe_or_complex,
        **{name: (fields.get(name) or "").strip() for name in NARRATIVE_FIELDS},
    )
    errors = clean_errors(assessment, exclude=["status_change", "decided_by"])
    not_in_future(errors, "decided_on", decided_on, today, "The date of the decision")
    provision = current_provision(cycle.pupil)
    extend(errors, _decision_errors(decision, provision))
    extend(errors, _check_scores(scores, decided_on))
    raise_if(errors)

    try:
        assessment.status_change = _register_change(assessment, provision, by=by, today=today)
    except ValidationError as error:
        register_errors: Errors = {}
        merge(register_errors, error, REGISTER_FIELD_NAMES)
        raise ValidationError(register_errors) from error
    save(assessment, by)
    _save_scores(assessment, scores, by)
    if decision in DECISIONS_THAT_CLOSE:
        cycles.close(
            cycle, by=by, on=decided_on, reason=f"The assessment decided: {lower_first(Decision(decision).label)}."
        )
    return assessment


@transaction.atomic
def update_assessment(
    *,
    assessment: Assessment,
    by: Any,
    scores: Sequence[ScoreInput] | None = None,
    severe_or_complex: bool | None = None,
    version: int | None = None,
    **fields: str,
) -> Assessment:
    """Change the assessment's evidence while the cycle is open. The decision, its date and the needs
    stay as recorded: they have already changed the register (record a new SEN status instead).
    ``version`` is the version the edit form was drawn from: a newer save since is not overwritten."""
    ensure_open(assessment.cycle)
    expect_version(assessment, version)
    unknown = set(fields) - set(NARRATIVE_FIELDS)
    if unknown:
        raise ValidationError({name: "This cannot be changed after the decision is recorded." for name in unknown})
    for name, value in fields.items():
        setattr(assessment, name, (value or "").strip())
    if severe_or_complex is not None:
        assessment.severe_or_complex = severe_or_complex
    errors = clean_errors(assessment, exclude=["status_change", "decided_by"])
    if scores is not None:
        extend(errors, _check_scores(scores, assessment.decided_on))
    raise_if(errors)
    save(assessment, by)
    if scores is not None:
        _save_scores(assessment, scores, by)
    return assessment
