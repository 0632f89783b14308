"""Turn each django-simple-history record into an audit entry with before and after values.

Hooking history (not our services) means admin edits and imports are logged too.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change

ACTIONS = {"+": AuditEvent.Action.CREATED, "~": AuditEvent.Action.CHANGED, "-": AuditEvent.Action.DELETED}
SKIPPED_FIELDS = {"id", "recorded_at"}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


def _field_values(instance: Any) -> dict[str, Any]:
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in SKIPPED_FIELDS
    }


def _changes(history_instance: Any, history_type: str) -> list[dict[str, Any]]:
    if history_type == "~":
        previous = history_instance.prev_record
        if previous is not None:
            delta = history_instance.diff_against(previous)
            return [
                {"field": change.field, "before": _plain(change.old), "after": _plain(change.new)}
                for change in delta.changes
                if change.field not in SKIPPED_FIELDS
            ]
    values = _field_values(history_instance.instance)
    if history_type == "-":
        return [{"field": name, "before": value, "after": None} for name, value in values.items()]
    return [{"field": name, "before": None, "after": value} for name, value in values.items()]


def _subject(instance: Any) -> tuple[int | None, int | None]:
    """The (school id, pupil id) a changed row belongs to.

    A model whose rows reach the pupil some other way defines ``audit_subject()`` returning the pair.
    """
    if hasattr(instance, "audit_subject"):
        return instance.audit_subject()
    model = instance._meta.model_name
    if model == "pupil":
        return instance.school_id, instance.pk
    if hasattr(instance, "pupil_id"):
        return instance.pupil.school_id, instance.pupil_id
    return getattr(instance, "school_id", None), None


def _subjects(instance: Any) -> list[tuple[int | None, int | None]]:
    """Every (school id, pupil id) a changed row belongs to.

    A row shared by several pupils' records (a parent of siblings) defines ``audit_subjects()``,
    so the change shows in each child's log.
    """
    if hasattr(instance, "audit_subjects"):
        subjects = instance.audit_subjects()
        if subjects:
            return subjects
    return [_subject(instance)]


@receiver(post_create_historical_record)
def log_history_as_audit(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    history_type = history_instance.history_type
    changes = _changes(history_instance, history_type)
    if history_type == "~" and not changes:
        return
    for school_id, pupil_id in _subjects(instance):
        record_change(
            user=history_instance.history_user,
            school_id=school_id,
            pupil_id=pupil_id,
            action=ACTIONS[history_type],
            object_type=instance._meta.verbose_name,
            object_id=str(instance.pk),
            summary=f"{ACTIONS[history_type].label} {instance._meta.verbose_name}: {instance}",
            changes=changes,
        )
