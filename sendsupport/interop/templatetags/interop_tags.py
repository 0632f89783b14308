"""Template tags for interop pages and other apps' pages: rule names in words, and what a transfer file
left for the SENCO to fix."""

from __future__ import annotations

from typing import Any

from django import template

from sendsupport.interop import selectors
from sendsupport.interop.rule_words import rule_words as _rule_words

register = template.Library()


@register.simple_tag
def transfer_problems(pupil: Any) -> list:
    """The pupil's SEN record problems from an imported CTF, not yet fixed, for ``_pupil_section.html``
    (shown only to those who manage the pupil's school, who have already been checked)."""
    return selectors.open_transfer_problems(pupil)


@register.filter
def rule_words(rule: str) -> str:
    return _rule_words(str(rule or ""))
