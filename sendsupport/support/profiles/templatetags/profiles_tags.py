"""The passport part of the pupil page."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.support.profiles import selectors

register = template.Library()


@register.simple_tag
def passport_summary(user: Any, pupil: Any, can_manage: bool) -> dict[str, Any]:
    """The current version; for managers how many staff still have to read it; for staff, their own to-do."""
    profile = selectors.current_profile(pupil)
    summary: dict[str, Any] = {"profile": profile, "still_to_read": 0, "needs_my_ack": False}
    if profile is None:
        return summary
    if can_manage:
        summary["still_to_read"] = len(selectors.unacknowledged_staff([pupil.pk])[pupil.pk])
    if selectors.works_with(user, pupil):
        summary["needs_my_ack"] = selectors.acknowledgement_of(user, profile) is None
    return summary
