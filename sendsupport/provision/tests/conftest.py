"""Fixtures for the provision map: a phonics group that Maya (``pupil``) and Ben (``other_pupil``)
belong to, delivered by the TA, with hourly costs set and a fortnight of sessions registered."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream
from sendsupport.provision.models import (
    DeliveredSession,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
    StaffRoleCost,
)


@pytest.fixture
def intervention(school) -> Intervention:
    return Intervention.objects.create(
        school=school,
        name="Phonics catch-up",
        area="cognition",
        description="Short daily phonics practice in a small group.",
        group_size=4,
        session_minutes=30,
        sessions_per_week=3,
        delivered_by=DelivererRole.TA,
    )


@pytest.fixture
def role_costs(school) -> dict[str, StaffRoleCost]:
    """A TA hour costs £18, a teacher hour £45."""
    return {
        "ta": StaffRoleCost.objects.create(school=school, role=DelivererRole.TA, hourly_pence=1800),
        "teacher": StaffRoleCost.objects.create(school=school, role=DelivererRole.TEACHER, hourly_pence=4500),
    }


@pytest.fixture
def provision(school, intervention, ta, pupil, other_pupil) -> Provision:
    """Phonics group A from 7 September 2026, three 30-minute sessions a week, with Maya and Ben."""
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Phonics group A",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=3,
        session_minutes=30,
        starts_on=date(2026, 9, 7),
        funding=FundingStream.NOTIONAL_SEN,
        place="Library",
    )
    group.deliverers.add(ta)
    for child in (pupil, other_pupil):
        ProvisionMember.objects.create(provision=group, pupil=child, joined_on=date(2026, 9, 7))
    return group


@pytest.fixture
def delivered_session(provision, pupil, other_pupil, ta) -> DeliveredSession:
    """The session of 8 September 2026: Maya came, Ben was absent."""
    session = DeliveredSession.objects.create(
        provision=provision, held_on=date(2026, 9, 8), minutes=30, recorded_by=ta
    )
    SessionAttendance.objects.create(session=session, pupil=pupil, status=Attendance.PRESENT)
    SessionAttendance.objects.create(session=session, pupil=other_pupil, status=Attendance.ABSENT)
    return session
