"""Corrections to a closed cycle: new, dated entries that keep the original beside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from sendsupport.core.dates import in_words
from sendsupport.support.models import Correction, Cycle, OutcomeNote, OutcomeRating, ParentNotification
from sendsupport.support.services._common import Errors, add, not_in_future, raise_if, save, today_or

# The parts of a closed cycle's record that can be corrected: text written by people. Decisions,
# dates and ratings that changed the register or closed the cycle are not corrected here.
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "assessment": (
        "teacher_assessment",
        "attainment",
        "observations",
        "behaviour",
        "pupil_views",
        "pupil_views_absent_reason",
        "parent_views",
        "parent_views_absent_reason",
        "external_advice",
    ),
    "notification": ("notes",),
    "plan": ("strategies", "support", "at_home"),
    "outcome": ("description", "baseline", "target", "measure"),
    "note": ("text", "evidence", "measure"),
    "review": (
        "progress_summary",
        "pupil_views",
        "pupil_views_absent_reason",
        "parent_views",
        "parent_views_absent_reason",
        "attendees",
        "next_step_notes",
    ),
    "rating": ("evidence", "latest_measure"),
}


@dataclass(frozen=True)
class Correctable:
    key: str  # "type:id:field", what the form posts
    object_type: str
    object_id: int
    field: str
    label: str
    current: str  # the value as it now reads: the last correction, or the original


def _field_label(instance: Any, field: str) -> str:
    return str(instance._meta.get_field(field).verbose_name)


def correctable_items(cycle: Cycle) -> list[Correctable]:
    """Every part of the cycle's record that can be corrected, with its current reading."""
    objects: list[tuple[str, Any, str]] = []
    assessment = getattr(cycle, "assessment", None)
    if assessment is not None:
        objects.append(("assessment", assessment, "Assessment"))
    for notification in ParentNotification.objects.filter(cycle=cycle).order_by("notified_on", "id"):
        objects.append(("notification", notification, f"Parents told on {in_words(notification.notified_on)}"))
    plan = getattr(cycle, "plan", None)
    if plan is not None:
        objects.append(("plan", plan, "Plan"))
        for number, outcome in enumerate(plan.outcomes.order_by("position", "id"), start=1):
            objects.append(("outcome", outcome, f"Outcome {number}"))
        for note in OutcomeNote.objects.filter(outcome__plan=plan).select_related("outcome").order_by("written_on"):
            objects.append(("note", note, f"Note of {in_words(note.written_on)}"))
        review = getattr(cycle, "review", None)
        if review is not None:
            objects.append(("review", review, "Review"))
            for rating in OutcomeRating.objects.filter(review=review).select_related("outcome"):
                objects.append(("rating", rating, f"Review of outcome '{rating.outcome}'"))
    latest: dict[tuple[str, int, str], str] = {}
    for correction in cycle.corrections.order_by("made_on", "id"):
        latest[(correction.object_type, correction.object_id, correction.field)] = correction.corrected
    items = []
    for object_type, instance, prefix in objects:
        for field in CORRECTABLE[object_type]:
            stored = getattr(instance, field) or ""
            items.append(
                Correctable(
                    key=f"{object_type}:{instance.pk}:{field}",
                    object_type=object_type,
                    object_id=instance.pk,
                    field=field,
                    label=f"{prefix}: {_field_label(instance, field).lower()}",
                    current=latest.get((object_type, instance.pk, field), stored),
                )
            )
    return items


@transaction.atomic
def add_correction(
    *,
    cycle: Cycle,
    by: Any,
    target: str,
    corrected: str,
    reason: str,
    made_on: date | None = None,
    today: date | None = None,
) -> Correction:
    """Correct one part of a closed cycle's record. The original stays as it was; the correction is
    kept with its date, who made it and why, and the value it replaces."""
    today = today_or(today)
    made_on = made_on or today
    errors: Errors = {}
    if cycle.is_open:
        add(errors, "cycle", "This cycle is still open: change the record itself rather than adding a correction.")
        raise_if(errors)
    item = next((i for i in correctable_items(cycle) if i.key == target), None)
    if item is None:
        add(errors, "target", "Choose a part of this cycle's record to correct.")
    corrected = corrected.strip()
    if not corrected:
        add(errors, "corrected", "Enter the corrected text.")
    elif item is not None and corrected == item.current.strip():
        add(errors, "corrected", "The corrected text is the same as the record: change it, or cancel.")
    if not reason.strip():
        add(errors, "reason", "Say why the record is being corrected.")
    not_in_future(errors, "made_on", made_on, today)
    if cycle.closed_on and made_on < cycle.closed_on:
        add(errors, "made_on", f"A correction cannot be dated before the cycle closed ({in_words(cycle.closed_on)}).")
    raise_if(errors)
    correction = Correction(
        cycle=cycle,
        pupil=cycle.pupil,
        object_type=item.object_type,
        object_id=item.object_id,
        field=item.field,
        label=item.label,
        original=item.current,
        corrected=corrected,
        reason=reason.strip(),
        made_on=made_on,
        by=by,
    )
    return save(correction, by)
