from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    """Look a key up in a dictionary from a template: ``labels|get_item:code``."""
    if not mapping:
        return ""
    return mapping.get(key, "")
