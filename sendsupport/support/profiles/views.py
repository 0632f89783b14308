"""Passport pages: the current passport, writing a new version, "I have read this", and earlier versions."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.accounts.school_context import current_school
from sendsupport.audit.services import pupils_shown, record_list_view, record_view
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.lookup import pupil_for
from sendsupport.support.profiles import selectors, services
from sendsupport.support.profiles.forms import AcknowledgeForm, PassportForm
from sendsupport.support.profiles.models import SECTION_FIELDS
from sendsupport.support.profiles.rules import is_staff_for
from sendsupport.support.selectors import plan_in_force


def _passport_page(request: HttpRequest, pupil, *, ack_errors: list[str] | None = None) -> HttpResponse:
    profile = selectors.current_profile(pupil)
    can_write = rules.test_rule("change_pupil_passport", request.user, pupil)
    can_acknowledge = rules.test_rule("acknowledge_pupil_passport", request.user, pupil)
    context = {
        "pupil": pupil,
        "profile": profile,
        "staff_view": is_staff_for(request.user, pupil),
        "plan_in_force": plan_in_force(pupil) if is_staff_for(request.user, pupil) else None,
        "can_write": can_write,
        "can_acknowledge": can_acknowledge and profile is not None,
        "my_acknowledgement": selectors.acknowledgement_of(request.user, profile) if can_acknowledge else None,
        "ack_errors": ack_errors or [],
    }
    if can_write and profile is not None:
        context["readers"] = selectors.readers_of(profile)
        context["still_to_read"] = selectors.unacknowledged_staff([pupil.pk])[pupil.pk]
    return render(request, "profiles/passport.html", context, status=400 if ack_errors else 200)


@login_required
def passport(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_pupil_passport")
    record_view(user=request.user, pupil=pupil, what="Viewed the pupil's passport")
    return _passport_page(request, pupil)


@login_required
@require_http_methods(["GET", "POST"])
def passport_edit(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_passport")
    current = selectors.current_profile(pupil)
    initial = {name: getattr(current, name) for name in (*SECTION_FIELDS, "pupil_contributed")} if current else {}
    initial["version"] = current.version if current else 0
    form = PassportForm(request.POST or None, initial=initial, first_version=current is None)
    if request.method == "GET" and current is not None:
        record_view(user=request.user, pupil=pupil, what="Opened the pupil's passport to edit")
    if request.method == "POST" and form.is_valid():
        profile = try_service(
            form, lambda: services.save_new_version(pupil=pupil, by=request.user, **form.cleaned_data)
        )
        if profile:
            messages.success(
                request,
                f"Version {profile.version} of the passport has been saved. "
                "Staff who work with the pupil are asked to read it.",
            )
            return redirect("profiles:passport", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title="Write the passport" if current is None else "Update the passport",
        caption=pupil.display_name,
        intro="A one-page profile in the pupil's own words where possible. Saving makes a new version: "
        "earlier versions are kept, and every teacher and teaching assistant who works with the pupil "
        "is asked to read the new one.",
        submit_label="Save a new version" if current else "Save the passport",
        back_url=reverse("profiles:passport", args=[pupil.pk]),
    )


@login_required
@require_POST
def passport_acknowledge(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "acknowledge_pupil_passport")
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        return _passport_page(request, pupil, ack_errors=["Choose the version of the passport you have read."])
    profile = selectors.get_version(pupil, form.cleaned_data["version"])
    if profile is None:
        raise Http404("No such version")
    try:
        services.acknowledge(profile=profile, by=request.user)
    except ValidationError as error:
        return _passport_page(request, pupil, ack_errors=error.messages)
    messages.success(request, "Thank you. You have confirmed you have read the passport.")
    return redirect("profiles:passport", pupil_id=pupil.pk)


@login_required
def passport_versions(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_pupil_passport_history")
    record_view(user=request.user, pupil=pupil, what="Viewed the versions of the pupil's passport")
    return render(request, "profiles/versions.html", {"pupil": pupil, "versions": selectors.versions_of(pupil)})


@login_required
def passport_version(request: HttpRequest, pupil_id: int, version: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_pupil_passport_history")
    profile = selectors.get_version(pupil, version)
    if profile is None:
        raise Http404("No such version")
    record_view(user=request.user, pupil=pupil, what=f"Viewed version {version} of the pupil's passport")
    current = selectors.current_profile(pupil)
    return render(
        request,
        "profiles/version.html",
        {
            "pupil": pupil,
            "profile": profile,
            "is_current": current is not None and current.pk == profile.pk,
            "readers": selectors.readers_of(profile),
        },
    )


@login_required
def passports_to_read(request: HttpRequest) -> HttpResponse:
    """For teachers and TAs: the passports of their pupils they have not read yet."""
    school = current_school(request)
    if school is None or not selectors.is_classroom_staff(request.user, school):
        raise Http404("Not found")
    items = selectors.passports_to_read(request.user, school)
    record_list_view(
        user=request.user,
        shown=pupils_shown(pupil for pupil, _ in items),
        what="Saw the pupil's passport listed as not read yet",
    )
    return render(request, "profiles/to_read.html", {"items": items, "school": school})
