"""Recording entry and exit measures of a pupil in a provision. Keyword-only, one transaction,
checked with ``full_clean``; the change reaches the audit log through the model's history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.provision.choices import MeasureKind
from sendsupport.provision.models import ImpactMeasure, Provision, ProvisionMember
from sendsupport.pupils.models import Pupil


@transaction.atomic
def save_measure(
    *,
    provision: Provision,
    pupil: Pupil,
    by: Any,
    kind: str,
    score: Decimal,
    scale: str,
    measured_on: date,
    today: date | None = None,
) -> ImpactMeasure:
    """Record (or correct) the pupil's entry or exit measure in the provision.

    The pupil must have been a member; the date cannot be in the future; an exit measure must be on
    the entry measure's scale and not before it, so the gain is a true difference."""
    today = today or dates.today()
    if kind not in MeasureKind.values:
        raise ValidationError({"kind": "Choose entry or exit."})
    if not ProvisionMember.objects.filter(provision=provision, pupil=pupil).exists():
        raise ValidationError({"pupil": f"{pupil.display_name} has not been a member of {provision.name}."})
    row = ImpactMeasure.objects.filter(provision=provision, pupil=pupil, kind=kind).first()
    row = row or ImpactMeasure(provision=provision, pupil=pupil, kind=kind)
    row.score, row.scale, row.measured_on, row.recorded_by = score, scale.strip(), measured_on, by
    errors: dict[str, str] = {}
    if measured_on > today:
        errors["measured_on"] = f"The date measured must be today ({in_words(today)}) or in the past."
    if score is not None and score < 0:
        errors["score"] = "The score cannot be negative."
    other_kind = MeasureKind.ENTRY if kind == MeasureKind.EXIT else MeasureKind.EXIT
    other = ImpactMeasure.objects.filter(provision=provision, pupil=pupil, kind=other_kind).first()
    if other is not None and not errors:
        entry, exit_ = (other, row) if kind == MeasureKind.EXIT else (row, other)
        if entry.scale.casefold() != exit_.scale.casefold():
            errors["scale"] = (
                f"Use the same scale as the {other.get_kind_display().split()[0].lower()} measure ({other.scale})."
            )
        elif exit_.measured_on < entry.measured_on:
            errors["measured_on"] = (
                f"The exit measure must be on or after the entry measure ({in_words(entry.measured_on)})."
            )
    try:
        row.full_clean(exclude=["provision", "pupil", "recorded_by"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)
    row._history_user = by
    row.save()
    return row
