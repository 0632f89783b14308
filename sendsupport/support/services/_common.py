"""Helpers every support service shares: today, the closed-cycle rule, saving with history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from sendsupport.core import dates
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, StaffMembership
from sendsupport.support.choices import CycleStatus
from sendsupport.support.models.cycle import CLOSED_MESSAGE, Cycle

Errors = dict[str, list[str]]


def today_or(today: date | None) -> date:
    return today or dates.today()


def ensure_open(cycle: Cycle) -> None:
    """Nothing in a closed cycle changes: corrections are added beside it instead.

    Asks the database, not the object in hand, which may be older than a close made meanwhile."""
    if not Cycle.objects.filter(pk=cycle.pk, status=CycleStatus.OPEN).exists():
        raise ValidationError({"cycle": CLOSED_MESSAGE})


def add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def extend(errors: Errors, more: Errors) -> None:
    for field, messages in more.items():
        for message in messages:
            add(errors, field, message)


def merge(errors: Errors, error: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Fold a ValidationError into ``errors``, renaming fields (a service's names to a form's)."""
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                add(errors, rename.get(field, field), message)
    else:
        for message in error.messages:
            add(errors, "__all__", message)


def not_in_future(errors: Errors, field: str, value: date | None, today: date, what: str = "The date") -> None:
    if value and value > today:
        add(errors, field, f"{what} must be today or in the past.")


def clean_errors(instance: models.Model, exclude: list[str] | None = None) -> Errors:
    """The model's own invariants (``full_clean``) as an errors dict, without raising."""
    errors: Errors = {}
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        merge(errors, error)
    return errors


def raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def save(instance: models.Model, by: Any) -> models.Model:
    instance._history_user = by
    instance.save()
    return instance


def works_at(user: Any, school_id: int) -> bool:
    """True if ``user`` holds an active staff role at the school (anyone who may be named responsible)."""
    return (
        user is not None
        and StaffMembership.objects.filter(
            user=user, school_id=school_id, active=True, role__in=REGISTER_MANAGERS | CLASSROOM_STAFF
        ).exists()
    )
