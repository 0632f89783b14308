"""The specialists part of the pupil page."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.support.specialists.selectors import specialist_involvement

register = template.Library()


@register.simple_tag
def specialists_summary(pupil: Any) -> list[Any]:
    """The pupil's specialist involvement, newest referral first."""
    return list(reversed(specialist_involvement([pupil.pk])[pupil.pk]))
