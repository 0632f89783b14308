"""Fixtures for the costs and funding tests: an extra cost on the phonics group, a named TA's hourly
cost, the school's funding for 2026 to 2027, and a top-up requested for Maya."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.provision.choices import Recurrence, TopUpStatus
from sendsupport.provision.models import ExtraCost, FundingAllocation, StaffMemberCost, TopUp

__all__ = ["allocation", "extra_cost", "staff_cost", "top_up"]


@pytest.fixture
def extra_cost(provision) -> ExtraCost:
    return ExtraCost.objects.create(
        provision=provision,
        description="Workbooks",
        amount_pence=2400,
        recurrence=Recurrence.ONE_OFF,
        on_date=date(2026, 9, 7),
    )


@pytest.fixture
def staff_cost(school, ta) -> StaffMemberCost:
    return StaffMemberCost.objects.create(school=school, user=ta, hourly_pence=2140)


@pytest.fixture
def allocation(school) -> FundingAllocation:
    return FundingAllocation.objects.create(
        school=school, start_year=2026, notional_sen_pence=8_400_000, imf_pence=1_200_000
    )


@pytest.fixture
def top_up(pupil, senco) -> TopUp:
    return TopUp.objects.create(
        pupil=pupil,
        start_year=2026,
        amount_pence=450_000,
        status=TopUpStatus.REQUESTED,
        requested_on=date(2026, 10, 1),
        source="The local authority's high needs block",
        recorded_by=senco,
    )
