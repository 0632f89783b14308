"""Audit entries for bulk imports.

django-simple-history's bulk helpers write history rows but do not send the signal that turns a
history row into an AuditEvent, so imports write the audit log themselves: one entry per pupil
touched (with the fields that changed) and one summary entry per file.
"""

from __future__ import annotations

from typing import Any

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.interop.services.fast_insert import insert_plain


def _actor(user: Any) -> dict[str, Any]:
    if user is None or not getattr(user, "is_authenticated", False):
        return {"actor": None, "actor_name": "system"}
    return {"actor": user, "actor_name": user.get_username()}


def pupil_event(
    *, by: Any, school_id: int, pupil_id: int, created: bool, summary: str, changes: list[dict[str, Any]]
) -> AuditEvent:
    """An unsaved audit entry for one pupil; saved in bulk by ``save_events``."""
    return AuditEvent(
        **_actor(by),
        school_id=school_id,
        pupil_id=pupil_id,
        action=AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED,
        object_type="pupil",
        object_id=str(pupil_id),
        summary=summary[:300],
        changes=changes,
    )


def save_events(events: list[AuditEvent]) -> None:
    # New rows only: the append-only rule (no update, no delete) still holds.
    insert_plain(AuditEvent, events)


def import_summary(*, by: Any, school_id: int, run_id: int | None, what: str, counts: dict[str, int]) -> None:
    record_change(
        user=by,
        school_id=school_id,
        pupil_id=None,
        action=AuditEvent.Action.CHANGED,
        object_type="import",
        object_id=str(run_id or ""),
        summary=what,
        changes=[{"field": name, "before": None, "after": value} for name, value in counts.items()],
    )
