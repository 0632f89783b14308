"""The meetings part of the pupil page."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.core import dates
from sendsupport.meetings import selectors

register = template.Library()


@register.simple_tag
def meetings_summary(user: Any, pupil: Any, staff_view: bool) -> dict[str, Any]:
    """This year's count against the target (staff), or how many records are shared (parents)."""
    if staff_view:
        return selectors.year_summary(pupil, today=dates.today())
    return {"shared": selectors.meetings_for(user, pupil).count()}


@register.simple_tag
def upcoming_meetings_for_parent(user: Any, pupil: Any) -> list[Any]:
    """The child's upcoming meetings this parent is invited to, with their own latest reply."""
    return selectors.upcoming_for_parent(user, pupil)
