"""Small helpers that turn a failed permission rule into a 404, so nothing is revealed."""

from __future__ import annotations

import rules
from django.http import Http404, HttpRequest

from sendsupport.core.school_context import current_school
from sendsupport.schools.models import School


def school_for(request: HttpRequest, rule: str) -> School:
    """The current school, if the user passes ``rule`` there; 404 otherwise."""
    school = current_school(request)
    if school is None or not rules.test_rule(rule, request.user, school):
        raise Http404("Not found")
    return school


def require(rule: str, request: HttpRequest, obj: object) -> None:
    if not rules.test_rule(rule, request.user, obj):
        raise Http404("Not found")


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"
