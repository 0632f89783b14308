"""The SENCO's answer to a concern that does not lead to a cycle: looked at, and what was decided."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from sendsupport.core.dates import in_words
from sendsupport.support.models import Concern
from sendsupport.support.services._common import Errors, add, not_in_future, raise_if, save, today_or


@transaction.atomic
def record_concern_looked_at(
    *, concern: Concern, by: Any, looked_at_on: date, note: str, today: date | None = None
) -> Concern:
    """Close an open concern without starting a cycle, saying what was decided (for example "no
    further action: reading is in line with the class"). The teacher who raised it sees the note."""
    today = today_or(today)
    errors: Errors = {}
    if concern.cycle_id is not None:
        add(errors, "looked_at_on", "This concern is already taken up into a cycle.")
    elif concern.looked_at_on is not None:
        add(errors, "looked_at_on", f"This concern was already looked at on {in_words(concern.looked_at_on)}.")
    not_in_future(errors, "looked_at_on", looked_at_on, today)
    if looked_at_on < concern.raised_on:
        add(
            errors,
            "looked_at_on",
            f"The date looked at cannot be before the concern was raised ({concern.raised_on:%d/%m/%Y}).",
        )
    if not note.strip():
        add(errors, "note", 'Say what was decided, for example "No further action" and why.')
    raise_if(errors)
    concern.looked_at_on = looked_at_on
    concern.looked_at_by = by
    concern.looked_at_note = note.strip()
    return save(concern, by)
