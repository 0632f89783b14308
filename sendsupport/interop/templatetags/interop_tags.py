"""Template tags for other apps' pages: what the transfer file left for the SENCO to fix."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.interop import selectors

register = template.Library()


@register.simple_tag
def transfer_problems(pupil: Any) -> list:
    """The pupil's SEN record problems from an imported CTF, not yet fixed, for ``_pupil_section.html``
    (shown only to those who manage the pupil's school, who have already been checked)."""
    return selectors.open_transfer_problems(pupil)
