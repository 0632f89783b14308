"""Who may do what in the graduated approach (django-rules; views test these with ``rules.test_rule``).

Every rule takes a pupil the user can already see (``get_visible_pupil``), except the outcome bank
rule, which takes a school. Failing a rule answers 404, never 403.

- ``support.view``: anyone who may see the pupil. Parents see the parent-friendly plan and reviews.
- ``support.view_staff_record``: staff who work with the pupil (teachers, TAs, SENCO, head) see
  everything, including concerns, assessments and notes.
- ``support.raise_concern`` / ``support.add_note``: the same staff.
- ``support.manage``: SENCO and head only: cycles, assessments, notifications, plans, agreeing,
  reviews, closing cycles and corrections.
- ``support.manage_outcome_bank``: SENCO and head of the school.
"""

from __future__ import annotations

import rules

from sendsupport.accounts import access
from sendsupport.accounts.rules import manages_pupils_school, manages_school
from sendsupport.pupils.rules import can_see_pupil


@rules.predicate
def works_with_pupils_at_school(user, pupil) -> bool:
    return access.is_staff_for(user, pupil)


staff_who_see_pupil = can_see_pupil & works_with_pupils_at_school

rules.add_rule("support.view", can_see_pupil)
rules.add_rule("support.view_staff_record", staff_who_see_pupil)
rules.add_rule("support.raise_concern", staff_who_see_pupil)
rules.add_rule("support.add_note", staff_who_see_pupil)
rules.add_rule("support.manage", can_see_pupil & manages_pupils_school)
rules.add_rule("support.manage_outcome_bank", manages_school)
