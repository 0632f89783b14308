"""The SENCO's EHC records for a pupil: requests for an EHC needs assessment, the plan's dates and
its annual reviews. Thin views over ``services``; every view and change is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sendsupport.audit.services import record_view
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.lookup import pupil_for
from sendsupport.pupils.models import Pupil
from sendsupport.statutory import selectors, services
from sendsupport.statutory.forms import AnnualReviewForm, PlanForm, RequestForm


def _back(pupil: Pupil) -> str:
    return reverse("statutory:pupil", args=[pupil.pk])


def _page(request: HttpRequest, pupil: Pupil, form: Any, title: str) -> HttpResponse:
    return form_page(request, form, page_title=title, caption=pupil.display_name, back_url=_back(pupil))


@login_required
def pupil_ehc(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_pupil_statutory")
    record_view(user=request.user, pupil=pupil, what="Viewed EHC needs assessment requests and EHC plan dates")
    return render(
        request,
        "statutory/pupil.html",
        {
            "pupil": pupil,
            "requests": selectors.requests_for(pupil),
            "plans": selectors.plans_for(pupil),
            "can_record": rules.test_rule("change_pupil_statutory", request.user, pupil),
        },
    )


def _record(
    request: HttpRequest,
    pupil: Pupil,
    form_class: type,
    save: Callable[[dict], Any],
    *,
    title: str,
    done: str,
    instance: Any = None,
) -> HttpResponse:
    """Every EHC record form: pre-filled from ``instance`` when changing one, saved through ``save``
    (a service call given the cleaned data), then back to the pupil's EHC page."""
    initial = {name: getattr(instance, name) for name in form_class.base_fields} if instance is not None else None
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and try_service(form, lambda: save(form.cleaned_data)):
        messages.success(request, done)
        return redirect(_back(pupil))
    return _page(request, pupil, form, title)


@login_required
@require_http_methods(["GET", "POST"])
def request_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    return _record(
        request,
        pupil,
        RequestForm,
        lambda data: services.save_request(pupil=pupil, by=request.user, **data),
        title="Record a request for an EHC needs assessment",
        done="The request for an EHC needs assessment has been recorded.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pupil_id: int, request_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    found = selectors.get_request(pupil, request_id)
    return _record(
        request,
        pupil,
        RequestForm,
        lambda data: services.save_request(pupil=pupil, by=request.user, request=found, **data),
        title="Change the request or record the decision",
        done="The request has been saved.",
        instance=found,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    return _record(
        request,
        pupil,
        PlanForm,
        lambda data: services.save_plan(pupil=pupil, by=request.user, **data),
        title="Record an EHC plan",
        done="The EHC plan's dates have been recorded.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pupil_id: int, plan_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    return _record(
        request,
        pupil,
        PlanForm,
        lambda data: services.save_plan(pupil=pupil, by=request.user, plan=plan, **data),
        title="Change the EHC plan's dates",
        done="The EHC plan's dates have been saved.",
        instance=plan,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, pupil_id: int, plan_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    return _record(
        request,
        pupil,
        AnnualReviewForm,
        lambda data: services.save_annual_review(plan=plan, by=request.user, **data),
        title="Book or record an annual review",
        done="The annual review has been recorded.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    review = selectors.get_annual_review(plan, review_id)
    return _record(
        request,
        pupil,
        AnnualReviewForm,
        lambda data: services.save_annual_review(plan=plan, by=request.user, review=review, **data),
        title="Change the annual review",
        done="The annual review has been saved.",
        instance=review,
    )
