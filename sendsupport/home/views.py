"""The home page: what each person signed in needs first, composed from the capability apps."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendsupport.accounts.access import is_la_officer, is_parent, roles_at
from sendsupport.accounts.school_context import current_school
from sendsupport.audit.remembered_pages import remember_page
from sendsupport.audit.services import pupils_shown, record_list_view
from sendsupport.compliance.engine import most_urgent, todo_list
from sendsupport.compliance.school_duties import school_items
from sendsupport.core.dates import today
from sendsupport.pupils import selectors as pupil_selectors
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Role
from sendsupport.support.selectors import concerns_raised_by, plans_for_teacher

# The SENCO's home page shows a count per duty and the most urgent pupils; the to-do page shows all.
HOME_TODO_PUPILS = 5


@login_required
@remember_page
def home(request: HttpRequest) -> HttpResponse:
    school = current_school(request)
    roles = roles_at(request.user, school)
    context: dict = {"school": school, "roles": roles}
    if roles & REGISTER_MANAGERS:
        context["register_counts"] = pupil_selectors.register_counts(request.user, school)
        todo = todo_list(request.user, school, today=today())
        context["todo_lines"] = most_urgent(todo.lines, HOME_TODO_PUPILS)
        context["todo_total"] = len(todo.lines)
        context["todo_counts"] = [row for row in todo.counts if row[2]]
        context["school_items"] = school_items(school, today=today())
    if roles & CLASSROOM_STAFF:
        context["my_plans"] = plans_for_teacher(request.user, school)
        with_plans = {item.pupil.pk for item in context["my_plans"]}
        context["without_plans"] = [
            pupil for pupil in pupil_selectors.my_pupils_on_register(request.user, school) if pupil.pk not in with_plans
        ]
        context["is_classroom"] = True
    if roles & (CLASSROOM_STAFF | REGISTER_MANAGERS):
        context["my_concerns"] = concerns_raised_by(request.user, school)
    context["is_governor"] = Role.GOVERNOR in roles
    context["is_parent"] = is_parent(request.user)
    context["is_la_officer"] = is_la_officer(request.user)
    if context["is_parent"]:
        context["children"] = list(pupil_selectors.children_of(request.user))
    record_list_view(user=request.user, shown=_shown(context, school), what="Saw the pupil listed on the home page")
    return render(request, "home/home.html", context)


def _shown(context: dict, school: Any) -> list[tuple[int, int]]:
    """(school id, pupil id) of every pupil the home page names, for the audit log."""
    shown = [(school.pk, line.pupil_id) for line in context.get("todo_lines", [])]
    shown += pupils_shown(item.pupil for item in context.get("my_plans", []))
    shown += pupils_shown(context.get("without_plans", []))
    shown += pupils_shown(concern.pupil for concern in context.get("my_concerns", []))
    shown += pupils_shown(context.get("children", []))
    return shown
