"""Inclusion records where other pages show them: the passport and the parent's page."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.core import dates
from sendsupport.statutory.inclusion import selectors

register = template.Library()


@register.simple_tag
def passport_adjustments(user: Any, pupil: Any) -> list[Any]:
    """The adjustments and aids provided now, for the passport (staff and the pupil's parents)."""
    return selectors.current_adjustments(user, pupil, today=dates.today())


@register.simple_tag
def family_decisions(user: Any, pupil: Any) -> list[Any]:
    """Decisions that the child cannot take part in an activity, for their parent's page."""
    return selectors.family_decisions(user, pupil)
