"""A request id: one uuid per request, so the audit events one action writes group together.

The middleware puts it on the request (``request.request_id``) and in a context variable that the
audit recorder reads, so code that writes audit events (services, history signals) need not pass
the request along. Outside a request (the worker, management commands) there is none.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_current: ContextVar[uuid.UUID | None] = ContextVar("sendsupport_request_id", default=None)


def current_request_id() -> uuid.UUID | None:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4()
        token = _current.set(request.request_id)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
