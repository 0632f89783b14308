"""Who may read and record inclusion in activities, adjustments and exam access arrangements.

- SENCOs and heads run activities' inclusion records for the school, decide that a pupil cannot take
  part (a statutory decision with a lawful reason, so it stays with those who answer for the SEN
  duties), record adjustments and aids, and produce the exams officer's list.
- The staff lead of an activity records the adjustments for pupils they teach who take part: they
  plan the trip or run the club, so they know what was changed, but they do not decide to leave a
  pupil out.
- Staff who see the pupil read the pupil's adjustments, arrangements and activities.
- Parents with parental responsibility read their child's adjustments (on the passport) and any
  decision about their child (on their portal page).
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access
from sendsupport.pupils.rules import can_see_pupil


@rules.predicate
def manages_school(user: Any, school: Any) -> bool:
    return school is not None and access.manages(user, school)


@rules.predicate
def staff_at_school(user: Any, school: Any) -> bool:
    return school is not None and access.is_staff_at(user, school)


@rules.predicate
def can_decide_activity(user: Any, activity: Any) -> bool:
    """Decisions that a pupil cannot take part, and changes to the activity: the SENCO and head."""
    return activity is not None and access.manages(user, activity.school)


@rules.predicate
def can_open_activity(user: Any, activity: Any) -> bool:
    """The SENCO and head, and the activity's staff lead."""
    if activity is None:
        return False
    if access.manages(user, activity.school):
        return True
    return activity.lead_id == getattr(user, "pk", None) and access.is_staff_at(user, activity.school)


@rules.predicate
def can_read_pupil_inclusion(user: Any, pupil: Any) -> bool:
    return pupil is not None and access.is_staff_for(user, pupil) and can_see_pupil(user, pupil)


@rules.predicate
def can_record_pupil_inclusion(user: Any, pupil: Any) -> bool:
    return pupil is not None and access.manages(user, pupil.school)


rules.add_rule("manage_inclusion", manages_school)
rules.add_rule("view_activities", staff_at_school)
rules.add_rule("open_activity", can_open_activity)
rules.add_rule("decide_activity", can_decide_activity)
rules.add_rule("view_pupil_inclusion", can_read_pupil_inclusion)
rules.add_rule("change_pupil_inclusion", can_record_pupil_inclusion)
