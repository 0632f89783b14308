"""Pages of results: a fixed envelope (count, page, page_size, pages, items) for every list."""

from __future__ import annotations

from math import ceil
from typing import Any

from django.db.models import QuerySet

from sendsupport.api.schemas import PageQuery


def page_of(queryset: QuerySet, query: PageQuery) -> tuple[list[Any], dict[str, int]]:
    """The rows on the requested page, and the envelope fields. A page past the end is empty, not an error."""
    count = queryset.count()
    start = (query.page - 1) * query.page_size
    items = list(queryset[start : start + query.page_size]) if start < count else []
    return items, {
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
        "pages": ceil(count / query.page_size),
    }
