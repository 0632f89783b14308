"""Responses to signed-in people are never kept by the browser or a proxy.

Pupil pages, the register, the audit log and API answers hold special category data; on a shared
school computer the back button must not show a child's record after sign-out. One rule for every
response is simpler and safer than remembering it page by page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreForSignedInMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view: the API sets ``request.user`` from its token while handling the request.
        user = getattr(request, "user", None)
        if getattr(request, "auth", None) is not None or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
