"""Every write of activities, decisions, adjustments and access arrangements.

Keyword-only; one transaction each; history records who made the change (``_history_user``). A
decision that a pupil cannot take part emails the pupil's parents with parental responsibility
through the outbox (sent by the worker after the transaction commits).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sendsupport.core import dates
from sendsupport.core.outbox import queue_email
from sendsupport.core.versioning import expect_version
from sendsupport.pupils.models import Pupil, PupilContact
from sendsupport.schools.models import School
from sendsupport.statutory.inclusion import emails
from sendsupport.statutory.inclusion.models import (
    AccessArrangement,
    Activity,
    ActivityDecision,
    ActivityPlace,
    Adjustment,
)


def _save(instance: Any, by: Any, errors: dict[str, str] | None = None) -> Any:
    """Validate (collecting the caller's errors with the model's), then save with its history user."""
    errors = dict(errors or {})
    try:
        instance.full_clean(exclude=["school", "activity", "pupil", "recorded_by", "decided_by", "created_by", "lead"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages[-1])  # the last: our own words from clean()
    if errors:
        raise ValidationError(errors)
    instance._history_user = by
    instance.save()
    return instance


def _not_after_today(day: date | None, field: str, today: date, errors: dict[str, str], what: str) -> None:
    if day is not None and day > today:
        errors[field] = f"The {what} must be today ({dates.in_words(today)}) or in the past."


@transaction.atomic
def save_activity(
    *,
    school: School,
    by: Any,
    name: str,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    lead: Any = None,
    details: str = "",
    activity: Activity | None = None,
    version: int | None = None,
) -> Activity:
    """A new activity, or changes to ``activity``. The lead must be staff at the school."""
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = "Enter the name of the activity."
    if lead is not None:
        from sendsupport.accounts.access import is_staff_at

        if not is_staff_at(lead, school):
            errors["lead"] = "Choose a member of staff at the school as the lead."
    if activity is not None:
        expect_version(activity, version)
    activity = activity or Activity(school=school, created_by=by)
    activity.name = (name or "").strip()
    activity.kind = kind
    activity.starts_on = starts_on
    activity.ends_on = ends_on
    activity.lead = lead
    activity.details = (details or "").strip()
    return _save(activity, by, errors)


def _check_pupil(activity: Activity, pupil: Pupil, errors: dict[str, str]) -> None:
    if pupil.school_id != activity.school_id:
        errors["pupil"] = "Choose a pupil at the school running the activity."


@transaction.atomic
def record_place(*, activity: Activity, pupil: Pupil, by: Any, adjustments: str) -> ActivityPlace:
    """A pupil with SEN taking part, and the adjustments made so they can; a second record for the same
    pupil and activity updates the first."""
    errors: dict[str, str] = {}
    _check_pupil(activity, pupil, errors)
    place = ActivityPlace.objects.select_for_update().filter(activity=activity, pupil=pupil).first()
    place = place or ActivityPlace(activity=activity, pupil=pupil)
    place.adjustments = (adjustments or "").strip()
    place.recorded_by = by
    try:
        with transaction.atomic():
            return _save(place, by, errors)
    except IntegrityError as error:  # two people recorded the same pupil at once
        raise ValidationError({"pupil": "This pupil was recorded at the same moment by someone else."}) from error


@transaction.atomic
def record_decision(
    *,
    activity: Activity,
    pupil: Pupil,
    by: Any,
    reason: str,
    explanation: str,
    adjustments_considered: str,
    decided_on: date | None = None,
    base_url: str = "",
    today: date | None = None,
) -> ActivityDecision:
    """A decision that ``pupil`` cannot take part in ``activity``, with one of the three reasons of
    the Children and Families Act 2014 s.35(3) and the reasonable adjustments considered; both are
    required. The pupil's parents with parental responsibility are emailed, and see it on their page.
    """
    today = today or dates.today()
    decided_on = decided_on or today
    errors: dict[str, str] = {}
    _check_pupil(activity, pupil, errors)
    _not_after_today(decided_on, "decided_on", today, errors, "date of the decision")
    decision = _save(
        ActivityDecision(
            activity=activity,
            pupil=pupil,
            reason=reason or "",
            explanation=(explanation or "").strip(),
            adjustments_considered=(adjustments_considered or "").strip(),
            decided_on=decided_on,
            decided_by=by,
        ),
        by,
        errors,
    )
    if tell_parents(decision=decision, base_url=base_url):
        decision.parents_told_on = today
        decision._history_user = by
        decision.save(update_fields=["parents_told_on"])
    return decision


def tell_parents(*, decision: ActivityDecision, base_url: str) -> int:
    """Email each parent or carer with parental responsibility who has an email address; how many."""
    links = (
        PupilContact.objects.filter(pupil=decision.pupil, parental_responsibility=True)
        .select_related("contact")
        .order_by("contact__last_name", "contact__first_name", "pk")
    )
    sent = 0
    for link in links:
        if not link.contact.email:
            continue
        subject, body = emails.decision(decision, link.contact, base_url)
        queue_email(
            to=link.contact.email,
            subject=subject,
            body=body,
            about="Decision about taking part in an activity",
            about_key=f"activity_decision:{decision.pk}",
        )
        sent += 1
    return sent


@transaction.atomic
def save_adjustment(
    *,
    pupil: Pupil,
    by: Any,
    kind: str,
    description: str,
    since: date,
    review_on: date | None = None,
    ended_on: date | None = None,
    adjustment: Adjustment | None = None,
    version: int | None = None,
    today: date | None = None,
) -> Adjustment:
    """A reasonable adjustment or auxiliary aid for ``pupil`` (new, or changes to ``adjustment``)."""
    today = today or dates.today()
    errors: dict[str, str] = {}
    _not_after_today(ended_on, "ended_on", today, errors, "date it stopped")
    if adjustment is not None:
        expect_version(adjustment, version)
    adjustment = adjustment or Adjustment(pupil=pupil)
    adjustment.kind = kind
    adjustment.description = (description or "").strip()
    adjustment.since = since
    adjustment.review_on = review_on
    adjustment.ended_on = ended_on
    adjustment.recorded_by = by
    return _save(adjustment, by, errors)


@transaction.atomic
def record_arrangement(
    *,
    pupil: Pupil,
    by: Any,
    series: str,
    arrangement: str,
    evidence: str,
    extra_time_percent: int | None = None,
    assessed_on: date | None = None,
    assessor: str = "",
    today: date | None = None,
) -> AccessArrangement:
    """An exam access arrangement for ``pupil`` in ``series``, with its evidence (required)."""
    today = today or dates.today()
    errors: dict[str, str] = {}
    series = " ".join((series or "").split())
    _not_after_today(assessed_on, "assessed_on", today, errors, "date of the assessor's report")
    if series and AccessArrangement.objects.filter(pupil=pupil, series=series, arrangement=arrangement).exists():
        errors["arrangement"] = f"This arrangement is already recorded for {series}."
    return _save(
        AccessArrangement(
            pupil=pupil,
            series=series,
            arrangement=arrangement or "",
            extra_time_percent=extra_time_percent,
            evidence=(evidence or "").strip(),
            assessed_on=assessed_on,
            assessor=(assessor or "").strip(),
            recorded_by=by,
        ),
        by,
        errors,
    )
