"""Who may read and prepare an EHC needs assessment evidence pack: ONE predicate for reading.

The pack gathers a pupil's whole SEN record, the parents' and pupil's views and specialists' advice
into one document that leaves the school, so only the SENCO and the head (who keep the register and
make the request) read and prepare it. Teachers and TAs already read each part where it is kept
(the timeline, the provision map); a copy of the whole record for sending is not theirs to take.
The local authority officer's access to a request is added here, in ``can_view_ehc_evidence``.
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access


@rules.predicate
def can_view_ehc_evidence(user: Any, pupil: Any) -> bool:
    """Read the pack and download it (page, PDF, JSON)."""
    return pupil is not None and access.manages(user, pupil.school)


@rules.predicate
def can_prepare_ehc_evidence(user: Any, pupil: Any) -> bool:
    """Write the covering summary, record the parents' involvement and send the request."""
    return pupil is not None and access.manages(user, pupil.school)


rules.add_rule("view_ehc_evidence", can_view_ehc_evidence)
rules.add_rule("prepare_ehc_evidence", can_prepare_ehc_evidence)
