"""The session register a teaching assistant fills in on a phone, "My groups", and the list of a
provision's sessions. Thin views over ``selectors_sessions`` and ``services.sessions``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sendsupport.accounts.access import is_staff_at
from sendsupport.accounts.school_context import current_school
from sendsupport.core import dates
from sendsupport.core.views import form_page, try_service
from sendsupport.provision import selectors_sessions as selectors
from sendsupport.provision.forms_sessions import SessionForm
from sendsupport.provision.models import DeliveredSession, Provision
from sendsupport.provision.services.sessions import register_session

TEMPLATE = "provision/sessions_register.html"
SESSIONS_A_PAGE = 20


@login_required
def my_groups(request: HttpRequest) -> HttpResponse:
    school = current_school(request)
    if school is None or not is_staff_at(request.user, school):
        raise Http404("Not found")
    today = dates.today()
    return render(
        request,
        "provision/my_groups.html",
        {"groups": selectors.my_groups(request.user, school, today), "today": today},
    )


@login_required
def session_list(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = selectors.registrable_provision(request.user, provision_id)
    page = Paginator(selectors.sessions_of(provision), SESSIONS_A_PAGE).get_page(request.GET.get("page"))
    # Just registered: offer the next school day, to register a week of sessions one after another.
    registered = selectors.find_session(provision, request.GET.get("registered", ""))
    next_day = selectors.next_session_date(provision, registered.held_on, dates.today()) if registered else None
    for session in page:
        session.can_correct = selectors.may_correct(request.user, session)
    return render(
        request,
        "provision/sessions_list.html",
        {
            "provision": provision,
            "sessions": page,
            "page": page,
            "registered": registered,
            "next_day": next_day,
        },
    )


def _day(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default


def _register(
    request: HttpRequest, provision: Provision, *, session: DeliveredSession | None, initial: dict[str, Any]
) -> HttpResponse:
    """The register, for a new session or to correct one. Its date is chosen first, in a form of
    its own ("Show the register for this date"), so the register lists who was a member that day
    and pressing Enter in the register saves it (no script needed)."""
    posted = request.method == "POST"
    day = _day(request.POST.get("held_on") if posted else request.GET.get("date"), initial["held_on"])
    if not posted:
        initial = {**initial, "held_on": day}
    members = selectors.members_on(provision, day)
    form = SessionForm(request.POST if posted else None, initial=initial, members=members)
    if posted and form.is_valid():
        saved = try_service(
            form,
            lambda: register_session(provision=provision, by=request.user, session=session, **form.service_data()),
        )
        if saved:
            messages.success(
                request,
                f"The session on {dates.in_words(saved.held_on)} has been {'saved' if session else 'registered'}.",
            )
            return redirect(f"{reverse('provision:sessions_list', args=[provision.pk])}?registered={saved.pk}")
    return form_page(
        request,
        form,
        TEMPLATE,
        provision=provision,
        session=session,
        day=day,
        page_title="Correct a session" if session else "Register a session",
        back_url=reverse("provision:sessions_list", args=[provision.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = selectors.registrable_provision(request.user, provision_id)
    return _register(
        request, provision, session=None, initial={"held_on": dates.today(), "minutes": provision.session_minutes}
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, provision_id: int, session_id: int) -> HttpResponse:
    provision = selectors.registrable_provision(request.user, provision_id)
    session = selectors.get_session(provision, session_id)
    if not selectors.may_correct(request.user, session):
        raise Http404("Not found")
    initial: dict[str, Any] = {
        "held_on": session.held_on,
        "minutes": session.minutes,
        "cancelled": session.cancelled,
        "cancelled_reason": session.cancelled_reason,
        "note": session.note,
        **{
            f"attendance_{pupil_id}": status
            for pupil_id, status in session.attendance.values_list("pupil_id", "status")
        },
    }
    return _register(request, provision, session=session, initial=initial)
