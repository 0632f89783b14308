"""The EHC plan's part of a parent's page for their child."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.statutory import selectors

register = template.Library()


@register.simple_tag
def ehc_plan_for_parent(user: Any, pupil: Any) -> Any:
    """The plan in force with its lines, for a parent with parental responsibility; else None."""
    return selectors.plan_for_parent(user, pupil)
