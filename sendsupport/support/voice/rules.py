"""Who may read and give views before a review.

Parents with parental responsibility (the only parents who see a pupil) send their own views.
Staff who read the pupil's whole record read and capture the pupil's views. Only SENCOs and heads
make a pupil's own sign-in and decide whether pupils may sign in.
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access
from sendsupport.pupils.rules import can_see_pupil
from sendsupport.pupils.selectors import holds_parental_responsibility


@rules.predicate
def can_send_parent_views(user: Any, pupil: Any) -> bool:
    """A parent or carer with parental responsibility for the pupil, speaking as a parent."""
    if pupil is None or not access.is_parent(user) or access.is_staff_for(user, pupil):
        return False
    return can_see_pupil(user, pupil) and holds_parental_responsibility(user, pupil)


@rules.predicate
def can_read_pupil_voice(user: Any, pupil: Any) -> bool:
    return pupil is not None and access.is_staff_for(user, pupil) and can_see_pupil(user, pupil)


@rules.predicate
def can_manage_pupil_sign_in(user: Any, pupil: Any) -> bool:
    return pupil is not None and access.manages(user, pupil.school)


rules.add_rule("send_parent_views", can_send_parent_views)
rules.add_rule("view_pupil_voice", can_read_pupil_voice)
rules.add_rule("record_pupil_voice", can_read_pupil_voice)
rules.add_rule("manage_pupil_sign_in", can_manage_pupil_sign_in)
# Reading parents' views whichever side one is on (the API's one route for both).
rules.add_rule("read_parent_views", can_read_pupil_voice | can_send_parent_views)
