"""The SENCO's to-do list page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendsupport.accounts.school_context import school_for
from sendsupport.compliance.duties import DUTY_TITLES
from sendsupport.compliance.engine import TodoFilters, todo_list
from sendsupport.compliance.forms import TodoFilterForm
from sendsupport.core.dates import today


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = TodoFilterForm(request.GET or None, school=school)
    filters = TodoFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = TodoFilters(
            year_group=data["year_group"],
            group_id=int(data["group"]) if data["group"] else None,
            teacher_id=int(data["teacher"]) if data["teacher"] else None,
        )
    todo = todo_list(request.user, school, today=today(), filters=filters)
    return render(
        request, "compliance/todo.html", {"school": school, "form": form, "todo": todo, "duty_titles": DUTY_TITLES}
    )
