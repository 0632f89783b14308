"""Writes to a school's own settings: its policy figures and its term dates. Keyword-only; one
transaction each. Both are changes a head or SENCO makes; both are audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.schools.models import AcademicYear, School, SchoolPolicy, Term

POLICY_FIELDS = SchoolPolicy.FIGURES


@transaction.atomic
def save_policy(*, school: School, by: Any, **figures: int) -> SchoolPolicy:
    """Set the school's figures; any not given keep their value (the national default at first)."""
    unknown = set(figures) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown policy figures: {', '.join(sorted(unknown))}")
    policy = SchoolPolicy.objects.select_for_update().filter(school=school).first() or SchoolPolicy(school=school)
    for name, value in figures.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy._history_user = by
    policy.save()
    return policy


TERM_NAMES = ("autumn", "spring", "summer")


@transaction.atomic
def save_terms(*, school: School, by: Any, start_year: int, dates: dict[str, tuple[date, date]]) -> list[Term]:
    """Set the school's three terms for the academic year starting in ``start_year``.

    Each term ends after it starts, the terms follow one another, and all fall between
    1 September and 31 August of that year. Nothing is saved if any rule is broken.
    """
    first, last = date(start_year, 9, 1), date(start_year + 1, 8, 31)
    errors: dict[str, str] = {}
    previous_end: date | None = None
    for name in TERM_NAMES:
        start, end = dates[name]
        label = name.capitalize()
        if not first <= start <= last or not first <= end <= last:
            errors[f"{name}_start"] = f"{label} term must fall between {first:%d/%m/%Y} and {last:%d/%m/%Y}."
        elif end <= start:
            errors[f"{name}_end"] = f"{label} term must end after it starts ({start:%d/%m/%Y})."
        elif previous_end is not None and start <= previous_end:
            errors[f"{name}_start"] = (
                f"{label} term must start after the term before it ends ({previous_end:%d/%m/%Y})."
            )
        previous_end = end
    if errors:
        raise ValidationError(errors)
    year = AcademicYear.for_date(first)
    terms = []
    for name in TERM_NAMES:
        start, end = dates[name]
        term, _ = Term.objects.update_or_create(
            school=school, academic_year=year, name=name, defaults={"start_date": start, "end_date": end}
        )
        terms.append(term)
    record_change(
        user=by,
        school_id=school.pk,
        pupil_id=None,
        action=AuditEvent.Action.CHANGED,
        object_type="term dates",
        object_id=str(year),
        summary=f"Term dates for {year} set",
        changes=[
            {"field": f"{t.name} term", "before": None, "after": f"{t.start_date} to {t.end_date}"} for t in terms
        ],
    )
    return terms
