"""Pages that belong to no one app (error pages, the health check), and the form-page helpers
every app's views use: call a service, put its ValidationError on the form, answer 400."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from sendsupport.core.forms import apply_validation_error


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Answer 404: a forbidden object must not reveal that it exists.
    return render(request, "404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "csrf_failure.html", status=403)


def try_service(form: Any, call: Any) -> Any:
    """Run a service; put a ValidationError on the form (field by field) and return None."""
    try:
        return call()
    except ValidationError as error:
        apply_validation_error(form, error)
        return None


def form_page(
    request: HttpRequest, form: Any, template: str = "forms/page.html", *, status: int | None = None, **context: Any
) -> HttpResponse:
    """Render a form page: 400 when the form has errors (bad input changed nothing), else 200."""
    if status is None:
        status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)
