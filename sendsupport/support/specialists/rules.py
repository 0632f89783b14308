"""Who may read and record specialist involvement.

Everyone who may see the pupil reads it: parents (the Code of Practice involves them in every
referral), and the teachers and TAs who see the pupil. Only SENCOs and heads add or change it.
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access
from sendsupport.pupils.rules import can_see_pupil

is_staff_for = access.is_staff_for  # one definition, shared by every app


@rules.predicate
def can_read_specialists(user: Any, pupil: Any) -> bool:
    return can_see_pupil(user, pupil)


@rules.predicate
def can_record_specialists(user: Any, pupil: Any) -> bool:
    return pupil is not None and access.manages(user, pupil.school)


rules.add_rule("view_pupil_specialists", can_read_specialists)
rules.add_rule("change_pupil_specialists", can_record_specialists)
