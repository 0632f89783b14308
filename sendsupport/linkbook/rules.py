"""Who may read and write in a child's link book.

- A parent or carer with parental responsibility for the child, on the parents' page.
- At the child's school, on the staff page: the SENCO and the head always; other staff only when a
  SENCO or head has chosen them for this child ("Who can read the link book"). Everyone else gets 404.
- Only the SENCO and the head choose who reads it.
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access
from sendsupport.accounts.access import memoised
from sendsupport.pupils.rules import can_see_pupil
from sendsupport.pupils.selectors import holds_parental_responsibility


def is_parent_of(user: Any, pupil: Any) -> bool:
    """A parent or carer of ``pupil`` with parental responsibility."""
    return holds_parental_responsibility(user, pupil)


def _chosen(user: Any, pupil: Any) -> bool:
    from sendsupport.linkbook.models import LinkBookReader

    return memoised(
        user, ("link_book_reader", pupil.pk), lambda: LinkBookReader.objects.filter(pupil=pupil, user=user).exists()
    )


@rules.predicate
def can_use_as_parent(user: Any, pupil: Any) -> bool:
    return is_parent_of(user, pupil) and can_see_pupil(user, pupil)


@rules.predicate
def can_use_as_staff(user: Any, pupil: Any) -> bool:
    if pupil is None or not access.is_staff_for(user, pupil) or not can_see_pupil(user, pupil):
        return False
    return access.manages(user, pupil.school) or _chosen(user, pupil)


@rules.predicate
def can_choose_readers(user: Any, pupil: Any) -> bool:
    return pupil is not None and access.manages(user, pupil.school) and can_see_pupil(user, pupil)


rules.add_rule("use_link_book_as_parent", can_use_as_parent)
rules.add_rule("use_link_book_as_staff", can_use_as_staff)
rules.add_rule("choose_link_book_readers", can_choose_readers)
# Reading the book whichever side one is on (the API's one route for both).
rules.add_rule("read_link_book", can_use_as_parent | can_use_as_staff)
