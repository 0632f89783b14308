"""Permission rules about pupils (django-rules). ``view_pupil`` lives here, not in accounts,
because it asks the pupils app who is visible: accounts sits below pupils."""

from __future__ import annotations

import rules

from sendsupport.accounts.access import request_memo
from sendsupport.pupils.selectors import visible_pupils


@rules.predicate
def can_see_pupil(user, pupil) -> bool:
    """Once per pupil per request: ``get_visible_pupil`` records the pupils it has found."""
    if pupil is None:
        return False
    memo = request_memo(user)
    key = ("visible_pupil", pupil.pk)
    if memo is not None and key in memo:
        return memo[key]
    visible = visible_pupils(user).filter(pk=pupil.pk).exists()
    if memo is not None:
        memo[key] = visible
    return visible


rules.add_rule("view_pupil", can_see_pupil)
