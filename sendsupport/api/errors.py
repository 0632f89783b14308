"""Errors as JSON: 401 for a missing or bad token, 404 for anything not visible, 422 naming the field,
429 when the rate limit is reached."""

from __future__ import annotations

import math
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled, ValidationError

LOCATIONS = {"path", "query", "header", "body"}


def field_error(error: dict[str, Any]) -> dict[str, str]:
    """Turn one of ninja's error entries into ``{field, location, message}``."""
    loc = [str(part) for part in error.get("loc", ())]
    location = loc[0] if loc and loc[0] in LOCATIONS else "query"
    rest = [part for part in loc[1:] if part not in LOCATIONS] if loc and loc[0] in LOCATIONS else loc
    message = str(error.get("msg", "This value is not allowed."))
    # Pydantic prefixes messages from our own validators; the rest of the text says it already.
    message = message.removeprefix("Value error, ")
    return {"field": ".".join(rest) or location, "location": location, "message": message}


def invalid(field: str, message: str, *, location: str = "path") -> ValidationError:
    """A 422 for one parameter, from our own checks (for example a UPN with the wrong check letter)."""
    return ValidationError([{"loc": (location, field), "msg": message}])


def install(api: NinjaAPI) -> None:
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": [field_error(e) for e in exc.errors]}, status=422)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # The same answer whether the thing does not exist or the caller may not see it.
        return api.create_response(request, {"detail": "Not found"}, status=404)

    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request,
            {"detail": "Send a valid API token in the Authorization header: Bearer <token>."},
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="sendsupport"'
        return response

    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = max(1, math.ceil(exc.wait)) if exc.wait else None
        when = f"Try again in {wait} second{'s' if wait != 1 else ''}." if wait else "Try again shortly."
        response = api.create_response(
            request, {"detail": f"Too many requests: the API's limit for you has been reached. {when}"}, status=429
        )
        if wait:
            response["Retry-After"] = str(wait)
        return response

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
