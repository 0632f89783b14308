"""Who may read, write and acknowledge a pupil's passport.

- Everyone who may see the pupil reads the current passport (parents too: it is about their child).
- Staff at the pupil's school who may see the pupil read earlier versions.
- SENCOs and heads write new versions and see who has not read the current one.
- Teachers and TAs who work with the pupil confirm they have read it.
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access
from sendsupport.pupils.rules import can_see_pupil


def _visible(user: Any, pupil: Any) -> bool:
    return can_see_pupil(user, pupil)  # the one view_pupil predicate, read once per request


is_staff_for = access.is_staff_for  # one definition, shared by every app


@rules.predicate
def can_read_passport(user: Any, pupil: Any) -> bool:
    return _visible(user, pupil)


@rules.predicate
def can_read_passport_history(user: Any, pupil: Any) -> bool:
    return is_staff_for(user, pupil) and _visible(user, pupil)


@rules.predicate
def can_write_passport(user: Any, pupil: Any) -> bool:
    return pupil is not None and access.manages(user, pupil.school)


@rules.predicate
def can_acknowledge_passport(user: Any, pupil: Any) -> bool:
    from sendsupport.support.profiles.selectors import works_with

    return pupil is not None and works_with(user, pupil)


rules.add_rule("view_pupil_passport", can_read_passport)
rules.add_rule("view_pupil_passport_history", can_read_passport_history)
rules.add_rule("change_pupil_passport", can_write_passport)
rules.add_rule("acknowledge_pupil_passport", can_acknowledge_passport)
