"""The home page: what each person signed in needs first, composed from the capability apps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendsupport.accounts.access import is_la_officer, is_parent, roles_at
from sendsupport.accounts.school_context import current_school
from sendsupport.compliance.duties import DUTY_TITLES
from sendsupport.compliance.engine import todo_list
from sendsupport.core.dates import today
from sendsupport.pupils import selectors as pupil_selectors
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Role
from sendsupport.support.selectors import plans_for_teacher

# The SENCO's home page shows the most urgent items; the to-do page shows them all.
HOME_TODO_ITEMS = 10


@login_required
def home(request: HttpRequest) -> HttpResponse:
    school = current_school(request)
    roles = roles_at(request.user, school)
    context: dict = {"school": school, "roles": roles}
    if roles & REGISTER_MANAGERS:
        context["register_counts"] = pupil_selectors.register_counts(request.user, school)
        todo = todo_list(request.user, school, today=today())
        context["todo_items"] = todo.items[:HOME_TODO_ITEMS]
        context["todo_total"] = len(todo.items)
        context["todo_counts"] = [row for row in todo.counts if row[2]]
        context["duty_titles"] = DUTY_TITLES
    if roles & CLASSROOM_STAFF:
        context["my_plans"] = plans_for_teacher(request.user, school)
        with_plans = {item.pupil.pk for item in context["my_plans"]}
        context["without_plans"] = [
            pupil for pupil in pupil_selectors.my_pupils_on_register(request.user, school) if pupil.pk not in with_plans
        ]
        context["is_classroom"] = True
    context["is_governor"] = Role.GOVERNOR in roles
    context["is_parent"] = is_parent(request.user)
    context["is_la_officer"] = is_la_officer(request.user)
    if context["is_parent"]:
        context["children"] = pupil_selectors.children_of(request.user)
    return render(request, "home/home.html", context)
