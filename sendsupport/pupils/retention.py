"""Deleting the records of pupils who left, once the school's retention period has passed.

A pupil's whole record goes when they are no longer on roll (``on_roll_until`` in the past) and their
date of birth plus the school's ``retention_years_after_dob`` (31 by default) has passed: every row
that hangs from the pupil (found as Django's own delete would find it), the change history
simple-history kept of those rows, the emails sent about them, their uploaded documents, and the
parents' and carers' details when no other pupil is linked to them.

Each deletion is itself logged as an audit event holding no personal data: the rule, the date, the
number of rows of each kind, and an opaque id that means nothing outside this log.

Run daily: ``sendsupport apply-retention`` (from cron), or the ``apply_retention_task`` task that the
demo asks its worker to run.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django_tasks import task

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.core.dates import today as today_date
from sendsupport.core.models import OutboundEmail
from sendsupport.pupils.models import Contact, Pupil
from sendsupport.schools.models import School, SchoolPolicy

RULE = "date of birth + {years} years, after leaving"


@dataclass
class RetentionResult:
    pupils: int = 0
    rows: Counter = field(default_factory=Counter)


def retention_point(date_of_birth: date, years: int) -> date:
    """The day the record may go: the birthday ``years`` on (28 February for a 29 February birthday)."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:
        return date(date_of_birth.year + years, 2, 28)


def _born_on_or_before(today: date, years: int) -> date:
    return retention_point(today, -years)


def due_for_deletion(school: School, today: date) -> models.QuerySet[Pupil]:
    """Pupils of ``school`` who have left and whose retention point has passed."""
    years = SchoolPolicy.for_school(school).retention_years_after_dob
    return Pupil.objects.filter(
        school=school,
        on_roll_until__lt=today,
        date_of_birth__lt=_born_on_or_before(today, years),
    ).order_by("pk")


def _history_model(model: type[models.Model]) -> type[models.Model] | None:
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None) if manager is not None else None


def _delete_pupil(pupil: Pupil) -> Counter:
    """Delete one pupil's record completely; the rows deleted by kind. Inside the caller's transaction."""
    using = router.db_for_write(Pupil)
    collector = Collector(using=using)
    collector.collect([pupil])
    rows: Counter = Counter()
    files: list[Path] = []
    email_ids: set[int] = set()
    contact_ids = set(pupil.contact_links.values_list("contact_id", flat=True))
    kept_history: dict[type[models.Model], set] = {}
    for model, instances in collector.data.items():
        kept_history[model] = {instance.pk for instance in instances}
        for instance in instances:
            for model_field in model._meta.concrete_fields:
                if isinstance(model_field, models.FileField):
                    stored = getattr(instance, model_field.attname)
                    if stored:
                        files.append(Path(getattr(instance, model_field.name).path))
                elif model_field.related_model is OutboundEmail and getattr(instance, model_field.attname):
                    email_ids.add(getattr(instance, model_field.attname))
    _, deleted = collector.delete()
    for label, count in deleted.items():
        if count:
            rows[label] += count
    # simple-history keeps every version of each row (and one more for the deletion): those go too.
    for model, pks in kept_history.items():
        history = _history_model(model)
        if history is not None and pks:
            count, _ = history.objects.filter(**{model._meta.pk.attname + "__in": pks}).delete()
            if count:
                rows[history._meta.label] += count
    if email_ids:
        count, _ = OutboundEmail.objects.filter(pk__in=email_ids).delete()
        rows[OutboundEmail._meta.label] += count
    orphans = Contact.objects.filter(pk__in=contact_ids, pupil_links__isnull=True)
    orphan_ids = list(orphans.values_list("pk", flat=True))
    if orphan_ids:
        _, deleted = Contact.objects.filter(pk__in=orphan_ids).delete()
        rows.update({label: count for label, count in deleted.items() if count})
        history = _history_model(Contact)
        if history is not None:
            count, _ = history.objects.filter(id__in=orphan_ids).delete()
            rows[history._meta.label] += count
    # Files go only once the deletion is committed: a rolled-back run leaves everything as it was.
    transaction.on_commit(lambda: [path.unlink(missing_ok=True) for path in files])
    rows["files"] += len(files)
    return rows


def apply_retention(*, today: date | None = None, dry_run: bool = False) -> RetentionResult:
    """Delete every record past its retention point, one pupil per transaction; what was deleted."""
    today = today or today_date()
    result = RetentionResult()
    for school in School.objects.order_by("pk"):
        years = SchoolPolicy.for_school(school).retention_years_after_dob
        for pupil_id in list(due_for_deletion(school, today).values_list("pk", flat=True)):
            if dry_run:
                result.pupils += 1
                continue
            with transaction.atomic():
                pupil = Pupil.objects.select_for_update().filter(pk=pupil_id).first()
                if pupil is None:  # deleted by another run meanwhile
                    continue
                rows = _delete_pupil(pupil)
                _log(school, years, today, rows)
            result.pupils += 1
            result.rows.update(rows)
    return result


def _log(school: School, years: int, today: date, rows: Counter) -> AuditEvent:
    """The deletion, in the audit log: the rule, the day and the counts; nothing about the pupil."""
    opaque = uuid.uuid4().hex
    counts = dict(sorted(rows.items()))
    return record_change(
        user=None,
        school_id=school.pk,
        pupil_id=None,
        action=AuditEvent.Action.DELETED,
        object_type="record deleted (retention)",
        object_id=opaque,
        summary=f"A former pupil's record was deleted under the retention rule ({RULE.format(years=years)}) "
        f"on {today.isoformat()}: {sum(rows.values())} rows and files.",
        changes=[
            {"field": "rule", "before": None, "after": RULE.format(years=years)},
            {"field": "date", "before": None, "after": today.isoformat()},
            *({"field": f"rows of {label}", "before": count, "after": None} for label, count in counts.items()),
        ],
    )


@task()
def apply_retention_task() -> int:
    """The retention run as a django-tasks task, for the worker; the number of pupils' records deleted."""
    return apply_retention().pupils
