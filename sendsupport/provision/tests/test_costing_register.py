"""The register counted in the database (tallies of pupil, minutes and number present) gives the same
pence as the arithmetic session by session: sessions some or all came to, nobody came to (shared by
that day's members), cancelled ones, and ones after the day asked about."""

from __future__ import annotations

import dataclasses
from datetime import date

from sendsupport.provision import costing
from sendsupport.provision.choices import Attendance
from sendsupport.provision.models import DeliveredSession, ProvisionMember, SessionAttendance
from sendsupport.provision.selectors import provision_facts, school_costs, year_for

DAY = date(2026, 11, 20)


def _session(provision, ta, held_on: date, minutes: int, marks: dict, *, cancelled: bool = False) -> None:
    session = DeliveredSession.objects.create(
        provision=provision, held_on=held_on, minutes=minutes, recorded_by=ta, cancelled=cancelled
    )
    for child, status in marks.items():
        SessionAttendance.objects.create(session=session, pupil=child, status=status)


def _session_by_session(provision, school, year) -> costing.ProvisionFacts:
    """The facts as the arithmetic sees them with every session listed (no database counting)."""
    (facts,) = provision_facts(type(provision).objects.filter(pk=provision.pk), school, year, day=DAY)
    sessions = []
    for session in DeliveredSession.objects.filter(provision=provision):
        present = frozenset(
            SessionAttendance.objects.filter(session=session, status=Attendance.PRESENT).values_list(
                "pupil_id", flat=True
            )
        )
        sessions.append(costing.Session(session.held_on, session.minutes, session.cancelled, present))
    return dataclasses.replace(facts, sessions=tuple(sessions), register=None)


def test_it_costs_the_counted_register_to_the_penny_as_session_by_session(
    school, provision, pupil, other_pupil, ta, role_costs
):
    present, absent = Attendance.PRESENT, Attendance.ABSENT
    ProvisionMember.objects.filter(provision=provision, pupil=other_pupil).update(left_on=date(2026, 10, 31))
    _session(provision, ta, date(2026, 9, 8), 30, {pupil: present, other_pupil: absent})
    _session(provision, ta, date(2026, 9, 9), 30, {pupil: present, other_pupil: present})
    _session(provision, ta, date(2026, 9, 10), 25, {pupil: present, other_pupil: present})
    _session(provision, ta, date(2026, 9, 11), 30, {pupil: absent, other_pupil: absent})  # both share it
    _session(provision, ta, date(2026, 9, 14), 20, {pupil: present}, cancelled=True)  # counts for nothing
    _session(provision, ta, date(2026, 11, 2), 30, {pupil: absent})  # Ben has left: Maya's alone
    _session(provision, ta, date(2026, 11, 3), 35, {other_pupil: present})  # marked after leaving
    _session(provision, ta, date(2026, 12, 1), 30, {pupil: present})  # after the day asked about
    year = year_for(school, DAY)

    counted = school_costs(school, day=DAY).provisions[provision.pk]
    listed = costing.cost_of(_session_by_session(provision, school, year), year, DAY)

    assert counted == listed
    # 30+30/2+25/2+30/2+30 minutes for Maya, 30/2+25/2+30/2+35 for Ben, at £18 an hour.
    assert counted.pupils[pupil.pk].delivered_to_date == 3075
    assert counted.pupils[other_pupil.pk].delivered_to_date == 2325
    assert counted.delivered_to_date == 5400
