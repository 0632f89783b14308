"""Writes of the portal: where the school publishes its SEN information report."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.schools.models import School


@transaction.atomic
def save_sen_information_report_url(*, school: School, by: Any, url: str) -> School:
    """Record (or clear, with "") the address of the school's SEN information report; parents see it."""
    locked = School.objects.select_for_update().get(pk=school.pk)
    before = locked.sen_information_report_url
    locked.sen_information_report_url = url.strip()
    locked.full_clean(
        exclude=[f.name for f in School._meta.fields if f.name != "sen_information_report_url"],
        validate_unique=False,
        validate_constraints=False,
    )
    if before != locked.sen_information_report_url:
        locked.save(update_fields=["sen_information_report_url"])
        record_change(
            user=by,
            school_id=school.pk,
            pupil_id=None,
            action=AuditEvent.Action.CHANGED,
            object_type="school",
            object_id=str(school.pk),
            summary="Changed where the school publishes its SEN information report",
            changes=[
                {"field": "sen_information_report_url", "before": before, "after": locked.sen_information_report_url}
            ],
        )
    school.sen_information_report_url = locked.sen_information_report_url
    return locked
