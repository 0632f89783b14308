"""Ask for the second factor before any page, when the person has one or their role requires one.

Whether a session needs a second factor is worked out at sign-in and kept in the session, so an
ordinary page costs no query for it. A change of role, of the school's setting, or a second factor
set up in another session takes effect at the person's next sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from sendsupport.twofactor.selectors import has_second_factor, required_for

SESSION_KEY = "twofactor_needed"


def remember_whether_needed(session: Any, user: Any) -> bool:
    needed = has_second_factor(user) or required_for(user)
    session[SESSION_KEY] = needed
    return needed


def _open_paths() -> tuple[str, ...]:
    """Pages a person signed in with a password alone may reach: signing in and out, the second factor's own
    pages, static files and the health check."""
    return (
        reverse("login"),
        reverse("logout"),
        reverse("twofactor:set_up"),
        reverse("twofactor:verify"),
        reverse("health"),
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL,
    )


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        needed = request.session.get(SESSION_KEY)
        if needed is None:  # a session from before this check existed
            needed = remember_whether_needed(request.session, user)
        if not needed or request.path.startswith(_open_paths()):
            return self.get_response(request)
        target = "twofactor:verify" if has_second_factor(user) else "twofactor:set_up"
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
