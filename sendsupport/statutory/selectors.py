"""Reads of EHC records. Pages pass a pupil already fetched with ``get_visible_pupil``."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sendsupport.pupils.models import Pupil
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
