"""Money on the costs and funding pages, written the way every page and export writes it."""

from __future__ import annotations

from django import template

from sendsupport.provision.costing import pence_in_words

register = template.Library()


@register.filter
def pence(value: int | None) -> str:
    """1234 → "£12.34"; nothing for None."""
    return "" if value is None else pence_in_words(int(value))
