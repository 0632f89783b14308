"""Filters for the provision map's pages."""

from __future__ import annotations

from django import template

from sendsupport.provision.costing import pence_in_words

register = template.Library()


@register.filter
def pence(value: int | None) -> str:
    """Pence as money, £1,234.56; a dash for a figure that cannot be worked out."""
    return "–" if value is None else pence_in_words(value)
