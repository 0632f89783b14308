"""The school a staff member is working in now (one person may work at several)."""

from __future__ import annotations

from django.http import HttpRequest

from sendsupport.accounts.access import schools_for
from sendsupport.schools.models import School

SESSION_KEY = "current_school_id"


def current_school(request: HttpRequest) -> School | None:
    schools = schools_for(request.user).select_related("local_authority")
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        school = schools.filter(pk=chosen).first()
        if school is not None:
            return school
    return schools.order_by("name").first()


def choose_school(request: HttpRequest, school: School) -> None:
    request.session[SESSION_KEY] = school.pk
