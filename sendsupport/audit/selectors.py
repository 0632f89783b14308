"""Reading the audit log: a school's, or one pupil's. Only SENCOs and heads get here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sendsupport.audit.models import AuditEvent
from sendsupport.schools.models import School


def school_log(user: Any, school: School, *, action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.visible_to(user).filter(school=school).select_related("pupil")
    if action:
        events = events.filter(action=action)
    return events.order_by("-at", "-id")


def pupil_log(user: Any, pupil) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.visible_to(user).filter(pupil_id=pupil.pk).order_by("-at", "-id")
