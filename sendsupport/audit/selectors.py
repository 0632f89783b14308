"""Reading the audit log: a school's, or one pupil's. Only SENCOs and heads get here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from sendsupport.audit.models import AuditEvent
from sendsupport.schools.models import School


@dataclass(frozen=True)
class LogFilters:
    action: str = ""
    pupil: str = ""  # words of a pupil's name, or a UPN
    person: str = ""  # words of the name or user name of who did it
    date_from: date | None = None
    date_to: date | None = None


def _words(text: str) -> list[str]:
    return [word for word in text.split() if word][:5]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(events: QuerySet[AuditEvent], filters: LogFilters) -> QuerySet[AuditEvent]:
    if filters.action:
        events = events.filter(action=filters.action)
    for word in _words(filters.pupil):
        events = events.filter(
            Q(pupil__legal_first_name__icontains=word)
            | Q(pupil__legal_last_name__icontains=word)
            | Q(pupil__preferred_first_name__icontains=word)
            | Q(pupil__preferred_last_name__icontains=word)
            | Q(pupil__upn__iexact=word)
        )
    for word in _words(filters.person):
        events = events.filter(
            Q(actor_name__icontains=word) | Q(actor__first_name__icontains=word) | Q(actor__last_name__icontains=word)
        )
    if filters.date_from:
        events = events.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return events


def school_log(
    user: Any, school: School, *, action: str = "", filters: LogFilters | None = None
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.visible_to(user).filter(school=school).select_related("pupil", "actor")
    return filtered(events, filters or LogFilters(action=action)).order_by("-at", "-id")


def pupil_log(user: Any, pupil, *, filters: LogFilters | None = None) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.visible_to(user).filter(pupil_id=pupil.pk).select_related("actor")
    return filtered(events, filters or LogFilters()).order_by("-at", "-id")
