"""Everything held about one pupil, for a subject access request (UK GDPR article 15).

Found by walking every model with a ``pupil`` foreign key (so a record type added later is in the
export without anyone remembering to add it), plus the parents' and carers' details, the staff's
confirmations that they read the passport, and the audit log of who viewed or changed the record.
The pupil is one already found through ``pupils.lookup`` (visible, and the rule passed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from sendsupport.audit.models import AuditEvent
from sendsupport.pupils.models import Contact, Pupil
from sendsupport.support.profiles.models import ProfileAcknowledgement

# Django's and the libraries' own tables, and the audit log (a section of its own).
OWN_APPS_PREFIX = "sendsupport."
SKIPPED_APPS = {"audit"}


@dataclass
class Section:
    """One kind of record (for example "Outcomes") and its rows, each a list of (label, key, value)."""

    title: str
    key: str
    rows: list[list[tuple[str, str, Any]]] = field(default_factory=list)

    def as_json(self) -> list[dict[str, Any]]:
        return [{key: value for _, key, value in row} for row in self.rows]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dict | list | str | int | bool) or value is None:
        return value
    if hasattr(value, "name"):  # a stored file: its name, not its bytes
        return value.name or None
    return str(value)


def _row(instance: models.Model) -> list[tuple[str, str, Any]]:
    row = []
    for model_field in instance._meta.concrete_fields:
        label = str(model_field.verbose_name)
        label = label[:1].upper() + label[1:]
        if isinstance(model_field, models.ForeignKey):
            row.append((label, model_field.name, _plain(getattr(instance, model_field.name))))
            continue
        value = getattr(instance, model_field.attname)
        if model_field.choices and value not in (None, ""):
            value = dict(model_field.flatchoices).get(value, value)
        row.append((label, model_field.name, _plain(value)))
    return row


def _models_about_a_pupil() -> list[type[models.Model]]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith(OWN_APPS_PREFIX) or model._meta.app_label in SKIPPED_APPS:
            continue
        if model.__name__.startswith("Historical"):  # the history is in the audit section
            continue
        fk = next((f for f in model._meta.concrete_fields if f.name == "pupil"), None)
        if fk is not None and fk.related_model is Pupil:
            found.append(model)
    return sorted(found, key=lambda m: (m._meta.app_label, m._meta.verbose_name_plural))


def _key(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural).replace(" ", "_").lower()


def everything_about(pupil: Pupil) -> list[Section]:
    """Every record about ``pupil``, a section per kind, with the pupil's own details first."""
    sections = [Section("The pupil's details", "pupil", [_row(pupil)])]
    contacts = Contact._base_manager.filter(pupil_links__pupil=pupil).order_by("pk")
    sections.append(Section("Parents and carers", "parents_and_carers", [_row(c) for c in contacts]))
    for model in _models_about_a_pupil():
        rows = [_row(row) for row in model._base_manager.filter(pupil=pupil).order_by("pk")]
        title = str(model._meta.verbose_name_plural)
        sections.append(Section(title[:1].upper() + title[1:], _key(model), rows))
    reads = ProfileAcknowledgement._base_manager.filter(profile__pupil=pupil).order_by("pk")
    sections.append(Section("Passports read by staff", "passports_read_by_staff", [_row(r) for r in reads]))
    return sections


def audit_trail(pupil: Pupil) -> list[dict[str, Any]]:
    """Who viewed, changed or exported the pupil's record, and when, oldest first."""
    events = AuditEvent.objects.filter(pupil_id=pupil.pk).order_by("at", "id")
    return [
        {
            "at": _plain(event.at),
            "who": event.actor_name,
            "action": event.get_action_display(),
            "what": event.summary,
            "changes": event.changes,
            "request_id": str(event.request_id) if event.request_id else None,
        }
        for event in events
    ]
