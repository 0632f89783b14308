"""Specialist involvement pages: the list, a referral, its details, the advice and the document."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sendsupport.audit.services import record_export, record_view
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.lookup import pupil_for
from sendsupport.support.specialists import selectors, services
from sendsupport.support.specialists.documents import content_type_for
from sendsupport.support.specialists.forms import AdviceForm, InvolvementForm, ReferralForm
from sendsupport.support.specialists.rules import is_staff_for


@login_required
def involvement_list(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_pupil_specialists")
    record_view(user=request.user, pupil=pupil, what="Viewed specialist involvement")
    return render(
        request,
        "specialists/list.html",
        {
            "pupil": pupil,
            "involvements": selectors.involvements_for(request.user, pupil),
            "staff_view": is_staff_for(request.user, pupil),
            "can_change": rules.test_rule("change_pupil_specialists", request.user, pupil),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_specialists")
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        involvement = try_service(
            form, lambda: services.add_referral(pupil=pupil, by=request.user, **form.cleaned_data)
        )
        if involvement:
            messages.success(
                request, f"The referral to the {involvement.professional_label.lower()} has been recorded."
            )
            return redirect("specialists:detail", pupil_id=pupil.pk, involvement_id=involvement.pk)
    return form_page(
        request,
        form,
        page_title="Record a referral to a specialist",
        caption=pupil.display_name,
        intro="Parents must be involved in any referral: record it once they have given their consent.",
        submit_label="Save the referral",
        back_url=reverse("specialists:list", args=[pupil.pk]),
    )


@login_required
def involvement_detail(request: HttpRequest, pupil_id: int, involvement_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_pupil_specialists")
    involvement = selectors.get_involvement(request.user, pupil, involvement_id)
    record_view(user=request.user, pupil=pupil, what=f"Viewed specialist involvement ({involvement})")
    return render(
        request,
        "specialists/detail.html",
        {
            "pupil": pupil,
            "involvement": involvement,
            "staff_view": is_staff_for(request.user, pupil),
            "can_change": rules.test_rule("change_pupil_specialists", request.user, pupil),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def involvement_edit(request: HttpRequest, pupil_id: int, involvement_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_specialists")
    involvement = selectors.get_involvement(request.user, pupil, involvement_id)
    form = InvolvementForm(request.POST or None, initial=InvolvementForm.initial_from(involvement))
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what=f"Opened specialist involvement to edit ({involvement})")
    if request.method == "POST" and form.is_valid():
        try_service(
            form, lambda: services.update_involvement(involvement=involvement, by=request.user, **form.cleaned_data)
        )
        if not form.errors:
            messages.success(request, "The details have been saved.")
            return redirect("specialists:detail", pupil_id=pupil.pk, involvement_id=involvement.pk)
    return form_page(
        request,
        form,
        page_title="Change the details",
        caption=f"{pupil.display_name}: {involvement.professional_label}",
        back_url=reverse("specialists:detail", args=[pupil.pk, involvement.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def advice_record(request: HttpRequest, pupil_id: int, involvement_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_specialists")
    involvement = selectors.get_involvement(request.user, pupil, involvement_id)
    initial = {
        "advice_received_on": involvement.advice_received_on,
        "advice": involvement.advice,
        "how_plan_used_it": involvement.how_plan_used_it,
    }
    form = AdviceForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "GET" and involvement.has_advice:
        record_view(user=request.user, pupil=pupil, what=f"Opened specialist advice to edit ({involvement})")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try_service(
            form,
            lambda: services.record_advice(
                involvement=involvement,
                by=request.user,
                advice_received_on=data["advice_received_on"],
                advice=data["advice"],
                document=data["advice_document"] or None,
                how_plan_used_it=data["how_plan_used_it"],
            ),
        )
        if not form.errors:
            messages.success(request, "The advice has been recorded.")
            return redirect("specialists:detail", pupil_id=pupil.pk, involvement_id=involvement.pk)
    intro = "Record what the specialist advised."
    if involvement.advice_document_name:
        intro += f" The document on file is “{involvement.advice_document_name}”."
    return form_page(
        request,
        form,
        page_title="Record the advice",
        caption=f"{pupil.display_name}: {involvement.professional_label}",
        intro=intro,
        submit_label="Save the advice",
        back_url=reverse("specialists:detail", args=[pupil.pk, involvement.pk]),
    )


@login_required
def advice_document(request: HttpRequest, pupil_id: int, involvement_id: int) -> FileResponse:
    """The advice document, as a download, only to those who may see the pupil; logged as an export."""
    pupil = pupil_for(request, pupil_id, "view_pupil_specialists")
    involvement = selectors.get_involvement(request.user, pupil, involvement_id)
    if not involvement.advice_document:
        raise Http404("No document")
    try:
        handle = involvement.advice_document.open("rb")
    except FileNotFoundError as error:
        raise Http404("No document") from error
    record_export(
        user=request.user,
        school_id=pupil.school_id,
        pupil=pupil,
        what=f"Downloaded the advice document “{involvement.advice_document_name}” ({involvement})",
    )
    name = involvement.advice_document_name or "advice"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type_for(name))
    response["Cache-Control"] = "private, no-store"
    return response
