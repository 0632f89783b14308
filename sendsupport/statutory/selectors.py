"""Reads of EHC records. Pages pass a pupil already fetched with ``get_visible_pupil``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sendsupport.provision.models import Provision
from sendsupport.provision.selectors import provisions_for
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import holds_parental_responsibility
from sendsupport.statutory import clocks
from sendsupport.statutory.models import AdviceRequest, AnnualReview, EHCPlan, EHCRequest, PlanEntry


def requests_for(pupil: Pupil) -> QuerySet[EHCRequest]:
    return EHCRequest.objects.filter(pupil=pupil).order_by("-requested_on", "-id")


def plans_for(pupil: Pupil) -> QuerySet[EHCPlan]:
    """The pupil's plans with their lines and annual reviews (each with its advice): four queries."""
    reviews = AnnualReview.objects.order_by("-meeting_on", "-id").prefetch_related(
        Prefetch("advice_requests", queryset=AdviceRequest.objects.order_by("asked_on", "id"))
    )
    entries = PlanEntry.objects.select_related("provision").order_by("section", "id")
    return EHCPlan.objects.filter(pupil=pupil).prefetch_related(
        Prefetch("annual_reviews", queryset=reviews), Prefetch("entries", queryset=entries)
    )


def plan_for_parent(user: Any, pupil: Pupil) -> EHCPlan | None:
    """The child's plan in force with its lines, for a parent with parental responsibility (the page
    that shows it has already checked and audited the read of the child's record); None for anyone
    else. Two queries when there is a plan, one when there is none."""
    if not holds_parental_responsibility(user, pupil):
        return None
    entries = PlanEntry.objects.order_by("section", "id")
    return (
        EHCPlan.objects.filter(pupil=pupil, ceased_on__isnull=True)
        .prefetch_related(Prefetch("entries", queryset=entries))
        .order_by("-issued_on", "-id")
        .first()
    )


def pupil_provisions(user: Any, pupil: Pupil) -> QuerySet[Provision]:
    """The provisions on the map this pupil is (or was) in, that a line of the plan may be linked to."""
    return provisions_for(user, pupil.school).filter(members__pupil=pupil).distinct().order_by("name", "id")


def get_entry(plan: EHCPlan, entry_id: int) -> PlanEntry:
    found = PlanEntry.objects.filter(plan=plan, pk=entry_id).select_related("provision").first()
    if found is None:
        raise Http404("No such line")
    return found


def get_advice(review: AnnualReview, advice_id: int) -> AdviceRequest:
    found = AdviceRequest.objects.filter(review=review, pk=advice_id).first()
    if found is None:
        raise Http404("No such advice")
    return found


def report_for(review: AnnualReview) -> list[tuple[PlanEntry, str]]:
    """Each of the plan's outcomes with the progress the review's report records (two queries)."""
    progress = dict(review.outcome_progress.values_list("outcome_id", "progress"))
    outcomes = review.plan.entries.filter(section=PlanEntry.Section.OUTCOMES).order_by("id")
    return [(outcome, progress.get(outcome.pk, "")) for outcome in outcomes]


def get_request(pupil: Pupil, request_id: int) -> EHCRequest:
    found = requests_for(pupil).filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request")
    return found


def get_plan(pupil: Pupil, plan_id: int) -> EHCPlan:
    found = EHCPlan.objects.filter(pupil=pupil, pk=plan_id).first()
    if found is None:
        raise Http404("No such plan")
    return found


def get_annual_review(plan: EHCPlan, review_id: int) -> AnnualReview:
    found = AnnualReview.objects.filter(plan=plan, pk=review_id).first()
    if found is None:
        raise Http404("No such review")
    return found


def family_timeline_requests(user: Any, pupil: Pupil, *, today: date) -> list[EHCRequest]:
    """The child's requests a parent with parental responsibility sees on their portal page: every one
    still running, and those that ended in the last year (the timeline is about now, not history)."""
    if not holds_parental_responsibility(user, pupil):
        return []
    year_ago = today - timedelta(days=365)
    rows = EHCRequest.objects.filter(pupil=pupil).order_by("-requested_on", "-id")
    return [row for row in rows if not clocks.finished(row) or _ended_on(row) >= year_ago]


def _ended_on(row: EHCRequest) -> date:
    return row.final_issued_on or row.no_plan_on or row.outcome_on or row.requested_on
