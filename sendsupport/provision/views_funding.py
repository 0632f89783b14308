"""Costs and funding: hourly costs, extra costs, the school's funding against what provision costs,
and pupils' element 3 top-ups. For the SENCO and head only (``provision.view_costs``); everyone
else gets 404, as for a page that does not exist. Thin views over ``services.funding``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.accounts.school_context import school_for
from sendsupport.audit.services import record_view
from sendsupport.core import dates
from sendsupport.core.views import form_page, try_service
from sendsupport.provision import selectors_funding as read
from sendsupport.provision.choices import DelivererRole
from sendsupport.provision.forms_funding import (
    AllocationForm,
    ExtraCostForm,
    HourlyCostForm,
    ReviewForm,
    StaffCostForm,
    TopUpForm,
)
from sendsupport.provision.selectors import year_for
from sendsupport.provision.services import funding as services
from sendsupport.pupils.lookup import pupil_for
from sendsupport.pupils.models import Pupil
from sendsupport.schools.selectors import staff_users

COSTS = "provision.view_costs"


def _costs_school(request: HttpRequest) -> Any:
    return school_for(request, COSTS)


def _costs_pupil(request: HttpRequest, pupil_id: int) -> Pupil:
    """The pupil, if the user sees them and may see costs at their school; 404 otherwise."""
    pupil = pupil_for(request, pupil_id, "view_pupil")
    if not rules.test_rule(COSTS, request.user, pupil.school):
        raise Http404("Not found")
    return pupil


def _form(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict], Any],
    *,
    title: str,
    done: str,
    back: str,
    caption: str = "",
    intro: str = "",
) -> HttpResponse:
    """Every costs and funding form: saved through ``save`` (a service call), then back to ``back``."""
    if request.method == "POST" and form.is_valid() and try_service(form, lambda: save(form.cleaned_data)):
        messages.success(request, done)
        return redirect(back)
    return form_page(request, form, page_title=title, caption=caption, intro=intro, back_url=back)


# --- Costs ----------------------------------------------------------------------------------------


@login_required
def costs(request: HttpRequest) -> HttpResponse:
    school = _costs_school(request)
    return render(
        request,
        "provision/costs.html",
        {
            "school": school,
            "roles": read.role_costs(school),
            "staff_costs": read.staff_costs(school),
            "year": year_for(school),
            "provisions": read.school_provisions(school),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def costs_role(request: HttpRequest, role: str) -> HttpResponse:
    school = _costs_school(request)
    if role not in DelivererRole.values:
        raise Http404("Not found")
    label = read.role_words(role)
    current = next(row.hourly_pence for row in read.role_costs(school) if row.role == role)
    form = HourlyCostForm(request.POST or None, initial={"hourly_pence": current})
    return _form(
        request,
        form,
        lambda data: services.set_role_cost(school=school, by=request.user, role=role, **data),
        title=f"What an hour of a {label} costs",
        caption="Costs",
        done=f"The hourly cost of a {label} has been saved.",
        back=reverse("provision:costs"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def costs_staff_add(request: HttpRequest) -> HttpResponse:
    school = _costs_school(request)
    form = StaffCostForm(request.POST or None, staff=staff_users(school))
    return _form(
        request,
        form,
        lambda data: services.set_staff_cost(school=school, by=request.user, **data),
        title="Set a named member of staff's hourly cost",
        caption="Costs",
        intro="Used instead of their role's hourly cost for the provisions they deliver.",
        done="The hourly cost has been saved.",
        back=reverse("provision:costs"),
    )


@login_required
@require_POST
def costs_staff_remove(request: HttpRequest, cost_id: int) -> HttpResponse:
    school = _costs_school(request)
    services.remove_staff_cost(cost=read.get_staff_cost(school, cost_id), by=request.user)
    messages.success(request, "The named hourly cost has been removed: their role's cost is used again.")
    return redirect("provision:costs")


@login_required
@require_http_methods(["GET", "POST"])
def costs_provision(request: HttpRequest, provision_id: int) -> HttpResponse:
    """A provision's extra costs (add and remove here), its cost this year, and its review."""
    school = _costs_school(request)
    provision = read.get_provision(school, provision_id)
    form = ExtraCostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form, lambda: services.add_extra_cost(provision=provision, by=request.user, **form.cleaned_data)
        )
        if saved:
            messages.success(request, "The extra cost has been added.")
            return redirect("provision:costs_provision", provision.pk)
    cost, uncosted = read.provision_cost(school, provision)
    session_count, last_session = read.sessions_registered(provision)
    return render(
        request,
        "provision/costs_provision.html",
        {
            "provision": provision,
            "extras": read.extra_costs(provision),
            "form": form,
            "cost": cost,
            "uncosted": uncosted,
            "role_words": read.role_words(provision.deliverer_role),
            "session_count": session_count,
            "last_session": last_session,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def costs_extra_remove(request: HttpRequest, provision_id: int, extra_id: int) -> HttpResponse:
    school = _costs_school(request)
    provision = read.get_provision(school, provision_id)
    services.remove_extra_cost(extra=read.get_extra_cost(provision, extra_id), by=request.user)
    messages.success(request, "The extra cost has been removed.")
    return redirect("provision:costs_provision", provision.pk)


@login_required
@require_http_methods(["GET", "POST"])
def costs_review(request: HttpRequest, provision_id: int) -> HttpResponse:
    school = _costs_school(request)
    provision = read.get_provision(school, provision_id)
    initial = {"reviewed_on": provision.reviewed_on or dates.today(), "review_note": provision.review_note}
    form = ReviewForm(request.POST or None, initial=initial)
    return _form(
        request,
        form,
        lambda data: services.record_review(provision=provision, by=request.user, **data),
        title="Record the review of the provision",
        caption=provision.name,
        done="The review has been recorded.",
        back=reverse("provision:costs_provision", args=[provision.pk]),
    )


# --- Funding --------------------------------------------------------------------------------------


def _start_year(request: HttpRequest, school: Any) -> int:
    try:
        chosen = int(request.GET.get("year", ""))
    except ValueError:
        chosen = 0
    return chosen if 2000 <= chosen <= 2100 else year_for(school).start.year


@login_required
def funding(request: HttpRequest) -> HttpResponse:
    school = _costs_school(request)
    start_year = _start_year(request, school)
    summary = read.funding_summary(request.user, school, start_year)
    return render(
        request,
        "provision/funding.html",
        {"school": school, "summary": summary, "current_year": year_for(school).start.year},
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_allocation_add(request: HttpRequest) -> HttpResponse:
    school = _costs_school(request)
    form = AllocationForm(request.POST or None, initial={"start_year": year_for(school).start.year})
    return _form(
        request,
        form,
        lambda data: services.save_allocation(school=school, by=request.user, **data),
        title="Record the year's notional SEN budget and Inclusive Mainstream Fund",
        caption="Funding",
        done="The year's funding has been recorded.",
        back=reverse("provision:funding"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_allocation_edit(request: HttpRequest, start_year: int) -> HttpResponse:
    school = _costs_school(request)
    allocation = read.get_allocation(school, start_year)
    initial = {name: getattr(allocation, name) for name in AllocationForm.base_fields}
    form = AllocationForm(request.POST or None, initial=initial)
    return _form(
        request,
        form,
        lambda data: services.save_allocation(school=school, by=request.user, allocation=allocation, **data),
        title=f"Change the funding for {start_year} to {start_year + 1}",
        caption="Funding",
        done="The year's funding has been saved.",
        back=f"{reverse('provision:funding')}?year={start_year}",
    )


# --- Element 3 top-ups ----------------------------------------------------------------------------


@login_required
def top_ups(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = _costs_pupil(request, pupil_id)
    record_view(user=request.user, pupil=pupil, what="Viewed cost of provision and element 3 top-up funding")
    return render(
        request,
        "provision/top_ups.html",
        {"pupil": pupil, "top_ups": read.top_ups_of(pupil), "figures": read.pupil_funding(pupil)},
    )


def _top_up_back(pupil: Pupil) -> str:
    return reverse("provision:top_ups", args=[pupil.pk])


@login_required
@require_http_methods(["GET", "POST"])
def top_up_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = _costs_pupil(request, pupil_id)
    form = TopUpForm(request.POST or None, initial={"start_year": year_for(pupil.school).start.year})
    return _form(
        request,
        form,
        lambda data: services.save_top_up(pupil=pupil, by=request.user, **data),
        title="Record element 3 top-up funding",
        caption=pupil.display_name,
        done="The top-up has been recorded.",
        back=_top_up_back(pupil),
    )


@login_required
@require_http_methods(["GET", "POST"])
def top_up_edit(request: HttpRequest, pupil_id: int, top_up_id: int) -> HttpResponse:
    pupil = _costs_pupil(request, pupil_id)
    top_up = read.get_top_up(pupil, top_up_id)
    form = TopUpForm(request.POST or None, initial={name: getattr(top_up, name) for name in TopUpForm.base_fields})
    return _form(
        request,
        form,
        lambda data: services.save_top_up(pupil=pupil, by=request.user, top_up=top_up, **data),
        title="Change the top-up or record the decision",
        caption=pupil.display_name,
        done="The top-up has been saved.",
        back=_top_up_back(pupil),
    )
