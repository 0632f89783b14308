"""No lost updates: a version number on the row, compared and raised in one UPDATE.

A model that inherits ``Versioned`` keeps ``version``. Every save of an existing row first runs
``UPDATE ... SET version = n + 1 WHERE id = ... AND version = n``, where ``n`` is the version the
code in hand loaded (or the version an edit form was drawn from, set with ``expect_version``). When
someone else saved in between, the UPDATE touches no row and the save is refused with ``StaleEdit``:
a ValidationError saying who changed what, with the newer values, so the form is shown again with
what the person typed. The conditional UPDATE is atomic on SQLite and PostgreSQL alike (on
PostgreSQL the second writer waits for the first's row lock and then finds the version gone).

Edit forms carry the version in a hidden field (``VersionField``); a write that sends none (the API,
an import) is checked against the version it loaded in the same request.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from sendsupport.core.dates import in_words

SKIPPED = {"id", "version"}
LONGEST_VALUE = 120


class StaleEdit(ValidationError):
    """Someone saved the record after this edit began. ``current_version`` is the newer version."""

    def __init__(self, message: str, *, current_version: int | None) -> None:
        super().__init__({NON_FIELD_ERRORS: [message]})
        self.current_version = current_version


class Versioned(models.Model):
    """A row whose saves are refused when they would overwrite a newer save (optimistic locking)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        seen = self.version
        raised = type(self)._base_manager.filter(pk=self.pk, version=seen).update(version=seen + 1)
        if not raised:
            raise stale_error(self, seen)
        self.version = seen + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


def expect_version(instance: Versioned, seen: int | None) -> None:
    """Save ``instance`` only over the version ``seen`` (from the edit form). None: the one loaded."""
    if seen is not None:
        instance.version = seen


def _shown(instance: models.Model, field: models.Field) -> str:
    if isinstance(field, models.ForeignKey):
        related = getattr(instance, field.name, None)
        value: Any = related
    else:
        value = getattr(instance, field.attname)
        if field.choices and value not in (None, ""):
            value = dict(field.flatchoices).get(value, value)
    if value in (None, ""):
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{in_words(timezone.localtime(value).date())} {timezone.localtime(value):%H:%M}"
    if isinstance(value, date):
        return in_words(value)
    return _short(str(value))


def label_of(field: models.Field) -> str:
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def changed_fields(before: models.Model, after: models.Model, names: Iterable[str] | None = None) -> list[str]:
    """``after``'s fields whose values differ from ``before``'s, each as 'Label: now "value"'."""
    fields = [
        f
        for f in after._meta.concrete_fields
        if f.attname not in SKIPPED and not f.primary_key and (names is None or f.name in names)
    ]
    return [
        f"{label_of(f)}: now “{_shown(after, f)}”"
        for f in fields
        if getattr(before, f.attname, None) != getattr(after, f.attname)
    ]


def _who_and_when(current: models.Model) -> str:
    history = getattr(current, "history", None)
    latest = history.order_by("-history_date", "-history_id").first() if history is not None else None
    if latest is None:
        return "Someone else"
    user = latest.history_user
    who = user.get_full_name() or user.get_username() if user is not None else "Someone else"
    when = timezone.localtime(latest.history_date)
    return f"{who} ({in_words(when.date())} at {when:%H:%M})"


def stale_error(instance: models.Model, seen: int, *, what: str | None = None) -> StaleEdit:
    """The refusal of a save over version ``seen``: who saved since, and what they changed."""
    model = type(instance)
    current = model._base_manager.filter(pk=instance.pk).first()
    what = what or str(model._meta.verbose_name)
    if current is None:
        return StaleEdit(f"This {what} has been removed since you opened this page.", current_version=None)
    history = getattr(current, "history", None)
    before = (
        history.filter(version=seen).order_by("-history_date", "-history_id").first() if history is not None else None
    )
    changes = changed_fields(before, current) if before is not None else []
    message = (
        f"{_who_and_when(current)} saved this {what} after you opened this page, so your changes have not been saved."
    )
    if changes:
        message += " What changed: " + "; ".join(changes) + "."
    message += " What you typed is still below: check it against the newer version and save again."
    return StaleEdit(message, current_version=current.version)


def versions_of(rows: Iterable[Versioned]) -> str:
    """The versions of several rows (a plan's outcomes) as one value, "id:version,...": any change,
    addition or removal changes it, and it says which rows the reader saw."""
    return ",".join(f"{row.pk}:{row.version}" for row in sorted(rows, key=lambda row: row.pk))


def parse_versions(text: str) -> dict[int, int]:
    """``versions_of`` read back; anything malformed reads as nothing seen."""
    seen: dict[int, int] = {}
    for pair in (text or "").split(","):
        pk, _, version = pair.partition(":")
        if pk.isascii() and pk.isdigit() and version.isascii() and version.isdigit():
            seen[int(pk)] = int(version)
    return seen


def rows_changed(seen: dict[int, int], rows: Iterable[Versioned], *, what: str) -> list[str]:
    """What happened to ``rows`` since their versions ``seen``: each added, changed or removed row."""
    found: list[str] = []
    current = {row.pk: row for row in rows}
    for pk, row in current.items():
        if pk not in seen:
            found.append(f"a new {what} was added: “{_short(str(row))}”")
        elif row.version != seen[pk]:
            before = row.history.filter(version=seen[pk]).order_by("-history_date", "-history_id").first()
            detail = "; ".join(changed_fields(before, row)) if before is not None else ""
            found.append(f"the {what} “{_short(str(row))}” was changed" + (f" ({detail})" if detail else ""))
    found.extend(f"a {what} was removed" for pk in seen if pk not in current)
    return found


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


class VersionField(forms.IntegerField):
    """The version an edit form was drawn from, carried in a hidden field. Optional, so a form
    posted without it (an older page, a script) is checked against the version loaded instead."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


def show_newer_version(form: forms.BaseForm, error: StaleEdit, field: str = "version") -> None:
    """After a refusal, the form keeps what was typed but now carries the newer version, so saving
    again (having read the message) is accepted."""
    if error.current_version is None or field not in form.fields or not form.is_bound:
        return
    data = form.data.copy()
    data[form.add_prefix(field)] = str(error.current_version)
    form.data = data
