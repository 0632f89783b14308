"""Review: the review page (staff and parents) and recording the review, which closes the cycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sendsupport.audit.services import record_view
from sendsupport.core.dates import today
from sendsupport.support import selectors, services
from sendsupport.support.choices import NEXT_STEPS_LEAVING_SUPPORT
from sendsupport.support.forms import ReviewForm
from sendsupport.support.views._helpers import (
    can,
    closed_notice,
    cycle_for,
    cycle_url,
    form_page,
    is_staff_view,
    notice,
    try_service,
)
from sendsupport.support.voice import selectors as voice_selectors


@login_required
def review_page(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.view")
    review = getattr(cycle, "review", None)
    if review is None:
        raise Http404("No review")
    record_view(user=request.user, pupil=cycle.pupil, what=f"Viewed the review of SEN support cycle {cycle.number}")
    staff = is_staff_view(request, cycle.pupil)
    return render(
        request,
        "support/review.html",
        {
            "pupil": cycle.pupil,
            "cycle": cycle,
            "review": review,
            "ratings": selectors.ratings_of(review),
            "staff_view": staff,
            "can_manage": can(request, "support.manage", cycle.pupil),
            "back_url": cycle_url(cycle) if staff else reverse("support:timeline", args=[cycle.pupil_id]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    # A review posted from a page drawn before someone else reviewed or changed the plan goes to the
    # service, which refuses it with what changed and keeps what was typed.
    posted_from_page = request.method == "POST" and bool(request.POST.get("plan_version"))
    if not posted_from_page and (closed := closed_notice(request, cycle)):
        return closed
    plan = getattr(cycle, "plan", None)
    if plan is None or (not plan.is_agreed and not posted_from_page):
        return notice(
            request,
            title="The plan is not agreed yet",
            text="A review judges an agreed plan: write and agree the plan first.",
            back_url=cycle_url(cycle),
        )
    plan.cycle = cycle
    outcomes = selectors.outcomes_of(plan)
    latest_measures = {f"measure_{o.pk}": next((n.measure for n in o.notes.all() if n.measure), "") for o in outcomes}
    # Views parents and the pupil sent before the review start as the review's record of their views.
    sent_views = voice_selectors.views_initial(request.user, cycle)
    form = ReviewForm(
        request.POST or None,
        outcomes=outcomes,
        initial={"held_on": today(), "plan_version": plan.version, **latest_measures, **sent_views},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = try_service(
            form,
            lambda: services.record_review(
                plan=plan,
                by=request.user,
                held_on=data["held_on"],
                expected_progress=data["expected_progress"],
                attendees=data["attendees"],
                parents_attended=data["parents_attended"],
                next_step=data["next_step"],
                next_step_notes=data["next_step_notes"],
                next_review_date=data["next_review_date"],
                plan_version=data["plan_version"],
                progress_summary=data["progress_summary"],
                ratings=form.ratings(),
                pupil_views=data["pupil_views"],
                pupil_views_absent_reason=data["pupil_views_absent_reason"],
                parent_views=data["parent_views"],
                parent_views_absent_reason=data["parent_views_absent_reason"],
            ),
        )
        if review:
            text = f"The review is recorded and cycle {cycle.number} is closed."
            following = selectors.latest_cycle(cycle.pupil)
            carried = getattr(following, "plan", None) if following and following.pk != cycle.pk else None
            if carried is not None:
                text += (
                    f" Cycle {following.number} has started with the same plan, agreed at the review, "
                    f"to be reviewed by {carried.review_date.day} {carried.review_date:%B %Y}."
                )
            elif review.next_step in NEXT_STEPS_LEAVING_SUPPORT:
                text += " The pupil is no longer on SEN support on the register."
            else:
                text += " Start the next cycle when you are ready: it starts from what this review found."
            messages.success(request, text)
            return redirect(cycle_url(following if carried is not None else cycle))
    return form_page(
        request,
        form,
        template="support/review_form.html",
        page_title="Record the review",
        caption=f"{cycle.pupil.display_name}, cycle {cycle.number}",
        cycle=cycle,
        plan=plan,
        outcomes=outcomes,
        submit_label="Save the review and close the cycle",
        views_prefilled=bool(sent_views),
        back_url=cycle_url(cycle),
    )
