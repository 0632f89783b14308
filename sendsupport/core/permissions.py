"""Small helpers that turn a failed permission rule into a 404, so nothing is revealed."""

from __future__ import annotations

import rules
from django.http import Http404, HttpRequest


def require(rule: str, request: HttpRequest, obj: object) -> None:
    if not rules.test_rule(rule, request.user, obj):
        raise Http404("Not found")


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"
