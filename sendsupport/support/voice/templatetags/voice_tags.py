"""The views before a review, where other pages show them: the pupil page, the review, the passport."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.support.voice import selectors

register = template.Library()

# Each face of the picture scale: the mouth drawn on a 100 x 100 face, and its colour.
MOUTHS = {
    1: ("M30 74 Q50 50 70 74", "#f499be"),
    2: ("M32 70 Q50 60 68 70", "#ffbf47"),
    3: ("M32 66 L68 66", "#ffdd00"),
    4: ("M32 62 Q50 74 68 62", "#85d994"),
    5: ("M28 58 Q50 86 72 58", "#5ec4a0"),
}


@register.inclusion_tag("voice/_face.html")
def face(value: Any, size: int = 48) -> dict[str, Any]:
    """A face of the picture scale as inline SVG, hidden from screen readers: the words beside it say it."""
    mouth, colour = MOUTHS.get(int(value or 3), MOUTHS[3])
    return {"mouth": mouth, "colour": colour, "size": size}


@register.simple_tag
def review_views(user: Any, cycle: Any, staff_view: bool) -> dict[str, Any]:
    """Parents' views sent before the review of ``cycle`` (everyone who sees the review); the pupil's
    own views given during it (staff only)."""
    if cycle is None:
        return {"parents": [], "pupil": []}
    return {
        "parents": selectors.parent_views_for_cycle(user, cycle),
        "pupil": selectors.pupil_views_for_cycle(user, cycle) if staff_view else [],
    }


@register.simple_tag
def own_words(user: Any, pupil: Any) -> Any:
    """The pupil's newest views, for the passport (staff only: the selector keeps it so)."""
    return selectors.latest_pupil_views(user, pupil)


@register.simple_tag
def voice_summary(user: Any, pupil: Any, staff_view: bool) -> dict[str, Any]:
    """For the pupil page: staff see the latest views; a parent sees whether a review is coming."""
    if staff_view:
        return {"latest": selectors.latest_pupil_views(user, pupil)}
    cycle = selectors.cycle_awaiting_review(user, pupil)
    return {"cycle": cycle, "review_date": selectors.review_date_of(cycle)}
