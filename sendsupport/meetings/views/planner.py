"""The meeting planner: the year's proposals, confirming (inviting), moving, cancelling, recording
what happened, and the parent's side: the calendar file and the reply."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sendsupport.audit.services import record_view
from sendsupport.core import dates
from sendsupport.core.views import form_page, try_service
from sendsupport.meetings import calendar, emails, planning, selectors
from sendsupport.meetings.forms import MeetingForm
from sendsupport.meetings.models import Meeting, PlannedMeeting
from sendsupport.meetings.planner import proposals_for
from sendsupport.meetings.planner_forms import CancelForm, MoveForm, PlannedMeetingForm, ReplyForm
from sendsupport.pupils.lookup import pupil_for

RECORD = "record_pupil_meetings"


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@login_required
def plan(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """ "Plan this year's meetings": the proposals still to confirm and every planned meeting with its replies."""
    pupil = pupil_for(request, pupil_id, RECORD)
    today = dates.today()
    planned = list(selectors.planned_for(request.user, pupil))
    summary = selectors.year_summary(pupil, today=today)
    held = selectors.held_dates(request.user, pupil, summary["start"], summary["end"])
    # Only pupils on the SEN register (SEN support or an EHC plan) are owed the year's meetings.
    proposals = (
        proposals_for(pupil, today=today, per_year=summary["target"], planned=planned, held=held)
        if summary["measured"]
        else []
    )
    record_view(user=request.user, pupil=pupil, what="Viewed the plan of this year's meetings with parents")
    now = timezone.now()
    return render(
        request,
        "meetings/plan.html",
        {
            "pupil": pupil,
            "summary": summary,
            "proposals": proposals,
            "upcoming": [m for m in planned if m.status == PlannedMeeting.Status.CONFIRMED and m.ends_at >= now],
            "to_record": [m for m in planned if m.status == PlannedMeeting.Status.CONFIRMED and m.ends_at < now],
            "past": [m for m in planned if m.status in (PlannedMeeting.Status.HELD, PlannedMeeting.Status.CANCELLED)],
        },
    )


def _proposed_day(request: HttpRequest) -> date | None:
    try:
        return date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def plan_confirm(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, RECORD)
    initial = {
        "on": _proposed_day(request),
        "invited": list(planning.invitable_parents(pupil)),
        "staff": [request.user],
    }
    form = PlannedMeetingForm(request.POST or None, pupil=pupil, initial=initial)
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what="Opened the form to plan a meeting with parents")
    if request.method == "POST" and form.is_valid():
        planned = try_service(
            form,
            lambda: planning.confirm_meeting(
                pupil=pupil, by=request.user, base_url=_base_url(request), **form.service_kwargs()
            ),
        )
        if planned:
            messages.success(
                request,
                f"The meeting on {emails.when(planned)} is confirmed. Each parent invited with an email address "
                "is being sent an invitation with a calendar file.",
            )
            return redirect("meetings:plan", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title="Confirm a meeting with parents",
        caption=pupil.display_name,
        intro="Choose when and where. When you confirm, the parents you invite get an email with the details, "
        "a calendar file and a link to their page, and a reminder 2 days before.",
        submit_label="Confirm and invite",
        back_url=reverse("meetings:plan", args=[pupil.pk]),
    )


def _confirmed_meeting(request: HttpRequest, pupil_id: int, planned_id: int, doing: str):
    """The pupil and one of their confirmed meetings, for moving or cancelling it; 404 otherwise."""
    pupil = pupil_for(request, pupil_id, RECORD)
    planned = selectors.get_planned(request.user, pupil, planned_id)
    if planned.status != PlannedMeeting.Status.CONFIRMED:
        raise Http404(f"Only a confirmed meeting can be {doing}")
    return pupil, planned


def _change_page(request: HttpRequest, pupil, planned, form, *, doing: str, change, done: str, **page) -> HttpResponse:
    """Moving and cancelling share one page: audit the opening, run the service, go back to the plan."""
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what=f"Opened a planned meeting to {doing} it ({planned})")
    if request.method == "POST" and form.is_valid():
        changed = try_service(
            form, lambda: change(planned=planned, by=request.user, base_url=_base_url(request), **form.cleaned_data)
        )
        if changed:
            messages.success(request, done(changed))
            return redirect("meetings:plan", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        caption=f"{pupil.display_name}: {emails.when(planned)}",
        back_url=reverse("meetings:plan", args=[pupil.pk]),
        **page,
    )


@login_required
@require_http_methods(["GET", "POST"])
def planned_move(request: HttpRequest, pupil_id: int, planned_id: int) -> HttpResponse:
    pupil, planned = _confirmed_meeting(request, pupil_id, planned_id, "moved")
    local = timezone.localtime(planned.starts_at)
    initial = {
        "on": local.date(),
        "starts": local.time(),
        "ends": timezone.localtime(planned.ends_at).time(),
        "place": planned.place,
        "video_link": planned.video_link,
        "sequence": planned.sequence,
    }
    return _change_page(
        request,
        pupil,
        planned,
        MoveForm(request.POST or None, initial=initial),
        doing="move",
        change=planning.move_meeting,
        done=lambda moved: f"The meeting is moved to {emails.when(moved)}. The parents are being told.",
        page_title="Move the meeting",
        intro="The parents invited get an email with the new time and an updated calendar file that replaces the "
        "old one.",
        submit_label="Move the meeting",
    )


@login_required
@require_http_methods(["GET", "POST"])
def planned_cancel(request: HttpRequest, pupil_id: int, planned_id: int) -> HttpResponse:
    pupil, planned = _confirmed_meeting(request, pupil_id, planned_id, "cancelled")
    return _change_page(
        request,
        pupil,
        planned,
        CancelForm(request.POST or None, initial={"sequence": planned.sequence}),
        doing="cancel",
        change=planning.cancel_meeting,
        done=lambda _cancelled: "The meeting is cancelled. The parents are being told by email.",
        page_title="Cancel the meeting",
        intro="The parents invited get an email saying the meeting is cancelled, and a calendar file that removes "
        "it from their calendar.",
        submit_label="Cancel the meeting",
    )


@login_required
@require_http_methods(["GET", "POST"])
def planned_record(request: HttpRequest, pupil_id: int, planned_id: int) -> HttpResponse:
    """ "Record what happened": the meeting-record form, filled in from the planned meeting."""
    pupil = pupil_for(request, pupil_id, RECORD)
    planned = selectors.get_planned(request.user, pupil, planned_id)
    if planned.status not in (PlannedMeeting.Status.CONFIRMED, PlannedMeeting.Status.PLANNED):
        raise Http404("This meeting is already recorded or was cancelled")
    yes = {reply.contact_id for reply in planned.replies.all() if reply.answer == "yes"}
    initial = {
        "held_on": timezone.localtime(planned.starts_at).date(),
        "kind": Meeting.Kind.REVIEW,
        "parents_attended": [c for c in planned.invited.all() if c.pk in yes] or list(planned.invited.all()),
        "staff_attendees": list(planned.staff.all()),
    }
    form = MeetingForm(request.POST or None, pupil=pupil, initial=initial)
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what=f"Opened a planned meeting to record it ({planned})")
    if request.method == "POST" and form.is_valid():
        meeting = try_service(
            form, lambda: planning.record_held(planned=planned, by=request.user, **form.service_kwargs())
        )
        if meeting:
            messages.success(request, "The meeting has been recorded. Share it with the parents when it is ready.")
            return redirect("meetings:detail", pupil_id=pupil.pk, meeting_id=meeting.pk)
    return form_page(
        request,
        form,
        page_title="Record what happened at the meeting",
        caption=f"{pupil.display_name}: {emails.when(planned)}",
        intro="Check who came and write what was discussed and agreed. Parents see the record only once you share "
        "it with them.",
        submit_label="Save the record",
        back_url=reverse("meetings:plan", args=[pupil.pk]),
    )


@login_required
def planned_ics(request: HttpRequest, pupil_id: int, planned_id: int) -> HttpResponse:
    """ "Add to calendar": the meeting as a calendar file (the same UID as the invitation)."""
    pupil = pupil_for(request, pupil_id, "view_pupil_meetings")
    planned = selectors.get_planned(request.user, pupil, planned_id)
    record_view(user=request.user, pupil=pupil, what=f"Downloaded a planned meeting's calendar file ({planned})")
    link = request.build_absolute_uri(emails.parent_page(pupil))
    text = calendar.calendar_text(planned, method="PUBLISH", link=link)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    local = timezone.localtime(planned.starts_at)
    response["Content-Disposition"] = f'attachment; filename="meeting-{local:%Y-%m-%d}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def planned_reply(request: HttpRequest, pupil_id: int, planned_id: int) -> HttpResponse:
    """A parent's answer to an invitation: "Yes, I can come" or "Ask for another time" with a message."""
    pupil = pupil_for(request, pupil_id, "view_pupil_meetings")
    contact = selectors.own_contacts(request.user, pupil).first()
    if contact is None:
        raise Http404("Only the pupil's parents reply to meetings")
    planned = selectors.get_planned(request.user, pupil, planned_id)
    if not planned.is_upcoming or contact not in planned.invited.all():
        raise Http404("No such upcoming meeting")
    form = ReplyForm(request.POST or None, initial={"answer": request.GET.get("answer") or None})
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what=f"Opened the reply to a meeting invitation ({planned})")
    if request.method == "POST" and form.is_valid():
        answer = try_service(
            form,
            lambda: planning.reply(planned=planned, contact=contact, base_url=_base_url(request), **form.cleaned_data),
        )
        if answer:
            messages.success(request, _("Thank you. The school has been told your answer."))
            return redirect("meetings:list", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title=_("Reply to the meeting invitation"),
        caption=f"{pupil.display_name}: {emails.when(planned)}, {planned.where}",
        intro=_(
            "Tell the school whether you can come. If the time does not suit you, ask for another time and say "
            "when would suit you."
        ),
        submit_label=_("Send my answer"),
        back_url=reverse("meetings:list", args=[pupil.pk]),
    )
