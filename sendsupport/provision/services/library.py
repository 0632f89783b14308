"""Every write to a school's intervention library. Keyword-only; one transaction each.

Changes are audited through django-simple-history (``_history_user``), as in the support services.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.provision.library_seed import COMMON_INTERVENTIONS
from sendsupport.provision.models import Intervention
from sendsupport.schools.models import School

FIELDS = (
    "name",
    "area",
    "description",
    "evidence",
    "evidence_url",
    "group_size",
    "session_minutes",
    "sessions_per_week",
    "delivered_by",
    "extra_costs",
    "extra_cost_pence",
    "shared_with_trust",
    "active",
)
TEXT_FIELDS = ("name", "description", "evidence", "evidence_url", "extra_costs")


def _errors(row: Intervention) -> dict[str, str]:
    """Our own messages first (they name the rule), then the model's for anything else."""
    errors: dict[str, str] = {}
    if not row.name:
        errors["name"] = "Enter the intervention's name."
    elif Intervention.objects.filter(school_id=row.school_id, name__iexact=row.name).exclude(pk=row.pk).exists():
        errors["name"] = f"Your library already has an intervention called “{row.name}”: choose another name."
    if not row.description:
        errors["description"] = "Say what happens in a session."
    for name, label in (
        ("group_size", "The usual group size"),
        ("session_minutes", "The session length"),
        ("sessions_per_week", "The number of sessions a week"),
    ):
        value = getattr(row, name)
        if value is None or value < 1:
            errors[name] = f"{label} must be 1 or more."
    if row.session_minutes and row.session_minutes > 24 * 60:
        errors["session_minutes"] = "A session cannot be longer than a day (1,440 minutes)."
    if row.extra_cost_pence is not None and row.extra_cost_pence < 0:
        errors["extra_cost_pence"] = "The extra cost cannot be less than nothing: enter 0 or more."
    if errors:
        return errors
    try:
        row.full_clean(exclude=["school"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])
    return errors


def _assign(row: Intervention, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown intervention fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(row, name, value.strip() if name in TEXT_FIELDS and isinstance(value, str) else value)


def _save(row: Intervention, by: Any) -> Intervention:
    errors = _errors(row)
    if errors:
        raise ValidationError(errors)
    row._history_user = by
    row.save()
    return row


@transaction.atomic
def create_intervention(*, school: School, by: Any, **fields: Any) -> Intervention:
    """Add an intervention to the school's library."""
    row = Intervention(school=school)
    _assign(row, fields)
    return _save(row, by)


@transaction.atomic
def update_intervention(*, intervention: Intervention, school: School, by: Any, **fields: Any) -> Intervention:
    """Change one of the school's own interventions (sharing it and whether it is offered included).
    Another school's shared intervention is used as it is: only its own school changes it."""
    if intervention.school_id != school.pk:
        raise ValidationError(
            {"__all__": "This intervention belongs to another school of your trust: only they can change it."}
        )
    _assign(intervention, fields)
    return _save(intervention, by)


@transaction.atomic
def add_common_interventions(*, school: School, by: Any) -> list[Intervention]:
    """Add the common interventions (``library_seed``) the school's library does not have yet, by name."""
    have = {name.casefold() for name in Intervention.objects.filter(school=school).values_list("name", flat=True)}
    added = []
    for entry in COMMON_INTERVENTIONS:
        if entry["name"].casefold() in have:
            continue
        added.append(_save(Intervention(school=school, **entry), by))
    return added
