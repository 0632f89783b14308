"""The audit log in plain English: field labels instead of names, names instead of ids.

Entries store raw field names and values (the log must not change when a label does); this module
turns one page of entries into words. Foreign keys are resolved in bulk, one query per related
model for the whole page, so the page costs the same whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from sendsupport.audit.models import AuditEvent
from sendsupport.core.dates import in_words

EMPTY = (None, "", [], {})


@dataclass(frozen=True)
class ReadableChange:
    label: str
    before: str
    after: str


@cache
def _models_by_verbose_name() -> dict[str, type[models.Model]]:
    """Entries name their model by verbose name (see signals.py); history models are left out."""
    found: dict[str, type[models.Model]] = {}
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        found.setdefault(str(model._meta.verbose_name), model)
    return found


@cache
def _fields(model: type[models.Model]) -> dict[str, models.Field]:
    """A model's concrete fields by name and by attribute name (``notified_by`` and ``notified_by_id``)."""
    fields: dict[str, models.Field] = {}
    for field in model._meta.concrete_fields:
        fields[field.name] = field
        fields[field.attname] = field
    for field in model._meta.many_to_many:
        fields[field.name] = field
    return fields


def _m2m_ids(field: models.Field, value: Any) -> list[Any]:
    """History records a many-to-many change as rows of the link table: pick out the far end's ids."""
    if not field.many_to_many or not isinstance(value, list):
        return []
    name = field.m2m_reverse_field_name()
    ids = []
    for row in value:
        if isinstance(row, dict):
            found = row.get(name, row.get(f"{name}_id"))
            if found not in EMPTY:
                ids.append(found)
        elif row not in EMPTY:
            ids.append(row)
    return ids


def _label(field: models.Field | None, name: str) -> str:
    if field is None:
        return name.removesuffix("_id").replace("_", " ").capitalize()
    text = str(field.verbose_name)
    return text[:1].upper() + text[1:]


def _display_names(model: type[models.Model], ids: set[Any]) -> dict[str, str]:
    """One query for every row of ``model`` the page mentions, keyed by the id as text."""
    user_model = get_user_model()
    rows = model._base_manager.filter(pk__in=ids)
    if model is user_model:
        return {
            str(pk): (f"{first} {last}".strip() or username)
            for pk, first, last, username in rows.values_list("pk", "first_name", "last_name", "username")
        }
    # Some __str__ methods name a related row ("Concern about Maya Evans"): fetch those in the same query.
    related = [field.name for field in model._meta.concrete_fields if field.is_relation]
    return {str(row.pk): _own_str(row) for row in rows.select_related(*related)}


def _own_str(row: models.Model) -> str:
    name = getattr(row, "display_name", None)
    if isinstance(name, str) and name:
        return name
    return str(row)


def _as_text(field: models.Field | None, value: Any, names: dict[tuple[type, str], str]) -> str:
    if value in EMPTY:
        return ""
    if field is not None and field.many_to_many:
        unknown = "a record no longer here"
        return ", ".join(names.get((field.related_model, str(pk)), unknown) for pk in _m2m_ids(field, value))
    if field is not None and field.is_relation and field.related_model is not None:
        return names.get((field.related_model, str(value)), f"a record no longer here (number {value})")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            return in_words(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if item not in EMPTY)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items() if item not in EMPTY)
    return str(value)


def readable_changes(events: Iterable[AuditEvent]) -> dict[int, list[ReadableChange]]:
    """Each entry's changes as (label, before, after) in words, empty values left out."""
    events = list(events)
    by_model = _models_by_verbose_name()
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for event in events:
        model = by_model.get(event.object_type)
        fields = _fields(model) if model else {}
        for change in event.changes or []:
            field = fields.get(change.get("field", ""))
            if field is not None and field.many_to_many:
                for value in (change.get("before"), change.get("after")):
                    wanted[field.related_model].update(_m2m_ids(field, value))
            elif field is not None and field.is_relation and field.related_model is not None:
                for value in (change.get("before"), change.get("after")):
                    if value not in EMPTY:
                        wanted[field.related_model].add(value)
    names: dict[tuple[type, str], str] = {}
    for model, ids in wanted.items():
        for pk, name in _display_names(model, ids).items():
            names[(model, pk)] = name
    result: dict[int, list[ReadableChange]] = {}
    for event in events:
        model = by_model.get(event.object_type)
        fields = _fields(model) if model else {}
        readable = []
        for change in event.changes or []:
            field = fields.get(change.get("field", ""))
            before = _as_text(field, change.get("before"), names)
            after = _as_text(field, change.get("after"), names)
            if before or after:
                readable.append(ReadableChange(_label(field, change.get("field", "")), before, after))
        result[event.pk] = readable
    return result
