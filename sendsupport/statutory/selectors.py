"""Reads of EHC records. Pages pass a pupil already fetched with ``get_visible_pupil``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import holds_parental_responsibility
from sendsupport.statutory import clocks
from sendsupport.statutory.models import AnnualReview, EHCPlan, EHCRequest


def requests_for(pupil: Pupil) -> QuerySet[EHCRequest]:
    return EHCRequest.objects.filter(pupil=pupil).order_by("-requested_on", "-id")


def plans_for(pupil: Pupil) -> QuerySet[EHCPlan]:
    reviews = AnnualReview.objects.order_by("-meeting_on", "-id")
    return EHCPlan.objects.filter(pupil=pupil).prefetch_related(Prefetch("annual_reviews", queryset=reviews))


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
