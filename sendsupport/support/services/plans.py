"""Plan and Do: writing the plan and its outcomes, agreeing it, and notes while it runs."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from sendsupport.core.dates import in_words
from sendsupport.core.versioning import StaleEdit, expect_version, parse_versions, rows_changed, versions_of
from sendsupport.support import selectors, smart
from sendsupport.support.choices import Decision, PlanStatus
from sendsupport.support.models import Assessment, Cycle, Outcome, OutcomeNote, Plan
from sendsupport.support.services._common import (
    Errors,
    add,
    clean_errors,
    ensure_open,
    not_in_future,
    raise_if,
    save,
    today_or,
    works_at,
)

PLAN_FIELDS = ("strategies", "support", "at_home", "review_date")
OUTCOME_FIELDS = (
    "area",
    "description",
    "baseline",
    "target",
    "measure",
    "due_date",
    "responsible",
    "responsible_other",
)


def _assign(instance: Any, fields: dict[str, Any]) -> bool:
    """Set the fields (text stripped); True if any value changed."""
    changed = False
    for name, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def back_to_draft(plan: Plan) -> bool:
    """A change to an agreed plan makes it a draft again, to be agreed afresh. True if it was agreed."""
    if plan.status != PlanStatus.AGREED:
        return False
    plan.status = PlanStatus.DRAFT
    plan.agreed_on = None
    plan.agreed_by = None
    plan.parent_agreed_on = None
    plan.parents_consulted_on = None
    plan.pupil_agreed_on = None
    plan.smart_override_reason = ""
    plan.override_by = None
    plan.agreed_version = None
    plan.agreed_outcomes = ""
    return True


def _latest_measure(outcome: Outcome) -> str:
    rating = getattr(outcome, "rating", None)
    if rating is not None and rating.latest_measure:
        return rating.latest_measure
    note = outcome.notes.exclude(measure="").order_by("-written_on", "-id").first()
    return note.measure if note else ""


@transaction.atomic
def create_plan(
    *,
    cycle: Cycle,
    by: Any,
    review_date: date,
    strategies: str = "",
    support: str = "",
    at_home: str = "",
    created_on: date | None = None,
    today: date | None = None,
) -> Plan:
    """Write the cycle's plan as a draft. Outcomes the last review found not met or partly met are
    carried into it, with their latest measure as the new baseline and the new review date."""
    today = today_or(today)
    ensure_open(cycle)
    errors: Errors = {}
    assessment = Assessment.objects.filter(cycle=cycle).first()
    if Plan.objects.filter(cycle=cycle).exists():
        add(errors, "cycle", "This cycle already has a plan: edit it instead.")
    elif assessment is None or assessment.decision not in (Decision.START, Decision.CONTINUE):
        add(errors, "cycle", "A plan follows a decision to start or continue SEN support: record the assessment first.")
    raise_if(errors)
    plan = Plan(
        cycle_id=cycle.pk,  # not cycle=: that would cache this unsaved plan on the cycle
        pupil=cycle.pupil,
        strategies=strategies.strip(),
        support=support.strip(),
        at_home=at_home.strip(),
        review_date=review_date,
        created_on=created_on or today,
        created_by=by,
    )
    errors = clean_errors(plan, exclude=["cycle"])
    not_in_future(errors, "created_on", plan.created_on, today)
    if plan.created_on < assessment.decided_on:
        add(
            errors,
            "created_on",
            f"The plan cannot be written before the assessment ({in_words(assessment.decided_on)}).",
        )
    raise_if(errors)
    save(plan, by)
    for position, old in enumerate(selectors.carried_outcomes(cycle), start=1):
        save(
            Outcome(
                plan=plan,
                pupil=plan.pupil,
                position=position,
                area=old.area,
                description=old.description,
                baseline=_latest_measure(old) or old.baseline,
                target=old.target,
                measure=old.measure,
                due_date=review_date,
                responsible=old.responsible,
                responsible_other=old.responsible_other,
                carried_from=old,
            ),
            by,
        )
    return plan


@transaction.atomic
def update_plan(*, plan: Plan, by: Any, version: int | None = None, **fields: Any) -> Plan:
    """Change the plan's strategies, support or review date. An agreed plan becomes a draft again.
    ``version`` is the version the edit form was drawn from: a newer save since is not overwritten."""
    ensure_open(plan.cycle)
    expect_version(plan, version)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan fields: {', '.join(sorted(unknown))}")
    if _assign(plan, fields):
        back_to_draft(plan)  # in memory only until saved; an error below leaves the database as it was
    errors = clean_errors(plan, exclude=["cycle"])
    if plan.review_date:
        late = [o for o in plan.outcomes.all() if o.due_date and o.due_date > plan.review_date]
        for outcome in late:
            add(
                errors,
                "review_date",
                f"The outcome '{outcome}' is due on {in_words(outcome.due_date)}, after this review date: "
                "outcomes must be due by the review. Change the outcome first, or choose a later date.",
            )
    raise_if(errors)
    return save(plan, by)


def _outcome_errors(outcome: Outcome) -> Errors:
    errors = clean_errors(outcome, exclude=["plan", "carried_from"])
    if outcome.responsible_id and not works_at(outcome.responsible, outcome.plan.pupil.school_id):
        add(errors, "responsible", "Choose a member of staff at this pupil's school.")
    return errors


def _touch_plan(plan: Plan, by: Any) -> None:
    if back_to_draft(plan):
        save(plan, by)


@transaction.atomic
def add_outcome(*, plan: Plan, by: Any, **fields: Any) -> Outcome:
    """Add an outcome. It may fail the SMART check (the draft keeps warnings) but it may not be due
    after the review date, and someone must be responsible."""
    ensure_open(plan.cycle)
    unknown = set(fields) - set(OUTCOME_FIELDS)
    if unknown:
        raise TypeError(f"Unknown outcome fields: {', '.join(sorted(unknown))}")
    position = (plan.outcomes.aggregate(top=Max("position"))["top"] or 0) + 1
    outcome = Outcome(plan=plan, pupil=plan.pupil, position=position)
    _assign(outcome, fields)
    raise_if(_outcome_errors(outcome))
    save(outcome, by)
    _touch_plan(plan, by)
    return outcome


@transaction.atomic
def update_outcome(*, outcome: Outcome, by: Any, version: int | None = None, **fields: Any) -> Outcome:
    """Change an outcome; ``version`` is the one the edit form was drawn from (see ``update_plan``)."""
    ensure_open(outcome.plan.cycle)
    expect_version(outcome, version)
    unknown = set(fields) - set(OUTCOME_FIELDS)
    if unknown:
        raise TypeError(f"Unknown outcome fields: {', '.join(sorted(unknown))}")
    changed = _assign(outcome, fields)
    raise_if(_outcome_errors(outcome))
    if changed or version is not None:  # an unchanged save from a stale form is still refused
        save(outcome, by)
        _touch_plan(outcome.plan, by)
    return outcome


@transaction.atomic
def remove_outcome(*, outcome: Outcome, by: Any) -> None:
    ensure_open(outcome.plan.cycle)
    if outcome.notes.exists():
        raise ValidationError(
            {
                "outcome": "Staff have added notes to this outcome, so it stays in the record. Change its wording instead."
            }
        )
    plan = outcome.plan
    outcome._history_user = by
    outcome.delete()
    _touch_plan(plan, by)


def smart_problems(plan: Plan, outcomes: list[Outcome] | None = None) -> dict[int, list[smart.SmartProblem]]:
    """Each outcome's SMART problems, by outcome id (only outcomes with problems)."""
    outcomes = outcomes if outcomes is not None else list(plan.outcomes.all())
    found = {outcome.pk: smart.check(outcome, plan.review_date) for outcome in outcomes}
    return {pk: problems for pk, problems in found.items() if problems}


@transaction.atomic
def agree_plan(
    *,
    plan: Plan,
    by: Any,
    agreed_on: date,
    parent_agreed_on: date | None = None,
    parents_consulted_on: date | None = None,
    pupil_agreed_on: date | None = None,
    override_reason: str = "",
    version: int | None = None,
    outcome_versions: str | None = None,
    today: date | None = None,
) -> Plan:
    """Agree the plan. The measurability check only warns: a plan is agreed whatever it says
    (SMART outcomes are good practice, CoP 9.66; chapter 6 asks for the expected impact and a clear
    review date, 6.48). A note on the warnings, if given, is kept with who gave it. The parent's and
    pupil's agreement keep their dates.

    ``version`` and ``outcome_versions`` (``versions_of`` the outcomes) say what the page showed:
    agreement is refused if the plan or any outcome changed since, and what was agreed is kept."""
    today = today_or(today)
    ensure_open(plan.cycle)
    expect_version(plan, version)
    errors: Errors = {}
    if plan.status == PlanStatus.AGREED:
        add(errors, "plan", "This plan is already agreed.")
    # Locked (on PostgreSQL) so no outcome changes between this check and the agreement.
    outcomes = list(Outcome.objects.select_for_update().filter(plan=plan).order_by("position", "pk"))
    if outcome_versions is not None:
        _refuse_changed_outcomes(plan, parse_versions(outcome_versions), outcomes)
    if not outcomes:
        add(errors, "outcomes", "Add at least one outcome before agreeing the plan.")
    problems = smart_problems(plan, outcomes)
    override_reason = override_reason.strip()
    for name, value, who in (
        ("agreed_on", agreed_on, "The date the plan was agreed"),
        ("parent_agreed_on", parent_agreed_on, "The date the parent agreed"),
        ("parents_consulted_on", parents_consulted_on, "The date the parents were consulted"),
        ("pupil_agreed_on", pupil_agreed_on, "The date the pupil agreed"),
    ):
        not_in_future(errors, name, value, today, who)
        if value and value < plan.created_on:
            add(errors, name, f"{who} cannot be before the plan was written ({in_words(plan.created_on)}).")
    if parents_consulted_on and agreed_on and parents_consulted_on > agreed_on:
        add(
            errors,
            "parents_consulted_on",
            f"The date the parents were consulted cannot be after the plan was agreed ({in_words(agreed_on)}).",
        )
    raise_if(errors)
    plan.status = PlanStatus.AGREED
    plan.agreed_on = agreed_on
    plan.agreed_by = by
    plan.parent_agreed_on = parent_agreed_on
    plan.parents_consulted_on = parents_consulted_on
    plan.pupil_agreed_on = pupil_agreed_on
    # Kept only beside warnings it answers; it never decides whether the plan can be agreed.
    plan.smart_override_reason = override_reason if problems else ""
    plan.override_by = by if problems and override_reason else None
    plan.agreed_version = plan.version
    plan.agreed_outcomes = versions_of(outcomes)
    errors = clean_errors(plan, exclude=["cycle"])
    raise_if(errors)
    return save(plan, by)


def _refuse_changed_outcomes(plan: Plan, seen: dict[int, int], outcomes: list[Outcome]) -> None:
    changes = rows_changed(seen, outcomes, what="outcome")
    if changes:
        raise StaleEdit(
            "The outcomes have changed since you opened this page, so the plan has not been agreed: "
            + "; ".join(changes)
            + ". Read the plan again before agreeing it.",
            current_version=plan.version,
        )


@transaction.atomic
def add_note(
    *,
    outcome: Outcome,
    by: Any,
    text: str,
    written_on: date | None = None,
    evidence: str = "",
    measure: str = "",
    today: date | None = None,
) -> OutcomeNote:
    """Do: a dated note and evidence against an outcome while the plan runs."""
    today = today_or(today)
    plan = outcome.plan
    ensure_open(plan.cycle)
    note = OutcomeNote(
        outcome=outcome,
        pupil=outcome.pupil,
        written_on=written_on or today,
        by=by,
        text=text.strip(),
        evidence=evidence.strip(),
        measure=measure.strip(),
    )
    errors = clean_errors(note, exclude=["outcome", "by"])
    not_in_future(errors, "written_on", note.written_on, today)
    if note.written_on < plan.created_on:
        add(
            errors, "written_on", f"The note cannot be dated before the plan was written ({in_words(plan.created_on)})."
        )
    raise_if(errors)
    return save(note, by)
