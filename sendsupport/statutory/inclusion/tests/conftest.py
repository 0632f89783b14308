"""Fixtures for inclusion: the Year 4 trip Maya goes on, a decision, adjustments and arrangements."""

from __future__ import annotations

from datetime import date

import pytest

import conftest as root_conftest
from conftest import TODAY
from sendsupport.statutory.inclusion import services
from sendsupport.statutory.inclusion.models import Activity, Arrangement, Section35Reason


@pytest.fixture(autouse=True)
def fresh_upn_serials(monkeypatch):
    monkeypatch.setattr(root_conftest, "_serials", iter(range(1, 1000)))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Every page and service works on 20 November 2025."""
    monkeypatch.setattr("sendsupport.core.dates.today", lambda: TODAY)


@pytest.fixture
def trip(school, senco, teacher) -> Activity:
    """A museum trip led by the teacher of 4A (Maya's class)."""
    return services.save_activity(
        school=school,
        by=senco,
        name="Year 4 trip to the M Shed museum",
        kind=Activity.Kind.TRIP,
        starts_on=date(2025, 12, 3),
        lead=teacher,
    )


@pytest.fixture
def other_trip(school, senco, head) -> Activity:
    """A residential the head leads: the teacher is not its lead."""
    return services.save_activity(
        school=school,
        by=senco,
        name="Year 5 residential",
        kind=Activity.Kind.RESIDENTIAL,
        starts_on=date(2026, 5, 11),
        ends_on=date(2026, 5, 13),
        lead=head,
    )


@pytest.fixture
def place(trip, pupil, teacher):
    return services.record_place(
        activity=trip, pupil=pupil, by=teacher, adjustments="Ear defenders and a visual timetable of the day."
    )


@pytest.fixture
def decision(other_trip, other_pupil, senco, other_parent):
    return services.record_decision(
        activity=other_trip,
        pupil=other_pupil,
        by=senco,
        reason=Section35Reason.PROVISION,
        explanation="Daily physiotherapy cannot be given at the centre.",
        adjustments_considered="A day visit instead of the nights away; a trained adult to go with Ben.",
        decided_on=date(2025, 11, 18),
        base_url="http://testserver/",
        today=TODAY,
    )


@pytest.fixture
def adjustment(pupil, senco):
    return services.save_adjustment(
        pupil=pupil,
        by=senco,
        kind="aid",
        description="A writing slope and a pencil grip",
        since=date(2025, 9, 3),
        review_on=date(2026, 2, 1),
        today=TODAY,
    )


@pytest.fixture
def arrangement(pupil, senco):
    return services.record_arrangement(
        pupil=pupil,
        by=senco,
        series="Key Stage 2 tests May 2027",
        arrangement=Arrangement.EXTRA_TIME,
        extra_time_percent=25,
        evidence="Processing speed well below average; extra time is her normal way of working in class.",
        assessor="Dr A Reed, specialist assessor",
        assessed_on=date(2025, 10, 1),
        today=TODAY,
    )
