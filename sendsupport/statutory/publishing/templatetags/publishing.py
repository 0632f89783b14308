"""Template filters for the report's frozen content (plain dicts)."""

from django import template

register = template.Library()


@register.filter
def item(mapping: dict, key: str) -> object:
    """``mapping[key]``, or "" when it is missing (a version frozen before an item existed)."""
    return (mapping or {}).get(key, "")
