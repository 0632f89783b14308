"""Writes: the draft (always saved, whatever is missing), training records, the accessibility plan's
actions, and publication, which refuses while an item is missing and otherwise freezes a version.

Each write is one transaction with the author on the history row (``_history_user``), so the change
appears in the audit log.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from sendsupport.portal.services import save_sen_information_report_url
from sendsupport.schools.models import School
from sendsupport.statutory.publishing import selectors
from sendsupport.statutory.publishing.models import AccessibilityAction, Publication, ReportDraft, TrainingRecord


def _save(instance: Any, by: Any) -> Any:
    instance.full_clean()
    instance._history_user = by
    instance.save()
    return instance


@transaction.atomic
def save_draft(*, school: School, by: Any, **fields: Any) -> ReportDraft:
    """Save some of the draft's fields. Blank items are allowed: a draft is work in progress."""
    draft = ReportDraft.objects.select_for_update().filter(school=school).first() or ReportDraft(school=school)
    for name, value in fields.items():
        if not hasattr(draft, name) or name in {"id", "school", "school_id", "updated_at"}:
            raise ValueError(f"Not a field of the draft: {name}")
        setattr(draft, name, value.strip() if isinstance(value, str) else value)
    if draft.plan_starts_on and draft.plan_ends_on and draft.plan_ends_on <= draft.plan_starts_on:
        raise ValidationError({"plan_ends_on": "The date the plan runs to must be after the date it runs from."})
    return _save(draft, by)


@transaction.atomic
def add_training(
    *, school: School, by: Any, course: str, attended_by: str, completed_on: date, today: date
) -> TrainingRecord:
    if completed_on > today:
        raise ValidationError({"completed_on": "The date completed cannot be in the future."})
    record = TrainingRecord(
        school=school, course=course.strip(), attended_by=attended_by.strip(), completed_on=completed_on
    )
    return _save(record, by)


@transaction.atomic
def remove_training(*, record: TrainingRecord, by: Any) -> None:
    record._history_user = by
    record.delete()


@transaction.atomic
def save_action(
    *, school: School, by: Any, existing: AccessibilityAction | None = None, **fields: Any
) -> AccessibilityAction:
    """Add an action to the accessibility plan, or change ``existing`` (its status as it gets done)."""
    instance = existing or AccessibilityAction(school=school)
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    return _save(instance, by)


def _is_web_address(url: str) -> bool:
    """A host without a domain (a test server) is not an address parents could follow."""
    try:
        URLValidator()(url)
    except ValidationError:
        return False
    return True


def _public_url(kind: str, school: School) -> str:
    name = "publishing:public_report" if kind == Publication.Kind.REPORT else "publishing:public_strategy"
    return reverse(name, args=[school.urn])


@transaction.atomic
def publish(*, school: School, kind: str, by: Any, today: date, base_url: str) -> Publication:
    """Freeze what would be published today as the next version, or refuse, naming every missing item.

    Publishing the report points the school's SEN information report address (which the parent
    portal links to) at the public page, unless the school has set an address of its own.
    """
    if kind == Publication.Kind.REPORT:
        content = selectors.report_contents(school, today=today)
        missing = selectors.missing_report_items(content)
        what = "the SEN information report"
    else:
        content = selectors.strategy_contents(school, today=today)
        missing = selectors.missing_strategy_items(content)
        what = "the inclusion strategy"
    if missing:
        raise ValidationError(
            [f"You cannot publish {what} until every item is filled in. Missing: {item}." for item in missing]
        )
    # Serialise publications of one school, so two clicks cannot take the same version number.
    School.objects.select_for_update().filter(pk=school.pk).first()
    number = (Publication.objects.filter(school=school, kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1
    content["published_on"] = f"{today.day} {today:%B %Y}"
    publication = _save(
        Publication(school=school, kind=kind, number=number, published_on=today, published_by=by, content=content), by
    )
    if kind == Publication.Kind.REPORT:
        public = base_url.rstrip("/") + _public_url(kind, school)
        current = school.sen_information_report_url
        ours = not current or current.endswith(_public_url(kind, school))
        if ours and current != public and _is_web_address(public):
            save_sen_information_report_url(school=school, by=by, url=public)
    return publication
