"""The governors' report: EHC needs assessment requests this school year, and how many steps were on time.

A section for ``settings.GOVERNOR_REPORT_SECTIONS``: counts only, never a name, and every count that could
identify a child withheld (``core.suppression``: under 5, and any figure that would give one away, such
as "late" worked out from "made" minus "on time").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sendsupport.core.dates import academic_year_bounds
from sendsupport.core.suppression import Sum, suppress, withheld_note
from sendsupport.schools.models import School
from sendsupport.statutory import clocks
from sendsupport.statutory.models import EHCRequest


def ehc_requests_section(school: School, *, today: date) -> dict[str, Any]:
    start, end = academic_year_bounds(today)
    counts = dict.fromkeys(
        ("requests", "decisions", "decisions_on_time", "decisions_late", "plans", "plans_on_time", "plans_late"), 0
    )
    # One query: every request of the school that could count this year (aggregates, no pupil is read).
    for request in EHCRequest.objects.filter(pupil__school=school, requested_on__lte=end).only(*clocks_fields()):
        if start <= request.requested_on <= end:
            counts["requests"] += 1
        found = clocks.by_key(clocks.clocks_for(request, today=today))
        for key, name in (("decision", "decisions"), ("final_plan", "plans")):
            clock = found[key]
            if clock.done_on and start <= clock.done_on <= end:
                counts[name] += 1
                counts[f"{name}_on_time" if clock.state == clocks.DONE_ON_TIME else f"{name}_late"] += 1
    shown = suppress(
        counts,
        [Sum("decisions", ["decisions_on_time", "decisions_late"]), Sum("plans", ["plans_on_time", "plans_late"])],
        hidden=["decisions_late", "plans_late"],
    )
    return {
        "template": "statutory/_governors_section.html",
        "year_start": start,
        "year_end": end,
        "figures": shown,
        "note": withheld_note(),
        "weeks": clocks.figures(),
    }


def clocks_fields() -> list[str]:
    """The request's fields the clocks read (and nothing about the child)."""
    return [
        "requested_on",
        "outcome",
        "outcome_on",
        "advice_requested_on",
        "advice_sent_on",
        "no_plan_on",
        "draft_issued_on",
        "representations_end_on",
        "final_issued_on",
        "exception",
    ]
