"""Exact query counts for the costs and funding pages, with few and many pupils over the threshold:
the same number for both sizes shows there is no N+1."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.core import dates
from sendsupport.provision.choices import DelivererRole, FundingStream, TopUpStatus
from sendsupport.provision.models import FundingAllocation, Provision, ProvisionMember, TopUp

pytestmark = pytest.mark.django_db

# The session with its user, the school and the menu; then the policy, the year's costs (school_costs),
# the funding streams, the allocations, the pupils over the threshold and their top-ups.
# -1 each: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 each: the session is read with its user, in one query (accounts.sessions).
BASELINES = {"provision:funding": 22, "provision:costs": 7}


@pytest.fixture(autouse=True)
def _in_the_autumn_term(fix_today):
    """Early in the year, so that one-to-ones with nothing yet delivered are projected over £6,000."""
    fix_today(date(2026, 10, 5))


def _one_to_ones(count: int, school, intervention) -> None:
    """``count`` pupils, each with a teacher an hour a day all year (over £6,000) and a top-up asked."""
    start, _ = dates.academic_year_bounds(dates.today())
    for index in range(count):
        child = make_pupil(school, first=f"P{index}", provision="K", needs=[("SLCN", 1)])
        support = Provision.objects.create(
            school=school,
            intervention=intervention,
            name=f"1:1 {index}",
            one_to_one=True,
            deliverer_role=DelivererRole.TEACHER,
            sessions_per_week=5,
            session_minutes=60,
            starts_on=start,
            funding=FundingStream.NOTIONAL_SEN,
        )
        ProvisionMember.objects.create(provision=support, pupil=child, joined_on=start)
        TopUp.objects.create(
            pupil=child,
            start_year=start.year,
            amount_pence=100_000,
            status=TopUpStatus.REQUESTED,
            requested_on=start,
            source="LA",
        )
    FundingAllocation.objects.get_or_create(school=school, start_year=start.year)


@pytest.mark.parametrize("count", [2, 20])
def test_the_funding_page(count, senco, school, intervention, role_costs, login, django_assert_num_queries):
    _one_to_ones(count, school, intervention)
    client = login(senco)
    with django_assert_num_queries(BASELINES["provision:funding"]):
        response = client.get(reverse("provision:funding"))
    assert response.content.decode().count("Projected over") == count


@pytest.mark.parametrize("count", [2, 20])
def test_the_costs_page(count, senco, school, intervention, role_costs, login, django_assert_num_queries):
    _one_to_ones(count, school, intervention)
    client = login(senco)
    with django_assert_num_queries(BASELINES["provision:costs"]):
        response = client.get(reverse("provision:costs"))
    assert response.content.decode().count("1:1 ") == count
