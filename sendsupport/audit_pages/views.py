"""The audit log pages. Read-only: there is no screen that edits or deletes an entry."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from sendsupport.accounts.school_context import school_for
from sendsupport.audit.forms import LogFilterForm
from sendsupport.audit.presenting import readable_changes
from sendsupport.audit.selectors import pupil_log, school_log
from sendsupport.audit.services import record_view
from sendsupport.core.numbers import ascii_int
from sendsupport.core.permissions import require
from sendsupport.pupils.selectors import get_visible_pupil

PAGE_SIZE = 100


def _log_page(request: HttpRequest, form: LogFilterForm, events, context: dict) -> HttpResponse:
    page = Paginator(events, PAGE_SIZE).get_page(ascii_int(request.GET.get("page", "")) or 1)
    page.object_list = list(page.object_list)  # read once: the template and the labels share the rows
    readable = readable_changes(page.object_list)
    for event in page.object_list:
        event.readable_changes = readable[event.pk]
    # Keep the filters on the page links; the page number is the pagination's own.
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
        }
    )
    return render(request, "audit/log.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def school_log_view(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "view_school_audit")
    form = LogFilterForm(request.GET)
    form.is_valid()
    return _log_page(
        request,
        form,
        school_log(request.user, school, filters=form.filters()),
        {"title": f"Audit log for {school.name}", "show_pupil": True},
    )


@login_required
@require_safe
def pupil_log_view(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = get_visible_pupil(request.user, pupil_id)
    require("view_school_audit", request, pupil.school)
    record_view(user=request.user, pupil=pupil, what="Viewed the audit log of the pupil's record")
    form = LogFilterForm(request.GET, with_pupil=False)
    form.is_valid()
    return _log_page(
        request,
        form,
        pupil_log(request.user, pupil, filters=form.filters()),
        {"title": f"Audit log for {pupil.display_name}", "pupil": pupil, "show_pupil": False},
    )
