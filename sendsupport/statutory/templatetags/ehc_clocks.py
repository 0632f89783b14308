"""The EHC needs assessment timeline on the parent's portal page (``statutory/_portal_section.html``)."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.core import dates
from sendsupport.statutory import clocks
from sendsupport.statutory.selectors import family_timeline_requests

register = template.Library()

# What happened, in the order it happens: (key, the request's date field).
EVENTS = (
    ("requested", "requested_on"),
    ("decided", "outcome_on"),
    ("advice_requested", "advice_requested_on"),
    ("advice_sent", "advice_sent_on"),
    ("no_plan", "no_plan_on"),
    ("draft", "draft_issued_on"),
    ("representations", "representations_end_on"),
    ("final", "final_issued_on"),
)


@register.simple_tag
def ehc_timeline(user: Any, pupil: Any) -> list[dict[str, Any]]:
    """Each recent request for this parent's child: what happened (dated) and what comes next (due dates)."""
    today = dates.today()
    found = []
    for item in family_timeline_requests(user, pupil, today=today):
        events = [(key, getattr(item, field)) for key, field in EVENTS if getattr(item, field)]
        ahead = [
            clock
            for clock in clocks.clocks_for(item, today=today)
            if clock.is_open
            or (clock.key == "final_plan" and clock.state == clocks.WAITING and item.outcome == "pending")
        ]
        found.append({"item": item, "events": events, "ahead": ahead})
    return found
