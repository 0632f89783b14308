"""Duties that fall on the school rather than on one pupil: a named SENCO who is qualified for the role.

SEND Regulations 2014 reg. 49 (as amended from 1 September 2024): the SENCO is a qualified teacher
who has completed induction, or the head teacher; a SENCO new to the role holds the National
Professional Qualification (NPQ) for SENCOs within ``SENCO_NPQ_YEARS`` of appointment. Schedule 1
para. 4: the SEN information report gives the SENCO's name and contact details. Kept apart from the
per-pupil duty engine so the to-do list can show these above the pupils' gaps.

Also the yearly review of the SEN information report (reg. 51: updated at least every year): a notice
``SEN_REPORT_NOTICE_MONTHS`` before ``SEN_REPORT_REVIEW_MONTHS`` after the last publication, a gap after.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse

from sendsupport.schools.models import Role, School, SchoolSenco, StaffMembership
from sendsupport.schools.selectors import npq_due_on, senco_record
from sendsupport.statutory.publishing.selectors import last_report_published_on

GAP = "gap"  # something the law asks for is missing or late
NOTICE = "notice"  # nothing is wrong yet, but something falls due soon

REG_49 = "SEND Regulations 2014, regulation 49"
REG_51 = "SEND Regulations 2014, regulation 51 and Schedule 1"


@dataclass(frozen=True)
class SchoolItem:
    code: str
    level: str
    message: str
    source: str
    link: str

    @property
    def is_gap(self) -> bool:
        return self.level == GAP


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the last day of the month when that day does not exist)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _is_head(record: SchoolSenco) -> bool:
    return StaffMembership.objects.filter(
        user_id=record.senco_id, school_id=record.school_id, role=Role.HEAD, active=True
    ).exists()


def school_items(school: School, *, today: date) -> list[SchoolItem]:
    """The school-level gaps and notices: its SENCO, then the SEN information report's yearly review."""
    return _senco_items(school, today=today) + _report_items(school, today=today)


def _report_items(school: School, *, today: date) -> list[SchoolItem]:
    """Once a report has been published here, its review falls due a year later (one query)."""
    published = last_report_published_on(school)
    if published is None:
        return []
    due = months_before(published, -int(settings.SENDSUPPORT.get("SEN_REPORT_REVIEW_MONTHS", 12)))
    link = reverse("publishing:report")
    when = f"{due.day} {due:%B %Y}"
    if today > due:
        return [
            SchoolItem(
                "sen_report_overdue",
                GAP,
                f"The SEN information report should have been reviewed and published again by {when}, a year "
                "after it was last published.",
                REG_51,
                link,
            )
        ]
    if today >= months_before(due, int(settings.SENDSUPPORT.get("SEN_REPORT_NOTICE_MONTHS", 1))):
        return [
            SchoolItem(
                "sen_report_review_due",
                NOTICE,
                f"Review the SEN information report and publish it again by {when}: it must be updated every year.",
                REG_51,
                link,
            )
        ]
    return []


def _senco_items(school: School, *, today: date) -> list[SchoolItem]:
    """The school-level gaps (first) and notices about its SENCO, each linking to the SENCO page."""
    link = reverse("schools:senco")
    record = senco_record(school)
    if record is None or record.senco_id is None:
        return [
            SchoolItem(
                "senco_not_named",
                GAP,
                "No SENCO is named for the school. Name the SENCO and how to contact them: letters and plans "
                "to parents, and the SEN information report, must say who the SENCO is.",
                f"{REG_49}; Schedule 1, paragraph 4",
                link,
            )
        ]
    items: list[SchoolItem] = []
    name = str(record.senco)
    if not _is_head(record):
        if not record.qualified_teacher:
            items.append(
                SchoolItem(
                    "senco_qts",
                    GAP,
                    f"{name}'s qualified teacher status is not recorded. The SENCO must be a qualified teacher "
                    "or the head teacher.",
                    REG_49,
                    link,
                )
            )
        if not record.induction_completed:
            items.append(
                SchoolItem(
                    "senco_induction",
                    GAP,
                    f"It is not recorded that {name} has completed induction, which the SENCO must have done.",
                    REG_49,
                    link,
                )
            )
    if record.npq == SchoolSenco.Npq.HELD or record.npq == SchoolSenco.Npq.NOT_REQUIRED:
        return items
    if not record.npq:
        items.append(
            SchoolItem(
                "senco_npq_missing",
                GAP,
                f"Record whether {name} holds the NPQ for SENCOs, which a SENCO new to the role must gain.",
                REG_49,
                link,
            )
        )
        return items
    due = npq_due_on(record)
    if due is None:
        items.append(
            SchoolItem(
                "senco_appointed_missing",
                GAP,
                f"Record the date {name} was appointed as SENCO, so the date the NPQ for SENCOs is due can be "
                "worked out.",
                REG_49,
                link,
            )
        )
    elif today > due:
        items.append(
            SchoolItem(
                "senco_npq_overdue",
                GAP,
                f"{name} should have held the NPQ for SENCOs by {due.day} {due:%B %Y}, "
                f"{int(settings.SENDSUPPORT.get('SENCO_NPQ_YEARS', 3))} years after being appointed.",
                REG_49,
                link,
            )
        )
    elif today >= months_before(due, int(settings.SENDSUPPORT.get("SENCO_NPQ_NOTICE_MONTHS", 6))):
        items.append(
            SchoolItem(
                "senco_npq_due_soon",
                NOTICE,
                f"{name} must hold the NPQ for SENCOs by {due.day} {due:%B %Y}.",
                REG_49,
                link,
            )
        )
    return items
