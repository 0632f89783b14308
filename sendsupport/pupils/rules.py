"""Permission rules about pupils (django-rules). ``view_pupil`` lives here, not in accounts,
because it asks the pupils app who is visible: accounts sits below pupils."""

from __future__ import annotations

import rules

from sendsupport.pupils.selectors import visible_pupils


@rules.predicate
def can_see_pupil(user, pupil) -> bool:
    return pupil is not None and visible_pupils(user).filter(pk=pupil.pk).exists()


rules.add_rule("view_pupil", can_see_pupil)
