"""The school's intervention library: staff read it; the SENCO and head add, change, share and stop
offering interventions. Thin views over ``services.library``."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sendsupport.accounts.school_context import school_for
from sendsupport.core.views import form_page, try_service
from sendsupport.provision import selectors_library as selectors
from sendsupport.provision.forms_library import InterventionForm
from sendsupport.provision.services import library as services


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST, even an empty one (no outcome ticked is an answer), else None."""
    return request.POST if request.method == "POST" else None


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "provision.view_library")
    interventions = selectors.library(request.user, school)
    return render(
        request,
        "provision/library.html",
        {
            "school": school,
            "offered": [i for i in interventions if i.active],
            "stopped": [i for i in interventions if not i.active],
            "can_change": rules.test_rule("provision.change_library", request.user, school),
        },
    )


@login_required
@require_GET
def library_detail(request: HttpRequest, intervention_id: int) -> HttpResponse:
    school = school_for(request, "provision.view_library")
    intervention = selectors.get_intervention(request.user, school, intervention_id)
    can_change = rules.test_rule("provision.change_library", request.user, school)
    return render(
        request,
        "provision/library_detail.html",
        {
            "intervention": intervention,
            "own": intervention.school_id == school.pk,
            "can_change": can_change,
            "can_provide": can_change and intervention.active,
            "provisions": [
                p for p in selectors.provision_list(request.user, school) if p.intervention_id == intervention.pk
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def library_add(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "provision.change_library")
    form = InterventionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        added = try_service(
            form, lambda: services.create_intervention(school=school, by=request.user, **form.cleaned_data)
        )
        if added:
            messages.success(request, f"“{added}” has been added to the library.")
            return redirect("provision:library_detail", added.pk)
    return form_page(
        request, form, page_title="Add an intervention to the library", back_url=reverse("provision:library")
    )


@login_required
@require_http_methods(["GET", "POST"])
def library_edit(request: HttpRequest, intervention_id: int) -> HttpResponse:
    school = school_for(request, "provision.change_library")
    intervention = selectors.get_intervention(request.user, school, intervention_id)
    if intervention.school_id != school.pk:
        # Shared by another school of the trust: seen here, changed only there.
        raise Http404("Not found")
    form = InterventionForm(_posted(request), initial=InterventionForm.initial_from(intervention))
    back = reverse("provision:library_detail", args=[intervention.pk])
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form,
            lambda: services.update_intervention(
                intervention=intervention, school=school, by=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, f"“{saved}” has been saved.")
            return redirect(back)
    return form_page(request, form, page_title=f"Change {intervention}", back_url=back)


@login_required
@require_POST
def library_add_common(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "provision.change_library")
    added = services.add_common_interventions(school=school, by=request.user)
    if added:
        messages.success(
            request, f"{len(added)} common intervention{'s' if len(added) != 1 else ''} added to the library."
        )
    else:
        messages.success(request, "Your library already has all the common interventions.")
    return redirect("provision:library")
