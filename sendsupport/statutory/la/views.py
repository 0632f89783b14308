"""The local authority's side of an EHC needs assessment request, and the school's view of the same clocks.

- The LA officer: "EHC requests" (every request a school has given them, overdue first), one request with
  its clocks, the forms for the authority's steps and exceptions, and the SEN2 export with its check.
- The SENCO and head: the request with its clocks, who at the LA may see it, the school's advice, and
  the authority's steps for an authority that works on paper.
Thin views over ``selectors`` and ``services``; every read of a pupil's request is audited.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sendsupport.accounts.access import is_la_officer
from sendsupport.audit.services import pupils_shown, record_export, record_list_view, record_view
from sendsupport.core import dates
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.lookup import pupil_for
from sendsupport.statutory import clocks, sen2
from sendsupport.statutory import selectors as school_selectors
from sendsupport.statutory.evidence.documents import pack_download
from sendsupport.statutory.la import selectors, services
from sendsupport.statutory.la.forms import AccessForm, DecisionForm, ExceptionForm, StepForm
from sendsupport.statutory.models import EHCRequest


def _la_officer(request: HttpRequest) -> None:
    if not is_la_officer(request.user):
        raise Http404("Not found")


def _request_page(request: HttpRequest, row: EHCRequest, *, is_la: bool, **context: Any) -> HttpResponse:
    today = dates.today()
    found = clocks.clocks_for(row, today=today)
    actor = {"la"} if is_la else {"la", "school"}
    if not is_la and not rules.test_rule("record_la_step", request.user, row):
        actor = set()
    steps = [
        (step.title, _step_url(row, step.key, is_la))
        for step in services.STEPS.values()
        if step.who in actor and services.can_record(row, step.key, today)
    ]
    return render(
        request,
        "statutory/la/request.html",
        {
            "item": row,
            "pupil": row.pupil,
            "clocks": found,
            "next": clocks.next_step(found, today),
            "steps": steps,
            "is_la": is_la,
            "exception_url": _exception_url(row, is_la) if actor else "",
            "today": today,
            **context,
        },
    )


def _step_url(row: EHCRequest, step: str, is_la: bool) -> str:
    if is_la:
        return reverse("ehc:la_step", args=[row.pk, step])
    return reverse("ehc:request_step", args=[row.pupil_id, row.pk, step])


def _exception_url(row: EHCRequest, is_la: bool) -> str:
    if is_la:
        return reverse("ehc:la_exception", args=[row.pk])
    return reverse("ehc:request_exception", args=[row.pupil_id, row.pk])


def _back(row: EHCRequest, is_la: bool) -> str:
    if is_la:
        return reverse("ehc:la_request", args=[row.pk])
    return reverse("ehc:request", args=[row.pupil_id, row.pk])


def _step_form(request: HttpRequest, row: EHCRequest, step: str, *, is_la: bool) -> HttpResponse:
    if step not in services.STEPS:
        raise Http404("No such step")
    form_class = DecisionForm if step == "decision" else StepForm
    form = form_class(request.POST or None, step=step)

    def save() -> Any:
        data = form.cleaned_data
        return services.record_step(
            ehc_request=row, step=step, by=request.user, on=data["on"], outcome=data.get("outcome", "")
        )

    if request.method == "POST" and form.is_valid() and try_service(form, save):
        messages.success(request, services.STEPS[step].done)
        return redirect(_back(row, is_la))
    return form_page(
        request,
        form,
        page_title=services.STEPS[step].title,
        caption=f"{row.pupil.display_name}: request of {dates.in_words(row.requested_on)}",
        back_url=_back(row, is_la),
    )


def _exception_form(request: HttpRequest, row: EHCRequest, *, is_la: bool) -> HttpResponse:
    initial = {"exception": row.exception, "exception_note": row.exception_note}
    form = ExceptionForm(request.POST or None, initial=initial)

    def save() -> Any:
        data = form.cleaned_data
        return services.record_exception(
            ehc_request=row, by=request.user, exception=data["exception"], note=data["exception_note"]
        )

    if request.method == "POST" and form.is_valid() and try_service(form, save):
        messages.success(request, "The exception to the time limits is saved.")
        return redirect(_back(row, is_la))
    return form_page(
        request,
        form,
        page_title="Record an exception to the time limits",
        caption=f"{row.pupil.display_name}: request of {dates.in_words(row.requested_on)}",
        back_url=_back(row, is_la),
    )


# --- The LA officer -------------------------------------------------------------------------------


@login_required
def la_requests(request: HttpRequest) -> HttpResponse:
    """Every request schools have given this officer, with its next step; overdue first."""
    _la_officer(request)
    today = dates.today()
    rows = []
    for row in selectors.granted_requests(request.user):
        found = clocks.clocks_for(row, today=today)
        rows.append((row, clocks.next_step(found, today)))
    rows.sort(
        key=lambda pair: (
            0 if pair[1] and pair[1].state == clocks.OVERDUE else 1 if pair[1] else 2,
            pair[1].due_on if pair[1] and pair[1].due_on else pair[0].requested_on,
            pair[0].pk,
        )
    )
    record_list_view(
        user=request.user,
        shown=pupils_shown(row.pupil for row, _ in rows),
        what="Viewed the EHC needs assessment requests given to the local authority",
    )
    return render(request, "statutory/la/list.html", {"rows": rows, "today": today})


@login_required
def la_request(request: HttpRequest, request_id: int) -> HttpResponse:
    _la_officer(request)
    row = selectors.get_granted_request(request.user, request_id)
    record_view(user=request.user, pupil=row.pupil, what="Viewed an EHC needs assessment request (local authority)")
    return _request_page(request, row, is_la=True, evidence=selectors.sent_evidence(row))


@login_required
@require_GET
def la_evidence(request: HttpRequest, request_id: int, kind: str) -> HttpResponse:
    """The school's evidence pack as it was sent with the request, for the officer the school gave it to."""
    _la_officer(request)
    row = selectors.get_granted_request(request.user, request_id)
    pack = selectors.sent_evidence(row, with_documents=True)
    if pack is None:
        raise Http404("No evidence was sent with this request")
    response = pack_download(request.user, pack, kind)
    record_export(
        user=request.user,
        school_id=row.pupil.school_id,
        pupil=row.pupil,
        what=f"Downloaded the school's EHC evidence pack as {kind.upper()} (local authority)",
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def la_step(request: HttpRequest, request_id: int, step: str) -> HttpResponse:
    _la_officer(request)
    row = selectors.get_granted_request(request.user, request_id)
    if step not in services.STEPS or services.STEPS[step].who != "la":
        raise Http404("Not a step for the local authority")
    return _step_form(request, row, step, is_la=True)


@login_required
@require_http_methods(["GET", "POST"])
def la_exception(request: HttpRequest, request_id: int) -> HttpResponse:
    _la_officer(request)
    row = selectors.get_granted_request(request.user, request_id)
    return _exception_form(request, row, is_la=True)


@login_required
def la_sen2_check(request: HttpRequest) -> HttpResponse:
    """What the SEN2 export would hold, and every problem to fix first, by row and field."""
    _la_officer(request)
    today = dates.today()
    rows = list(selectors.granted_requests(request.user))
    record_list_view(user=request.user, shown=pupils_shown(row.pupil for row in rows), what="Checked the SEN2 return")
    return render(
        request,
        "statutory/la/sen2_check.html",
        {"rows": [sen2.row_for(row, today=today) for row in rows], "problems": sen2.validate(rows, today=today)},
    )


@login_required
def la_sen2(request: HttpRequest) -> HttpResponse:
    """The requests and assessments modules of the SEN2 person-level return, as XML for DfE COLLECT."""
    _la_officer(request)
    today = dates.today()
    rows = list(selectors.granted_requests(request.user))
    authority = selectors.authority_for(request.user)
    body = sen2.export(rows, authority=authority, today=today)
    for row in rows:
        record_export(
            user=request.user, school_id=row.pupil.school_id, pupil=row.pupil, what="Exported in the SEN2 return"
        )
    response = HttpResponse(body, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="SEN2_{authority.number}_{today:%Y%m%d}.xml"'
    return response


# --- The school -----------------------------------------------------------------------------------


def _school_request(request: HttpRequest, pupil_id: int, request_id: int, rule: str) -> EHCRequest:
    pupil = pupil_for(request, pupil_id, "view_pupil_statutory")
    row = school_selectors.get_request(pupil, request_id)
    if not rules.test_rule(rule, request.user, row):
        raise Http404("Not found")
    return row


@login_required
def school_request(request: HttpRequest, pupil_id: int, request_id: int) -> HttpResponse:
    row = _school_request(request, pupil_id, request_id, "view_ehc_request")
    record_view(user=request.user, pupil=row.pupil, what="Viewed an EHC needs assessment request and its clocks")
    can_grant = rules.test_rule("grant_ehc_access", request.user, row)
    return _request_page(
        request, row, is_la=False, access=selectors.open_access(row) if can_grant else [], can_grant=can_grant
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_step(request: HttpRequest, pupil_id: int, request_id: int, step: str) -> HttpResponse:
    who = services.STEPS[step].who if step in services.STEPS else ""
    rule = "record_school_advice" if who == "school" else "record_la_step"
    row = _school_request(request, pupil_id, request_id, rule)
    return _step_form(request, row, step, is_la=False)


@login_required
@require_http_methods(["GET", "POST"])
def school_exception(request: HttpRequest, pupil_id: int, request_id: int) -> HttpResponse:
    row = _school_request(request, pupil_id, request_id, "record_la_step")
    return _exception_form(request, row, is_la=False)


@login_required
@require_http_methods(["GET", "POST"])
def access_grant(request: HttpRequest, pupil_id: int, request_id: int) -> HttpResponse:
    row = _school_request(request, pupil_id, request_id, "grant_ehc_access")
    school = row.pupil.school
    form = AccessForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        officer = form.cleaned_data["officer"]
        if try_service(form, lambda: services.grant_access(ehc_request=row, officer=officer, by=request.user)):
            messages.success(request, f"{officer.get_full_name() or officer} can now see this request.")
            return redirect(_back(row, False))
    return form_page(
        request,
        form,
        page_title="Give the local authority access to this request",
        caption=f"{row.pupil.display_name}: request of {dates.in_words(row.requested_on)}",
        intro="Only this request is shared: the officer sees nothing else of the school.",
        back_url=_back(row, False),
        submit_label="Give access",
    )


@login_required
@require_POST
def access_revoke(request: HttpRequest, pupil_id: int, request_id: int, access_id: int) -> HttpResponse:
    row = _school_request(request, pupil_id, request_id, "grant_ehc_access")
    grant = selectors.get_open_access(row, access_id)
    services.revoke_access(access=grant, by=request.user)
    messages.success(request, f"{grant.user.get_full_name() or grant.user} can no longer see this request.")
    return redirect(_back(row, False))
