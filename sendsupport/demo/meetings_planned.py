"""The demo school's planned meetings with parents for this year: those already held linked to their
records, the next one for each pupil on the register confirmed with the parents invited, replies
from some parents ("yes", or "another time please"), and one meeting moved. Bulk-created: fast."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from sendsupport.core.dates import academic_year_bounds
from sendsupport.meetings.models import Meeting, MeetingReply, PlannedMeeting
from sendsupport.meetings.planner import propose
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil, PupilContact
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import SchoolPolicy
from sendsupport.schools.terms import terms_for

PLACES = ("The SENCO's office", "The small meeting room by reception", "Classroom 4A")
ASK_AGAIN = "I work until 4 on Tuesdays and Wednesdays. Could we meet on a Thursday or Friday after 3.15?"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _planned(pupil: Any, senco: Any, start: datetime, minutes: int, status: str, index: int) -> PlannedMeeting:
    return PlannedMeeting(
        pupil=pupil,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        place=PLACES[index % len(PLACES)],
        video_link="https://meet.example.org/sendsupport-demo" if index % 4 == 3 else "",
        status=status,
        uid=f"{uuid.uuid4()}@sendsupport",
        created_by=senco,
        created_at=start - timedelta(days=21),
    )


def add_planned_meetings(*, school: Any, senco: Any, demo_child: Any, today: date) -> None:
    start, end = academic_year_bounds(today)
    register = with_current_sen(Pupil.objects.filter(school=school, on_roll_until__isnull=True)).filter(
        current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN]
    )
    pupils = list(register.order_by("pk"))
    parents: dict[int, list[Any]] = {}
    for link in PupilContact.objects.filter(pupil__in=pupils, parental_responsibility=True).select_related("contact"):
        parents.setdefault(link.pupil_id, []).append(link.contact)
    held: dict[int, list[Meeting]] = {}
    for meeting in Meeting.objects.filter(pupil__in=pupils, held_on__gte=start, held_on__lte=end).order_by("held_on"):
        held.setdefault(meeting.pupil_id, []).append(meeting)
    terms = terms_for(school, start.year)
    per_year = SchoolPolicy.for_school(school).parent_meetings_per_year

    rows: list[PlannedMeeting] = []
    records: list[Meeting | None] = []
    for index, pupil in enumerate(pupils):
        if not parents.get(pupil.pk):
            continue
        # Meetings held this year were planned first: each links to its record.
        for meeting in held.get(pupil.pk, []):
            rows.append(_planned(pupil, senco, _at(meeting.held_on, 15, 30), 45, PlannedMeeting.Status.HELD, index))
            records.append(meeting)
        # The next meeting the planner proposes, confirmed and sent.
        taken = [m.held_on for m in held.get(pupil.pk, [])]
        proposals = propose(per_year=per_year, terms=terms, review_dates=[], taken=taken, today=today)
        # The demo parent's child: a meeting soon, so the parent's page shows it.
        soon = pupil.pk == demo_child.pk or not proposals
        day = today + timedelta(days=9) if soon else proposals[0].on
        while day.weekday() >= 5:
            day += timedelta(days=1)
        rows.append(_planned(pupil, senco, _at(day, 15 + index % 2, 30 if index % 3 else 0), 45, "confirmed", index))
        records.append(None)
    for row in rows:
        row.record = None
    PlannedMeeting.objects.bulk_create(rows)
    for row, record in zip(rows, records, strict=True):
        row.record = record
    PlannedMeeting.objects.bulk_update([r for r in rows if r.record], ["record"])

    invited = PlannedMeeting.invited.through
    staff = PlannedMeeting.staff.through
    invited.objects.bulk_create(
        [invited(plannedmeeting=row, contact=contact) for row in rows for contact in parents[row.pupil_id]]
    )
    staff.objects.bulk_create([staff(plannedmeeting=row, user=senco) for row in rows])

    upcoming = [row for row in rows if row.status == PlannedMeeting.Status.CONFIRMED]
    replies = []
    for position, row in enumerate(upcoming):
        # A parent who signs in replies from their page: the demo parent among them.
        contact = next((c for c in parents[row.pupil_id] if c.user_id), parents[row.pupil_id][0])
        if row.pupil_id == demo_child.pk or position % 3 == 0:
            replies.append(
                MeetingReply(planned=row, contact=contact, answer="yes", replied_at=row.created_at + timedelta(days=1))
            )
        elif position % 5 == 1:
            replies.append(
                MeetingReply(
                    planned=row,
                    contact=contact,
                    answer="other_time",
                    message=ASK_AGAIN,
                    replied_at=row.created_at + timedelta(days=2),
                )
            )
    MeetingReply.objects.bulk_create(replies)

    # One meeting moved after its parent asked for another time: same calendar entry, next sequence.
    asked = next((r.planned for r in replies if r.answer == "other_time"), None)
    if asked is not None:
        later = asked.starts_at + timedelta(days=2)
        while timezone.localtime(later).weekday() >= 5:
            later += timedelta(days=1)
        PlannedMeeting.objects.filter(pk=asked.pk).update(
            moved_from=asked.starts_at,
            starts_at=later,
            ends_at=later + timedelta(minutes=45),
            sequence=1,
        )
