"""Read who the signed-in person is (roles, parenthood, which pupils they see) once per request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sendsupport.accounts.access import MEMO_ATTR


class RequestMemoMiddleware:
    """Give the signed-in user a fresh memo for this request (see ``accounts.access.request_memo``).

    The user object lives for one request, so nothing read here outlives it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            setattr(user, MEMO_ATTR, {})
        return self.get_response(request)
