"""The school a staff member is working in now (one person may work at several), and the 404
that a page answers when the user fails its rule there."""

from __future__ import annotations

import rules
from django.http import Http404, HttpRequest

from sendsupport.accounts.access import memoised_schools, schools_for
from sendsupport.schools.models import School

SESSION_KEY = "current_school_id"


MEMO_ATTR = "_sendsupport_current_school"


def current_school(request: HttpRequest) -> School | None:
    """The school chosen in this session (or the first, by name); read once per request."""
    if not hasattr(request, MEMO_ATTR):
        setattr(request, MEMO_ATTR, _read_current_school(request))
    return getattr(request, MEMO_ATTR)


def _read_current_school(request: HttpRequest) -> School | None:
    chosen = request.session.get(SESSION_KEY)
    known = memoised_schools(request.user)
    if known is not None:  # in a request: the schools came with the roles, no query of their own
        if chosen in known:
            return known[chosen]
        return min(known.values(), key=lambda school: (school.name, school.pk), default=None)
    schools = schools_for(request.user).select_related("local_authority")
    if chosen is not None:
        school = schools.filter(pk=chosen).first()
        if school is not None:
            return school
    return schools.order_by("name").first()


def choose_school(request: HttpRequest, school: School) -> None:
    request.session[SESSION_KEY] = school.pk
    setattr(request, MEMO_ATTR, school)


def school_for(request: HttpRequest, rule: str) -> School:
    """The current school, if the user passes ``rule`` there; 404 otherwise."""
    school = current_school(request)
    if school is None or not rules.test_rule(rule, request.user, school):
        raise Http404("Not found")
    return school
