"""Importing pupils, parents and SEN data from a spreadsheet (CSV) exported by a school's MIS.

Every row is checked first (``csv_plan``, the preview); writes then go through the same services
the pupil pages use, so the same rules apply and every change reaches the audit log. All rows or
none, unless the SENCO chooses to import only the valid rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.core import dates
from sendsupport.interop.csv_plan import RowPlan, plan_csv
from sendsupport.interop.csv_reader import FIELD_LABELS
from sendsupport.interop.problems import ImportRejected, Report
from sendsupport.interop.services.audit import import_summary
from sendsupport.pupils import services as pupil_services
from sendsupport.schools.models import Group, School


def _apply_row(plan: RowPlan, *, school: School, by: Any, today: date, groups: dict[str, Group]) -> None:
    fields = dict(plan.fields)
    if plan.registration_group:
        group = groups.get(plan.registration_group.lower())
        if group is None:
            group = Group.objects.create(school=school, name=plan.registration_group, kind=Group.Kind.REGISTRATION)
            groups[group.name.lower()] = group
        fields["registration_group"] = group
    if plan.pupil is None:
        pupil = pupil_services.create_pupil(school=school, by=by, upn=plan.upn, **fields)
    else:
        pupil = plan.pupil
        if fields:
            pupil = pupil_services.update_pupil(pupil=pupil, by=by, **fields)
    if plan.sen:
        provision, needs, start = plan.sen
        pupil_services.change_sen_status(
            pupil=pupil,
            provision=provision,
            needs=needs,
            start_date=start,
            reason="Imported from a spreadsheet (CSV)",
            by=by,
            today=today,
        )
    for contact in plan.contacts:
        if contact.link is None:
            pupil_services.add_contact(
                pupil=pupil,
                by=by,
                relationship=contact.relationship,
                parental_responsibility=contact.parental_responsibility,
                **contact.fields,
            )
        else:
            pupil_services.update_contact(
                link=contact.link,
                by=by,
                relationship=contact.relationship,
                parental_responsibility=contact.parental_responsibility,
                **contact.fields,
            )


class _Rollback(Exception):
    pass


def import_csv(
    *,
    data: bytes,
    school: School,
    by: Any,
    columns: dict[str, str],
    dry_run: bool = False,
    only_valid: bool = False,
    today: date | None = None,
    file_name: str = "",
    run_id: int | None = None,
) -> Report:
    """Preview (``dry_run``) or import a CSV. Raises ImportRejected, with nothing saved, when any row
    has a problem, unless ``only_valid`` is set, when the rows with problems are left out."""
    today = today or dates.today()
    report = Report()
    plans = plan_csv(data=data, school=school, columns=columns, report=report, today=today)
    valid = [plan for plan in plans if not plan.problems]
    report.skipped_rows = len(plans) - len(valid)
    file_problem = report.error_count > sum(plan.problems for plan in plans)
    if dry_run:
        return report
    if file_problem or (report.error_count and not only_valid) or not valid:
        if not report.error_count:
            report.problem("File", "File", "no_rows", "The file has no rows to import.")
        raise ImportRejected(report)
    groups = {g.name.lower(): g for g in Group.objects.filter(school=school, kind=Group.Kind.REGISTRATION)}
    user = by if getattr(by, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            for plan in valid:
                try:
                    with transaction.atomic():
                        _apply_row(plan, school=school, by=user, today=today, groups=groups)
                except ValidationError as error:
                    # A rule the preview could not see (the database changed since): name it on the row.
                    for name, messages in (
                        error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
                    ):
                        for message in messages:
                            report.problem(plan.where, FIELD_LABELS.get(name, name or "Row"), "rejected", message)
                    report.skipped_rows += 1
                    if not only_valid:
                        raise _Rollback from None
            import_summary(
                by=user,
                school_id=school.pk,
                run_id=run_id,
                what=f"Imported the spreadsheet {file_name}: {report.new_pupils} new pupils, {report.changed_pupils} changed",
                counts=report.counts(),
            )
    except _Rollback:
        raise ImportRejected(report) from None
    return report
