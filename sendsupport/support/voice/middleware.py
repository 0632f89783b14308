"""A pupil's own sign-in reaches only "My views" and signing out: every other page answers 404.

The pupil's account holds no staff or parent role, so every page already denies it by default;
this makes that certain (and sends the home page, where sign-in lands, to their own page).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from sendsupport.core.views import not_found
from sendsupport.support.voice.signals import SESSION_KEY

ALLOWED = frozenset({"voice:my_views", "logout"})


class PupilAccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) and request.user.is_authenticated:
            request.is_pupil_sign_in = True  # base.html leaves out the account links a pupil cannot use
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            if name == "home":
                return redirect("voice:my_views")
            if name not in ALLOWED:
                return not_found(request)
        return self.get_response(request)
