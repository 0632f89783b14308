"""Meetings with parents: the list, recording, editing until shared, corrections, and the parents' copy."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.audit.services import record_export, record_view
from sendsupport.core import dates
from sendsupport.core.pdf import pdf_response, render_pdf
from sendsupport.core.permissions import require
from sendsupport.core.views import form_page, try_service
from sendsupport.meetings import selectors, services
from sendsupport.meetings.forms import CorrectionForm, DeclinedMeetingForm, MeetingForm
from sendsupport.meetings.rules import is_staff_for
from sendsupport.pupils.lookup import pupil_for


def _can_record(request: HttpRequest, pupil) -> bool:
    return rules.test_rule("record_pupil_meetings", request.user, pupil)


@login_required
def meeting_list(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_pupil_meetings")
    staff_view = is_staff_for(request.user, pupil)
    record_view(user=request.user, pupil=pupil, what="Viewed meetings with parents")
    return render(
        request,
        "meetings/list.html",
        {
            "pupil": pupil,
            "meetings": selectors.meetings_for(request.user, pupil),
            "summary": selectors.year_summary(pupil, today=dates.today()),
            "declined": selectors.declined_for(request.user, pupil) if staff_view else [],
            "staff_view": staff_view,
            "can_record": _can_record(request, pupil),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "record_pupil_meetings")
    form = MeetingForm(request.POST or None, pupil=pupil, initial={"staff_attendees": [request.user]})
    if request.method == "POST" and form.is_valid():
        meeting = try_service(
            form, lambda: services.record_meeting(pupil=pupil, by=request.user, **form.service_kwargs())
        )
        if meeting:
            messages.success(request, "The meeting has been recorded. Share it with the parents when it is ready.")
            return redirect("meetings:detail", pupil_id=pupil.pk, meeting_id=meeting.pk)
    return form_page(
        request,
        form,
        page_title="Record a meeting with parents",
        caption=pupil.display_name,
        intro="Record the meeting after it has been held. Parents see it only once you share it with them.",
        submit_label="Save the record",
        back_url=reverse("meetings:list", args=[pupil.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def declined_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """Record a meeting the parents were offered and declined: it counts towards the year's meetings."""
    pupil = pupil_for(request, pupil_id, "record_pupil_meetings")
    form = DeclinedMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        declined = try_service(
            form, lambda: services.record_declined_meeting(pupil=pupil, by=request.user, **form.cleaned_data)
        )
        if declined:
            messages.success(request, "The declined meeting has been recorded.")
            return redirect("meetings:list", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title="Record a meeting the parents declined",
        caption=pupil.display_name,
        intro="If you offered the parents a meeting and they declined it, record it here. "
        "It counts towards the meetings with parents expected this year.",
        submit_label="Save",
        back_url=reverse("meetings:list", args=[pupil.pk]),
    )


@login_required
def meeting_detail(request: HttpRequest, pupil_id: int, meeting_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "read_meeting_records")
    meeting = selectors.get_meeting(request.user, pupil, meeting_id)
    record_view(user=request.user, pupil=pupil, what=f"Viewed the record of a meeting with parents ({meeting})")
    return render(
        request,
        "meetings/detail.html",
        {"pupil": pupil, "meeting": meeting, "can_record": _can_record(request, pupil)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pupil_id: int, meeting_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "record_pupil_meetings")
    meeting = selectors.get_meeting(request.user, pupil, meeting_id)
    if meeting.is_shared:
        # A shared record is fixed; the way to change it is a dated correction.
        return redirect("meetings:correct", pupil_id=pupil.pk, meeting_id=meeting.pk)
    form = MeetingForm(request.POST or None, pupil=pupil, initial=MeetingForm.initial_from(meeting))
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what=f"Opened a meeting record to edit ({meeting})")
    if request.method == "POST" and form.is_valid():
        try_service(
            form,
            lambda: services.update_meeting(
                meeting=meeting, by=request.user, version=form.cleaned_data["version"], **form.service_kwargs()
            ),
        )
        if not form.errors:
            messages.success(request, "The meeting record has been saved.")
            return redirect("meetings:detail", pupil_id=pupil.pk, meeting_id=meeting.pk)
    return form_page(
        request,
        form,
        page_title="Edit the meeting record",
        caption=pupil.display_name,
        intro="You can change the record until it is shared with the parents.",
        back_url=reverse("meetings:detail", args=[pupil.pk, meeting.pk]),
    )


@login_required
@require_POST
def meeting_share(request: HttpRequest, pupil_id: int, meeting_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "record_pupil_meetings")
    meeting = selectors.get_meeting(request.user, pupil, meeting_id)
    try:
        services.share_with_parents(meeting=meeting, by=request.user)
    except ValidationError as error:
        return render(
            request,
            "meetings/detail.html",
            {"pupil": pupil, "meeting": meeting, "can_record": True, "share_errors": error.messages},
            status=400,
        )
    messages.success(request, "The record has been shared. The parents can now read it in their own view.")
    return redirect("meetings:detail", pupil_id=pupil.pk, meeting_id=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_correct(request: HttpRequest, pupil_id: int, meeting_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "record_pupil_meetings")
    meeting = selectors.get_meeting(request.user, pupil, meeting_id)
    if not meeting.is_shared:
        return redirect("meetings:edit", pupil_id=pupil.pk, meeting_id=meeting.pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what=f"Opened a meeting record to correct ({meeting})")
    if request.method == "POST" and form.is_valid():
        try_service(form, lambda: services.add_correction(meeting=meeting, by=request.user, **form.cleaned_data))
        if not form.errors:
            messages.success(request, "The correction has been added. The parents can see it with the record.")
            return redirect("meetings:detail", pupil_id=pupil.pk, meeting_id=meeting.pk)
    return form_page(
        request,
        form,
        page_title="Add a correction",
        caption=f"{pupil.display_name}: {meeting}",
        intro="This record has been shared with the parents, so it is not changed. "
        "Your correction is added to it with today's date, and the parents see both.",
        submit_label="Add the correction",
        back_url=reverse("meetings:detail", args=[pupil.pk, meeting.pk]),
    )


def _copy_context(request: HttpRequest, pupil_id: int, meeting_id: int) -> dict:
    pupil = pupil_for(request, pupil_id, "view_pupil_meetings")
    meeting = selectors.get_meeting(request.user, pupil, meeting_id)
    require("read_meeting_parents_copy", request, meeting)
    return {"pupil": pupil, "meeting": meeting, "staff_view": is_staff_for(request.user, pupil)}


@login_required
def parents_copy(request: HttpRequest, pupil_id: int, meeting_id: int) -> HttpResponse:
    context = _copy_context(request, pupil_id, meeting_id)
    record_view(
        user=request.user, pupil=context["pupil"], what=f"Read the parents' copy of a meeting ({context['meeting']})"
    )
    return render(request, "meetings/copy.html", context)


@login_required
def parents_copy_pdf(request: HttpRequest, pupil_id: int, meeting_id: int) -> HttpResponse:
    context = _copy_context(request, pupil_id, meeting_id)
    pupil, meeting = context["pupil"], context["meeting"]
    pdf = render_pdf("meetings/copy_pdf.html", context)
    record_export(
        user=request.user,
        school_id=pupil.school_id,
        pupil=pupil,
        what=f"Downloaded a meeting record as PDF ({meeting})",
    )
    filename = f"meeting-{meeting.held_on:%Y-%m-%d}-{slugify(pupil.display_name)}.pdf"
    return pdf_response(pdf, filename)
