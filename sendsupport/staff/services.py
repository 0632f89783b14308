"""Writes behind the staff and school settings pages that need the audit recorder: the school's term dates.

Terms keep no history of their own, so the change is written to the audit log here, above the
``schools`` app (which sits below the recorder and may not import it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.core.dates import in_words
from sendsupport.schools.models import AcademicYear, School, Term

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
            errors[f"{name}_start"] = f"{label} term must fall between {in_words(first)} and {in_words(last)}."
        elif end <= start:
            errors[f"{name}_end"] = f"{label} term must end after it starts ({in_words(start)})."
        elif previous_end is not None and start <= previous_end:
            errors[f"{name}_start"] = (
                f"{label} term must start after the term before it ends ({in_words(previous_end)})."
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
