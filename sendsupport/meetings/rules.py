"""Who may read and record meetings with parents.

- Everyone who may see the pupil may open the list; parents see only records shared with them.
- Staff at the pupil's school who may see the pupil read the full records.
- SENCOs, heads and the pupil's teachers record meetings (CoP 6.65: the class teacher often leads
  them, supported by the SENCO), edit them until shared, share them and add corrections.
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access
from sendsupport.pupils.rules import can_see_pupil
from sendsupport.schools.models import REGISTER_MANAGERS, Role


def _visible(user: Any, pupil: Any) -> bool:
    return can_see_pupil(user, pupil)  # the one view_pupil predicate, read once per request


is_staff_for = access.is_staff_for  # one definition, shared by every app


@rules.predicate
def can_see_pupil_meetings(user: Any, pupil: Any) -> bool:
    return _visible(user, pupil)


@rules.predicate
def can_read_meeting_records(user: Any, pupil: Any) -> bool:
    return is_staff_for(user, pupil) and _visible(user, pupil)


@rules.predicate
def can_record_meetings(user: Any, pupil: Any) -> bool:
    if pupil is None:
        return False
    roles = access.roles_at(user, pupil.school)
    if roles & REGISTER_MANAGERS:
        return True
    return Role.TEACHER in roles and _visible(user, pupil)


@rules.predicate
def can_read_parents_copy(user: Any, meeting: Any) -> bool:
    """Staff who read the records may preview the copy; parents read it once it is shared."""
    if meeting is None or not _visible(user, meeting.pupil):
        return False
    return is_staff_for(user, meeting.pupil) or meeting.shared_with_parents_on is not None


rules.add_rule("view_pupil_meetings", can_see_pupil_meetings)
rules.add_rule("read_meeting_records", can_read_meeting_records)
rules.add_rule("record_pupil_meetings", can_record_meetings)
rules.add_rule("read_meeting_parents_copy", can_read_parents_copy)
