"""Fixtures for the EHC records: Ben's (``other_pupil``, who has an EHC plan) request, plan and review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendsupport.statutory.models import AnnualReview, EHCPlan, EHCRequest


@pytest.fixture
def ehc_request(other_pupil) -> EHCRequest:
    """The parents' request for an EHC needs assessment for Ben, on 10 January 2024, no decision yet."""
    return EHCRequest.objects.create(pupil=other_pupil, requested_on=date(2024, 1, 10), requested_by="parent")


@pytest.fixture
def ehc_plan(other_pupil) -> EHCPlan:
    """Ben's EHC plan, issued on 1 June 2024."""
    return EHCPlan.objects.create(pupil=other_pupil, issued_on=date(2024, 6, 1))


@pytest.fixture
def annual_review(ehc_plan) -> AnnualReview:
    """The first annual review of Ben's plan, held on 20 May 2025."""
    return AnnualReview.objects.create(plan=ehc_plan, pupil=ehc_plan.pupil, meeting_on=date(2025, 5, 20), held=True)


@pytest.fixture
def la_request(other_pupil) -> EHCRequest:
    """The school's request for Ben, received 20 days ago: waiting for the decision whether to assess."""
    from sendsupport.core.dates import today

    return EHCRequest.objects.create(
        pupil=other_pupil, requested_on=today() - timedelta(days=20), requested_by="school", notes="Ben's request"
    )


@pytest.fixture
def la_access(la_request, la_officer, senco):
    """The SENCO has given the LA officer Ben's request (and nothing else)."""
    from sendsupport.statutory.models import EHCAccess

    return EHCAccess.objects.create(request=la_request, user=la_officer, granted_by=senco)


@pytest.fixture
def maya_request(pupil) -> EHCRequest:
    """A request for Maya, received 10 days ago and not shared with anyone outside the school."""
    from sendsupport.core.dates import today

    return EHCRequest.objects.create(pupil=pupil, requested_on=today() - timedelta(days=10), requested_by="parent")
