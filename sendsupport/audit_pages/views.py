"""The audit log pages. Read-only: there is no screen that edits or deletes an entry."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from sendsupport.accounts.school_context import school_for
from sendsupport.audit.models import AuditEvent
from sendsupport.audit.selectors import pupil_log, school_log
from sendsupport.core.permissions import require
from sendsupport.pupils.selectors import get_visible_pupil

PAGE_SIZE = 100


@login_required
@require_safe
def school_log_view(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "view_school_audit")
    action = request.GET.get("action", "")
    if action not in AuditEvent.Action.values:
        action = ""
    page = Paginator(school_log(request.user, school, action=action), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {
            "title": f"Audit log for {school.name}",
            "page": page,
            "actions": AuditEvent.Action.choices,
            "action": action,
            "show_pupil": True,
        },
    )


@login_required
@require_safe
def pupil_log_view(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = get_visible_pupil(request.user, pupil_id)
    require("view_school_audit", request, pupil.school)
    page = Paginator(pupil_log(request.user, pupil), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {
            "title": f"Audit log for {pupil.display_name}",
            "page": page,
            "pupil": pupil,
            "show_pupil": False,
        },
    )
