"""What every support view does first: find the pupil (404 if not visible), test the rule, find the cycle.

``pupil_for``, ``try_service`` and ``form_page`` live in ``pupils.lookup`` and ``core.views``;
they are re-exported here so views written against this module keep working."""

from __future__ import annotations

import rules
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify

from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.lookup import pupil_for
from sendsupport.pupils.models import Pupil
from sendsupport.support import selectors
from sendsupport.support.models import Cycle
from sendsupport.support.models.cycle import CLOSED_MESSAGE

__all__ = ["form_page", "pupil_for", "try_service"]


def cycle_for(
    request: HttpRequest, pupil_id: int, number: int, rule: str, *, related: tuple[str, ...] = selectors.CYCLE_RELATED
) -> Cycle:
    pupil = pupil_for(request, pupil_id, rule)
    cycle = selectors.get_cycle(pupil, number, related=related)
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


def file_stem(pupil: Pupil, what: str) -> str:
    return f"{slugify(pupil.display_name)}-{what}"
