"""Read who the signed-in person is (roles, parenthood, which pupils they see) once per request, and
keep the idle time-out without writing the session on every request."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse
from django.utils.functional import LazyObject, empty

from sendsupport.accounts.access import MEMO_ATTR


class RequestMemoMiddleware:
    """Give the signed-in user a fresh memo for this request (see ``accounts.access.request_memo``),
    and put the user itself on the request in place of the lazy stand-ins for it.

    The user object lives for one request, so nothing read here outlives it.

    Django's ``AuthenticationMiddleware`` and django-otp's ``OTPMiddleware`` each wrap the user in a
    ``SimpleLazyObject``, so every ``request.user.<anything>`` went through two proxies, each a few
    Python calls. This middleware reads the user anyway (``is_authenticated``), and the rules, menus
    and audit read it hundreds of times a page: a remembered register spent about a tenth of its time
    (0.3-0.4 ms) in the proxies. Whoever is on the request is the same: the proxies are evaluated here,
    as the first attribute read would have, and the object they stood for is kept.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            user = request.user = _unwrapped(user)
            if user.is_authenticated:
                setattr(user, MEMO_ATTR, {})
        return self.get_response(request)


def _unwrapped(user: Any) -> Any:
    """The object behind ``user``'s lazy wrappers, evaluating them (Django's and django-otp's)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class IdleTimeoutMiddleware:
    """Move a session's end forward (``SESSION_COOKIE_AGE`` after the latest activity) at most once a
    minute, instead of saving the session on every request (``SESSION_SAVE_EVERY_REQUEST``), which
    made every signed-in page pay for a database write. The idle time-out is kept to within a minute.

    Sits just after ``SessionMiddleware``: marking the session modified here makes that middleware
    save it, with a fresh expiry, on the way out.
    """

    KEY = "_activity_at"

    @classmethod
    def stamp(cls, sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
        """Signing in has just written the session with a fresh expiry: the minute starts now."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.KEY] = int(time.time())

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or not session.session_key:
            return response  # no session yet: never create one for a visitor
        now = int(time.time())
        if now - int(session.get(self.KEY, 0)) >= settings.SESSION_ACTIVITY_REFRESH_SECONDS:
            session[self.KEY] = now
        return response


user_logged_in.connect(IdleTimeoutMiddleware.stamp, dispatch_uid="sendsupport_idle_timeout_stamp")
