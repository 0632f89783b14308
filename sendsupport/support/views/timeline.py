"""The pupil's SEN support timeline, concerns, starting and closing cycles, and corrections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sendsupport.audit.remembered_pages import remember_page
from sendsupport.audit.services import record_view
from sendsupport.core.dates import today
from sendsupport.support import selectors, services
from sendsupport.support.forms import CloseCycleForm, ConcernForm, CorrectionForm, StartCycleForm
from sendsupport.support.stages import CycleUrls, stages
from sendsupport.support.views._helpers import (
    can,
    closed_notice,
    cycle_for,
    cycle_url,
    form_page,
    is_staff_view,
    notice,
    pupil_for,
    try_service,
)


@login_required
@remember_page
def timeline(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "support.view")
    staff_view = is_staff_view(request, pupil)
    cycles = selectors.timeline(pupil)
    urls, day = CycleUrls(pupil.pk), today()
    for cycle in cycles:
        cycle.stages = stages(cycle, today=day, staff=staff_view, urls=urls)
        cycle.page_url = urls("cycle", cycle.number)
    record_view(user=request.user, pupil=pupil, what="Viewed the SEN support timeline")
    concerns = selectors.concerns_of(pupil) if staff_view else []  # newest first
    return render(
        request,
        "support/timeline.html",
        {
            "pupil": pupil,
            "cycles": cycles,
            "staff_view": staff_view,
            # ``selectors.open_concerns`` (oldest first) from the list already read: one query, not two
            "concerns": [c for c in reversed(concerns) if c.is_open],
            "answered_concerns": [c for c in concerns if not c.is_open],
            "can_manage": can(request, "support.manage", pupil),
            "can_raise": can(request, "support.raise_concern", pupil),
            "has_open_cycle": any(cycle.is_open for cycle in cycles),
            "notification_missing": staff_view and selectors.notification_missing(pupil),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_new(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "support.raise_concern")
    form = ConcernForm(request.POST or None, initial={"raised_on": today()})
    if request.method == "POST" and form.is_valid():
        concern = try_service(form, lambda: services.raise_concern(pupil=pupil, by=request.user, **form.cleaned_data))
        if concern:
            messages.success(
                request,
                "Your concern has been recorded. The SENCO sees it on their home page and to-do list; "
                "what they decide will show here and on your home page.",
            )
            return redirect("support:timeline", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title="Raise a concern",
        caption=pupil.display_name,
        intro="Tell the SENCO what you have noticed about this pupil's learning, behaviour or wellbeing.",
        submit_label="Raise the concern",
        back_url=reverse("support:timeline", args=[pupil.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cycle_new(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "support.manage")
    latest = selectors.latest_cycle(pupil)
    concerns = selectors.open_concerns(pupil)
    # Started from one concern (the SENCO's to-do list): tick that one; otherwise all open ones.
    chosen = [c for c in concerns if str(c.pk) == request.GET.get("concern")] or list(concerns)
    teacher = selectors.class_teacher_for_new_cycle(pupil, concerns=chosen, latest=latest)
    form = StartCycleForm(
        request.POST or None,
        staff=selectors.staff_at(pupil.school),
        concerns=concerns,
        initial={"opened_on": today(), "class_teacher": teacher, "concerns": chosen},
    )
    if request.method == "POST" and form.is_valid():
        cycle = try_service(
            form,
            lambda: services.start_cycle(
                pupil=pupil,
                by=request.user,
                opened_on=form.cleaned_data["opened_on"],
                class_teacher=form.cleaned_data["class_teacher"],
                concerns=list(form.cleaned_data.get("concerns") or []),
            ),
        )
        if cycle:
            messages.success(request, f"Cycle {cycle.number} has started. Record the assessment next.")
            return redirect(cycle_url(cycle))
    number = (latest.number + 1) if latest else 1
    intro = "Each cycle is one turn of assess, plan, do and review."
    if latest is not None and hasattr(latest, "review"):
        intro += f" The assessment and plan will start from what the review of cycle {latest.number} found."
    return form_page(
        request,
        form,
        page_title=f"Start cycle {number}",
        caption=pupil.display_name,
        intro=intro,
        submit_label="Start the cycle",
        back_url=reverse("support:timeline", args=[pupil.pk]),
    )


@login_required
def cycle_detail(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.view_staff_record")
    pupil = cycle.pupil
    assessment = getattr(cycle, "assessment", None)
    plan = getattr(cycle, "plan", None)
    review = getattr(cycle, "review", None)
    outcomes = selectors.outcomes_of(plan) if plan else []
    record_view(user=request.user, pupil=pupil, what=f"Viewed SEN support cycle {cycle.number}")
    return render(
        request,
        "support/cycle.html",
        {
            "pupil": pupil,
            "cycle": cycle,
            "concerns": list(cycle.concerns.select_related("raised_by")),
            "assessment": assessment,
            "scores": list(assessment.scores.all()) if assessment else [],
            "notifications": list(cycle.notifications.select_related("contact", "notified_by", "email")),
            "plan": plan,
            "outcomes": outcomes,
            "problems": services.smart_problems(plan, outcomes) if plan else {},
            "review": review,
            "ratings": selectors.ratings_of(review) if review else [],
            "corrections": selectors.corrections_of(cycle),
            "can_manage": can(request, "support.manage", pupil),
            "can_note": can(request, "support.add_note", pupil),
            "notification_missing": selectors.notification_missing(pupil),
            "can_start_next": not cycle.is_open and selectors.latest_cycle(pupil).pk == cycle.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cycle_close(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    if closed := closed_notice(request, cycle):
        return closed
    form = CloseCycleForm(request.POST or None, initial={"closed_on": today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and try_service(form, lambda: services.close_cycle(cycle=cycle, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, f"Cycle {cycle.number} is closed.")
        return redirect(cycle_url(cycle))
    return form_page(
        request,
        form,
        page_title=f"Close cycle {cycle.number}",
        caption=cycle.pupil.display_name,
        intro="Close a cycle early, for example when the pupil leaves the school. A review closes it on its own. "
        "After closing, the record can only be corrected, not changed.",
        submit_label="Close the cycle",
        back_url=cycle_url(cycle),
    )


@login_required
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    if cycle.is_open:
        return notice(
            request,
            title=f"Cycle {cycle.number} is still open",
            text="Change the record itself: corrections are for cycles that have closed.",
            back_url=cycle_url(cycle),
        )
    items = services.correctable_items(cycle)
    form = CorrectionForm(request.POST or None, items=items)
    if (
        request.method == "POST"
        and form.is_valid()
        and try_service(form, lambda: services.add_correction(cycle=cycle, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, "The correction has been added. The original is kept beside it.")
        return redirect(cycle_url(cycle))
    return form_page(
        request,
        form,
        template="support/correction_form.html",
        page_title=f"Correct the record of cycle {cycle.number}",
        caption=cycle.pupil.display_name,
        items=items,
        submit_label="Add the correction",
        back_url=cycle_url(cycle),
    )
