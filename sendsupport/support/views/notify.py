"""Telling the parents: record it, and the plain-English letter as a page, a PDF and an email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.audit.services import record_export, record_view
from sendsupport.core.dates import today
from sendsupport.core.pdf import pdf_response, render_pdf
from sendsupport.support import selectors, services
from sendsupport.support.forms import NotificationForm
from sendsupport.support.views._helpers import (
    closed_notice,
    cycle_for,
    cycle_url,
    file_stem,
    form_page,
    pupil_for,
    try_service,
)


@login_required
@require_http_methods(["GET", "POST"])
def notify(request: HttpRequest, pupil_id: int, number: int | None = None) -> HttpResponse:
    """Record that the parent was told. With a cycle number, about that cycle's decision; without,
    for SEN support that began before any cycle was recorded here."""
    if number is None:
        pupil = pupil_for(request, pupil_id, "support.manage")
        cycle = None
        back_url = reverse("support:timeline", args=[pupil.pk])
    else:
        cycle = cycle_for(request, pupil_id, number, "support.manage")
        pupil = cycle.pupil
        back_url = cycle_url(cycle)
        if closed := closed_notice(request, cycle):
            return closed
    first_parent = pupil.contact_links.filter(parental_responsibility=True).select_related("contact").first()
    form = NotificationForm(
        request.POST or None,
        pupil=pupil,
        initial={"notified_on": today(), "contact": first_parent.contact if first_parent else None},
    )
    if request.method == "POST" and form.is_valid():
        notification = try_service(
            form,
            lambda: services.record_notification(pupil=pupil, cycle=cycle, by=request.user, **form.cleaned_data),
        )
        if notification:
            messages.success(request, "The notification to the parents has been recorded.")
            return redirect(back_url)
    return form_page(
        request,
        form,
        template="support/notify_form.html",
        page_title="Record that the parents were told",
        caption=pupil.display_name,
        pupil=pupil,
        cycle=cycle,
        submit_label="Save",
        back_url=back_url,
    )


def _letter_page(request: HttpRequest, cycle, errors: list[str] | None = None) -> HttpResponse:
    context = services.letter_context(cycle)
    record_view(user=request.user, pupil=cycle.pupil, what=f"Viewed the letter to parents for cycle {cycle.number}")
    return render(
        request,
        "support/letter.html",
        {
            **context,
            "email_to": selectors.parents_with_email(cycle.pupil),
            "errors": errors or [],
            "back_url": cycle_url(cycle),
        },
        status=400 if errors else 200,
    )


@login_required
def letter(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    return _letter_page(request, cycle)


@login_required
def letter_pdf(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    pdf = render_pdf("support/letter_pdf.html", services.letter_context(cycle))
    record_export(
        user=request.user,
        school_id=cycle.pupil.school_id,
        pupil=cycle.pupil,
        what=f"Downloaded the letter to parents for SEN support cycle {cycle.number} (PDF)",
    )
    return pdf_response(pdf, f"{file_stem(cycle.pupil, 'sen-support-letter')}-cycle-{cycle.number}.pdf")


@login_required
@require_POST
def letter_email(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    try:
        sent = services.email_notification(cycle=cycle, by=request.user)
    except ValidationError as error:
        return _letter_page(request, cycle, errors=error.messages)
    names = ", ".join(str(notification.contact) for notification in sent)
    messages.success(request, f"The letter has been emailed to {names}, and recorded as telling the parents.")
    return redirect(cycle_url(cycle))
