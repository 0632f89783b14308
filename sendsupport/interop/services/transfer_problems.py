"""The SENCO says a problem a transfer file left in a pupil's SEN record has been fixed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from sendsupport.interop.models import TransferProblem


@transaction.atomic
def mark_fixed(*, problem: TransferProblem, by: Any, now: datetime | None = None) -> TransferProblem:
    """Kept, not deleted: the history shows what the file held and who fixed it."""
    if problem.fixed_at is None:
        problem.fixed_at = now or timezone.now()
        problem.fixed_by = by
        problem._history_user = by
        problem.save(update_fields=["fixed_at", "fixed_by"])
    return problem
