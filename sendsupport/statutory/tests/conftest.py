"""Fixtures for the EHC records: Ben's (``other_pupil``, who has an EHC plan) request, plan and review."""

from __future__ import annotations

from datetime import date

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
