"""Bearer tokens are the only way into the API: a session cookie is never accepted, so no CSRF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer

from sendsupport.api import services
from sendsupport.api.models import ApiToken
from sendsupport.api.throttles import FailedSignInThrottle


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer ss_…``. Unknown, revoked or expired tokens and switched-off accounts get
    401; too many of those from one address in a short time get 429."""

    def __call__(self, request: HttpRequest) -> ApiToken | None:
        found = super().__call__(request)
        if found is None:
            throttle = FailedSignInThrottle()
            if not throttle.allow_request(request):
                raise Throttled(wait=throttle.wait())
        return found

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        # The token's owner is read afresh for this request: it gets the request memo the session's
        # user gets (accounts.middleware), so roles and visibility are worked out once, as lists.
        found = services.authenticate(token, memo={})
        if found is None:
            return None
        # The API acts as the token's owner only, whatever session cookie the request may also carry.
        request.user = found.user
        return found


def caller(request: HttpRequest) -> Any:
    """The person the token belongs to. Never ``request.user`` from a session."""
    return request.auth.user
