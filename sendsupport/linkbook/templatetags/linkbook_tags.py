"""The link book's part of the pupil page and of the parent's page for a child."""

from __future__ import annotations

from typing import Any

import rules
from django import template
from django.urls import reverse

from sendsupport.linkbook import selectors
from sendsupport.schools.selectors import staff_label

register = template.Library()


@register.simple_tag
def link_book_section(user: Any, pupil: Any, staff_view: bool) -> dict[str, Any] | None:
    """The latest message and the link to the book, or None for someone who may not read it."""
    if staff_view:
        if not rules.test_rule("use_link_book_as_staff", user, pupil):
            return None
        url = reverse("linkbook:staff", args=[pupil.pk])
    else:
        if not rules.test_rule("use_link_book_as_parent", user, pupil):
            return None
        url = reverse("linkbook:parent", args=[pupil.pk])
    return {
        "url": url,
        # The rule above has just said this user reads this pupil's book: no need to scope again.
        "latest": selectors.latest_entry_of(pupil),
        "can_choose": staff_view and rules.test_rule("choose_link_book_readers", user, pupil),
    }


@register.filter
def staff_name(user: Any) -> str:
    return staff_label(user)
