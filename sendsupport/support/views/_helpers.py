"""What every support view does first: find the pupil (404 if not visible), test the rule, find the cycle."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify

from sendsupport.core.forms import apply_validation_error
from sendsupport.core.permissions import require
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import get_visible_pupil
from sendsupport.support import selectors
from sendsupport.support.models import Cycle
from sendsupport.support.models.cycle import CLOSED_MESSAGE


def pupil_for(request: HttpRequest, pupil_id: int, rule: str) -> Pupil:
    pupil = get_visible_pupil(request.user, pupil_id)
    require(rule, request, pupil)
    return pupil


def cycle_for(request: HttpRequest, pupil_id: int, number: int, rule: str) -> Cycle:
    pupil = pupil_for(request, pupil_id, rule)
    cycle = selectors.get_cycle(pupil, number)
    cycle.pupil = pupil  # the copy with the school loaded
    return cycle


def is_staff_view(request: HttpRequest, pupil: Pupil) -> bool:
    return rules.test_rule("support.view_staff_record", request.user, pupil)


def can(request: HttpRequest, rule: str, pupil: Pupil) -> bool:
    return rules.test_rule(rule, request.user, pupil)


def cycle_url(cycle: Cycle) -> str:
    return reverse("support:cycle", args=[cycle.pupil_id, cycle.number])


def notice(
    request: HttpRequest, *, title: str, text: str, back_url: str, link: tuple[str, str] | None = None
) -> HttpResponse:
    """A short page that explains why a form is not available (for example, the cycle is closed)."""
    return render(request, "support/notice.html", {"title": title, "text": text, "back_url": back_url, "link": link})


def closed_notice(request: HttpRequest, cycle: Cycle) -> HttpResponse | None:
    """For a GET of a form on a closed cycle: say it is closed and offer a correction instead."""
    if request.method == "GET" and not cycle.is_open:
        return notice(
            request,
            title=f"Cycle {cycle.number} is closed",
            text=CLOSED_MESSAGE,
            back_url=cycle_url(cycle),
            link=(reverse("support:correction_new", args=[cycle.pupil_id, cycle.number]), "Add a correction"),
        )
    return None


def try_service(form: Any, call: Any) -> Any:
    """Run a service; put a ValidationError on the form (field by field) and return None."""
    try:
        return call()
    except ValidationError as error:
        apply_validation_error(form, error)
        return None


def form_page(request: HttpRequest, form: Any, template: str = "forms/page.html", **context: Any) -> HttpResponse:
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


def file_stem(pupil: Pupil, what: str) -> str:
    return f"{slugify(pupil.display_name)}-{what}"
