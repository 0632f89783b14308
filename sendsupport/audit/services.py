"""Writing to the audit log. Changes arrive through django-simple-history; views are logged here."""

from __future__ import annotations

from typing import Any

from sendsupport.audit.models import AuditEvent


def _actor_fields(user: Any) -> dict[str, Any]:
    if user is None or not getattr(user, "is_authenticated", False):
        return {"actor": None, "actor_name": "system"}
    return {"actor": user, "actor_name": user.get_username()}


def record_view(*, user: Any, pupil: Any, what: str) -> AuditEvent:
    """Log that ``user`` saw part of ``pupil``'s record (``what`` says which part)."""
    return AuditEvent.objects.create(
        **_actor_fields(user),
        school_id=pupil.school_id,
        pupil=pupil,
        action=AuditEvent.Action.VIEWED,
        object_type="pupil",
        object_id=str(pupil.pk),
        summary=what[:300],
    )


def record_export(*, user: Any, school_id: int, pupil: Any | None, what: str) -> AuditEvent:
    """Log that data left the system (a file, a document, an API response of many pupils)."""
    return AuditEvent.objects.create(
        **_actor_fields(user),
        school_id=school_id,
        pupil=pupil,
        action=AuditEvent.Action.EXPORTED,
        object_type="pupil" if pupil else "school",
        object_id=str(pupil.pk) if pupil else str(school_id),
        summary=what[:300],
    )


def record_change(
    *,
    user: Any,
    school_id: int | None,
    pupil_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
    changes: list[dict[str, Any]],
) -> AuditEvent:
    return AuditEvent.objects.create(
        **_actor_fields(user),
        school_id=school_id,
        pupil_id=pupil_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:300],
        changes=changes,
    )
