"""Template tags for other apps' pages: the support summary on the pupil page."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.support import selectors
from sendsupport.support.choices import lower_first

register = template.Library()


@register.simple_tag
def support_summary(pupil: Any) -> selectors.SupportSummary:
    """The pupil's current cycle, plan status and next review date, for ``_pupil_section.html``."""
    return selectors.support_summary(pupil)


@register.filter
def lowerfirst(value: str) -> str:
    """Lower-case the first letter only: 'Start SEN support' -> 'start SEN support'."""
    return lower_first(str(value))
