"""The governors' report section on decisions that pupils could not take part in activities.

Governors carry the best-endeavours duty, so they see every such decision: the activity, its date,
the lawful reason and the adjustments considered, and never the pupil. The pupil's names are taken
out of the staff's words too, in case they were written there; counts by reason are withheld under
the small-number threshold (``core.suppression``), and so are the decisions themselves while there are
fewer than that in all: two described decisions beside a withheld total would give the count away,
and one described decision about a trip is enough to recognise the child.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sendsupport.core import dates
from sendsupport.core.suppression import Sum, suppress, withheld_note
from sendsupport.schools.models import School
from sendsupport.statutory.inclusion.models import ActivityDecision, Section35Reason

TEMPLATE = "inclusion/_governors_section.html"


def _without_names(text: str, names: list[str]) -> str:
    for name in sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "the pupil", text, flags=re.IGNORECASE)
    return text


def inclusion_decisions_section(school: School, *, today: date | None = None) -> dict[str, Any]:
    """Decisions in the academic year up to ``today``."""
    today = today or dates.today()
    start = dates.academic_year_bounds(today)[0]
    found = (
        ActivityDecision.objects.filter(activity__school=school, decided_on__gte=start, decided_on__lte=today)
        .select_related("activity", "pupil")
        .order_by("decided_on", "id")
    )
    rows = []
    counts = {value: 0 for value in Section35Reason.values}
    for item in found:
        pupil = item.pupil
        names = [pupil.legal_first_name, pupil.legal_last_name, pupil.preferred_first_name, pupil.preferred_last_name]
        counts[item.reason] = counts.get(item.reason, 0) + 1
        rows.append(
            {
                "activity": item.activity.name,
                "kind": item.activity.get_kind_display(),
                "dates": item.activity.dates_text,
                "decided_on": item.decided_on,
                "reason": item.get_reason_display(),
                "explanation": _without_names(item.explanation, names),
                "adjustments_considered": _without_names(item.adjustments_considered, names),
                "parents_told": item.parents_told_on is not None,
            }
        )
    figures = {**counts, "total": sum(counts.values())}
    shown = suppress(figures, [Sum("total", list(counts))])
    details_withheld = shown["total"].withheld
    return {
        "template": TEMPLATE,
        "title": "Pupils who could not take part in activities",
        "since": start,
        "today": today,
        "decisions": [] if details_withheld else rows,
        "details_withheld": details_withheld,
        "by_reason": [(label, shown[value]) for value, label in Section35Reason.choices],
        "total": shown["total"],
        "withheld_note": withheld_note(),
    }
