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


@rules.predicate
def holds_ehc_request(user: Any, ehc_request: Any) -> bool:
    """An LA officer of the pupil's school's authority, given this one request by the school."""
    from sendsupport.statutory.la.selectors import holds

    return ehc_request is not None and holds(user, ehc_request)


@rules.predicate
def manages_request_school(user: Any, ehc_request: Any) -> bool:
    return ehc_request is not None and access.manages(user, ehc_request.pupil.school)


@rules.predicate
def reads_request_as_staff(user: Any, ehc_request: Any) -> bool:
    return ehc_request is not None and can_read_statutory(user, ehc_request.pupil)


# One request of the school, for the LA officer given it; the school's own staff as on the EHC page.
rules.add_rule("view_ehc_request", reads_request_as_staff | holds_ehc_request)
# The local authority's steps: the officer given the request, or the SENCO or head for an authority
# that works on paper (the clocks run whoever records the dates).
rules.add_rule("record_la_step", manages_request_school | holds_ehc_request)
# The school's own step (its advice), and who may see the request outside the school: the SENCO and head.
rules.add_rule("record_school_advice", manages_request_school)
rules.add_rule("grant_ehc_access", manages_request_school)
