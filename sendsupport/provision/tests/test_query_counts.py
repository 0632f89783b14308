"""Exact query counts for the provision map's pages: the same for one small group as for many groups
with many pupils, sessions and measures, so no page makes a query per provision or pupil.

When a change moves a number on purpose, update it here and say why in the commit.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_pupil
from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream, MeasureKind
from sendsupport.provision.models import (
    DeliveredSession,
    ExtraCost,
    ImpactMeasure,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
    StaffMemberCost,
)

# The pages (not the exports) -1: the roles, whether a parent or an LA officer are one query (accounts.access).
# Every page and export -1: the session is read with its user, in one query (accounts.sessions).
BASELINES = {
    ("provision:map", "senco"): 21,
    ("provision:map", "teacher"): 8,
    ("provision:map_csv", "senco"): 22,
    ("provision:map_xlsx", "senco"): 22,
    ("provision:map_impact", "senco"): 22,
    ("provision:map_impact", "ta"): 11,
    ("provision:map_staff", "senco"): 20,
    ("provision:map_provision_impact", "ta"): 7,
}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def grow(school, ta, senco, *, groups: int, pupils_each: int, sessions_each: int) -> None:
    """More of everything the map reads: interventions, groups, deliverers with their own hourly
    cost, members (one who left), sessions with attendance, extra costs and measures."""
    StaffMemberCost.objects.get_or_create(school=school, user=ta, defaults={"hourly_pence": 2100})
    start = date(2026, 9, 7)
    for index in range(groups):
        intervention = Intervention.objects.create(
            school=school,
            name=f"Intervention {index}",
            area=["cognition", "semh", "communication"][index % 3],
            description="d",
            delivered_by=DelivererRole.TA,
        )
        group = Provision.objects.create(
            school=school,
            intervention=intervention,
            name=f"Group {index}",
            deliverer_role=DelivererRole.TEACHER if index % 2 else DelivererRole.TA,
            sessions_per_week=2,
            session_minutes=40,
            starts_on=start,
            funding=[FundingStream.NOTIONAL_SEN, FundingStream.IMF][index % 2],
        )
        group.deliverers.add(ta, senco)
        members = [make_pupil(school, first=f"G{index}P{n}", year_group=str(1 + n % 6)) for n in range(pupils_each)]
        for n, child in enumerate(members):
            left = start + timedelta(days=30) if n == 0 else None
            ProvisionMember.objects.create(provision=group, pupil=child, joined_on=start, left_on=left)
            ImpactMeasure.objects.create(
                provision=group, pupil=child, kind=MeasureKind.ENTRY, score=80, scale="Reading", measured_on=start
            )
            ImpactMeasure.objects.create(
                provision=group, pupil=child, kind=MeasureKind.EXIT, score=86, scale="Reading", measured_on=start
            )
        ExtraCost.objects.create(provision=group, description="Books", amount_pence=4999, on_date=start)
        for day in range(sessions_each):
            session = DeliveredSession.objects.create(provision=group, held_on=start + timedelta(days=day), minutes=40)
            for n, child in enumerate(members[1:]):
                status = Attendance.ABSENT if n % 3 == 0 else Attendance.PRESENT
                SessionAttendance.objects.create(session=session, pupil=child, status=status)


CASES = [
    ("provision:map", "senco", lambda w: []),
    ("provision:map", "teacher", lambda w: []),
    ("provision:map_csv", "senco", lambda w: []),
    ("provision:map_xlsx", "senco", lambda w: []),
    ("provision:map_impact", "senco", lambda w: []),
    ("provision:map_impact", "ta", lambda w: []),
    ("provision:map_staff", "senco", lambda w: [w["ta"].pk]),
    ("provision:map_provision_impact", "ta", lambda w: [w["provision"].pk]),
]


@pytest.mark.parametrize(("name", "persona", "args"), CASES, ids=[f"{n} as {p}" for n, p, _ in CASES])
def test_the_page_does_not_grow_with_the_school(
    name, persona, args, school, personas, provision, role_costs, delivered_session, login
):
    client = login(personas[persona])
    url = reverse(name, args=args({**personas, "provision": provision}))
    small = queries_for(client, url)
    grow(school, personas["ta"], personas["senco"], groups=6, pupils_each=5, sessions_each=8)
    large = queries_for(client, url)
    assert (small, large) == (BASELINES[(name, persona)], BASELINES[(name, persona)])
