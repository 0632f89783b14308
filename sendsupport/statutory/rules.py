"""Who may read and record EHC needs assessment requests and EHC plan dates.

Staff who see the pupil read them (the SENCO, head, and the pupil's teachers and TAs); only the
SENCO and head record them. Parents see the plan itself from the local authority, not these rows.
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access
from sendsupport.pupils.rules import can_see_pupil


@rules.predicate
def can_read_statutory(user: Any, pupil: Any) -> bool:
    return access.is_staff_for(user, pupil) and can_see_pupil(user, pupil)  # view_pupil, read once per request


@rules.predicate
def can_record_statutory(user: Any, pupil: Any) -> bool:
    return pupil is not None and access.manages(user, pupil.school)


rules.add_rule("view_pupil_statutory", can_read_statutory)
rules.add_rule("change_pupil_statutory", can_record_statutory)
