"""The pupil page's to-do section: the same gaps as the SENCO's list, for one pupil."""

from __future__ import annotations

from typing import Any

import rules
from django import template

from sendsupport.compliance.engine import TodoLine, todo_list
from sendsupport.core.dates import today

register = template.Library()


@register.simple_tag
def pupil_todo(user: Any, pupil: Any) -> TodoLine | None:
    """The pupil's line of the to-do list, for the SENCO and head only (None for anyone else)."""
    if not rules.test_rule("manage_school", user, pupil.school):
        return None
    todo = todo_list(user, pupil.school, today=today(), pupil_ids=[pupil.pk])
    return next(iter(todo.lines), TodoLine(pupil.pk, pupil.display_name, []))
