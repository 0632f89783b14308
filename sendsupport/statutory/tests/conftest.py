"""Fixtures for the EHC records: Ben's (``other_pupil``, who has an EHC plan) request, plan and review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import Intervention, Provision, ProvisionMember, StaffRoleCost
from sendsupport.statutory.models import AdviceRequest, AnnualReview, EHCPlan, EHCRequest, OutcomeProgress, PlanEntry


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
def plan_outcome(ehc_plan) -> PlanEntry:
    """An outcome in section E of Ben's plan."""
    return PlanEntry.objects.create(
        plan=ehc_plan, pupil=ehc_plan.pupil, section="E", text="By July 2026 Ben asks an adult for help in class."
    )


@pytest.fixture
def advice(annual_review) -> AdviceRequest:
    """The educational psychologist's advice for Ben's first review, asked for on 1 April 2025."""
    return AdviceRequest.objects.create(
        review=annual_review, pupil=annual_review.pupil, source="ep", asked_on=date(2025, 4, 1)
    )


@pytest.fixture
def reported_review(annual_review, plan_outcome) -> AnnualReview:
    """Ben's first review with its report written: keep the plan, sent to the LA on 30 May 2025."""
    annual_review.recommendation, annual_review.report_sent_on = "keep", date(2025, 5, 30)
    annual_review.parent_views = "Ben is happier at school."
    annual_review.save()
    OutcomeProgress.objects.create(
        review=annual_review, outcome=plan_outcome, pupil=annual_review.pupil, progress="Asks for help most days."
    )
    return annual_review


@pytest.fixture
def bens_group(school, other_pupil, ta) -> Provision:
    """A speech and language group Ben is in, three 30-minute sessions a week, a TA hour at £18."""
    intervention = Intervention.objects.create(
        school=school,
        name="Talk boost",
        area="communication",
        description="Small-group language work.",
        group_size=4,
        session_minutes=30,
        sessions_per_week=3,
        delivered_by=DelivererRole.TA,
    )
    StaffRoleCost.objects.create(school=school, role=DelivererRole.TA, hourly_pence=1800)
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Talk boost group",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=3,
        session_minutes=30,
        starts_on=date(2026, 9, 7),
        funding=FundingStream.NOTIONAL_SEN,
    )
    group.deliverers.add(ta)
    ProvisionMember.objects.create(provision=group, pupil=other_pupil, joined_on=date(2026, 9, 7))
    return group


@pytest.fixture
def maya_plan(pupil) -> EHCPlan:
    """A plan for Maya (whom her teacher and TA see too), issued on 1 March 2025."""
    return EHCPlan.objects.create(pupil=pupil, issued_on=date(2025, 3, 1))


@pytest.fixture
def maya_review(maya_plan) -> AnnualReview:
    return AnnualReview.objects.create(plan=maya_plan, pupil=maya_plan.pupil, meeting_on=date(2026, 2, 20))


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


@pytest.fixture
def sent_evidence(la_request, senco):
    """The school's evidence pack, sent with Ben's request and frozen as it went."""
    from sendsupport.statutory.models import EvidencePack

    return EvidencePack.objects.create(
        pupil=la_request.pupil,
        request=la_request,
        covering_summary="Ben has had two cycles of support without the progress hoped for.",
        parents_involved_on=la_request.requested_on,
        parents_involvement="Met both parents, who support the request.",
        sent_on=la_request.requested_on,
        sent_json={"pupil": {"name": "Ben"}},
        sent_pdf=b"%PDF-1.7 frozen copy",
        prepared_by=senco,
    )
