"""Keeping the school's outcome bank: its own entries, and its versions of the shared examples."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendsupport.pupils.codes import BroadArea
from sendsupport.schools.models import School
from sendsupport.support.models import OutcomeBankEntry
from sendsupport.support.services._common import Errors, add, raise_if, save

BANK_FIELDS = ("area", "text", "example_baseline", "example_target", "example_measure")


def _target(school: School, entry: OutcomeBankEntry | None) -> OutcomeBankEntry:
    """The row a school writes to: its own entry, its version of a shared example, or a new row."""
    if entry is None:
        return OutcomeBankEntry(school=school)
    if entry.school_id == school.pk:
        return entry
    if entry.school_id is not None:
        raise ValidationError({"entry": "This entry belongs to another school."})
    existing = OutcomeBankEntry.objects.filter(school=school, based_on=entry).first()
    return existing or OutcomeBankEntry(school=school, based_on=entry)


@transaction.atomic
def save_bank_entry(
    *, school: School, by: Any, entry: OutcomeBankEntry | None = None, **fields: str
) -> OutcomeBankEntry:
    """Add an entry to the school's bank, or change one. Changing a shared example saves the
    school's own version of it; other schools keep the original."""
    unknown = set(fields) - set(BANK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown outcome bank fields: {', '.join(sorted(unknown))}")
    errors: Errors = {}
    if fields.get("area") not in BroadArea.values:
        add(errors, "area", "Choose the broad area of need.")
    if not (fields.get("text") or "").strip():
        add(errors, "text", "Enter the outcome.")
    raise_if(errors)
    row = _target(school, entry)
    for name in BANK_FIELDS:
        setattr(row, name, (fields.get(name) or "").strip())
    row.archived = False
    row.updated_by = by
    row.updated_at = timezone.now()
    return save(row, by)


@transaction.atomic
def remove_bank_entry(*, school: School, by: Any, entry: OutcomeBankEntry) -> None:
    """Take an entry out of the school's bank. Kept (archived) so plans that used it still make sense."""
    row = _target(school, entry)
    if row.pk is None:
        for name in BANK_FIELDS:
            setattr(row, name, getattr(entry, name))
    row.archived = True
    row.updated_by = by
    row.updated_at = timezone.now()
    save(row, by)
