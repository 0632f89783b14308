"""The to-do list and recording in bulk, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

from sendsupport.compliance import services
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS


def maya_ticked(w) -> dict:
    """Maya ticked on the to-do list, as its checkboxes send her."""
    return {"pupils": [w.pupil.pk], "duty": "parent_not_notified"}


def parents_told(w) -> dict:
    return {
        **maya_ticked(w),
        "what": services.PARENTS_TOLD,
        "on": "2024-09-20",
        "method": "letter",
        "note": "Letters in the paper SEN file",
    }


TABLE = Table(
    "compliance",
    [
        Case("compliance:todo", allowed=MANAGERS, needs=("pupil",)),
        Case("compliance:bulk_record", allowed=MANAGERS, data=maya_ticked),
        Case(
            "compliance:bulk_record",
            allowed=MANAGERS,
            status=302,
            method="post",
            data=parents_told,
            unchanged=changes,
        ),
    ],
)
test_permissions = TABLE.test()
