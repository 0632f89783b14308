"""Every inclusion page, every persona (the shared loop of ``sendsupport.testing.permissions``).

The teacher leads ``trip`` (and teaches Maya, ``pupil``); the head leads ``other_trip``.
"""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS, STAFF

LEAD = MANAGERS | {"teacher"}
ACTIVITY = {"name": "Choir", "kind": "club", "starts_on": "2025-12-01", "ends_on": "", "lead": "", "details": ""}
ADJUSTMENT = {"kind": "adjustment", "description": "Leaves lessons five minutes early", "since": "2025-09-03"}
ARRANGEMENT = {
    "series": "Key Stage 2 tests May 2027",
    "arrangement": "reader",
    "evidence": "Reading age well below her age; a reader is her normal way of working.",
}


def place_post(w):
    return {"pupil": w.pupil.pk, "adjustments": "A buddy and a photo of the museum beforehand."}


def decision_post(w):
    return {
        "pupil": w.pupil.pk,
        "reason": "resources",
        "explanation": "The only accessible coach was booked.",
        "adjustments_considered": "Another coach company; a taxi with a TA.",
        "decided_on": "2025-11-19",
    }


def decision_without_reason(w):
    return {**decision_post(w), "reason": ""}


TABLE = Table(
    "inclusion",
    [
        Case("inclusion:activities", allowed=STAFF, needs=("trip",)),
        Case("inclusion:activity_add", allowed=MANAGERS),
        Case(
            "inclusion:activity_add",
            allowed=MANAGERS,
            status=302,
            method="post",
            data=ACTIVITY,
            unchanged=changes,
        ),
        Case("inclusion:decisions", allowed=MANAGERS, needs=("decision",)),
        Case("inclusion:activity", lambda w: [w.trip.pk], LEAD, needs=("place",)),
        Case("inclusion:activity", lambda w: [w.other_trip.pk], MANAGERS, label="not the lead", needs=("decision",)),
        Case("inclusion:activity_edit", lambda w: [w.trip.pk], MANAGERS),
        Case(
            "inclusion:activity_edit",
            lambda w: [w.trip.pk],
            MANAGERS,
            status=302,
            method="post",
            data=ACTIVITY,
            unchanged=changes,
        ),
        Case("inclusion:place_add", lambda w: [w.trip.pk], LEAD),
        Case(
            "inclusion:place_add",
            lambda w: [w.trip.pk],
            LEAD,
            status=302,
            method="post",
            data=place_post,
            unchanged=changes,
        ),
        Case(
            "inclusion:place_add",
            lambda w: [w.other_trip.pk],
            MANAGERS,
            status=302,
            method="post",
            data=place_post,
            unchanged=changes,
            label="not the lead",
        ),
        Case("inclusion:decision_add", lambda w: [w.trip.pk], MANAGERS),
        Case(
            "inclusion:decision_add",
            lambda w: [w.trip.pk],
            MANAGERS,
            status=302,
            method="post",
            data=decision_post,
            unchanged=changes,
            needs=("parent",),
        ),
        Case(
            "inclusion:decision_add",
            lambda w: [w.trip.pk],
            MANAGERS,
            status=400,
            method="post",
            data=decision_without_reason,
            unchanged=changes,
            label="no reason",
        ),
        Case("inclusion:exams", allowed=MANAGERS, needs=("arrangement",)),
        Case("inclusion:exams_csv", allowed=MANAGERS, needs=("arrangement",)),
        Case("inclusion:exams_pdf", allowed=MANAGERS, needs=("arrangement",)),
        Case("inclusion:pupil", lambda w: [w.pupil.pk], STAFF, needs=("adjustment", "arrangement", "place")),
        Case("inclusion:pupil", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil", needs=("decision",)),
        Case("inclusion:adjustment_add", lambda w: [w.pupil.pk], MANAGERS),
        Case(
            "inclusion:adjustment_add",
            lambda w: [w.pupil.pk],
            MANAGERS,
            status=302,
            method="post",
            data=ADJUSTMENT,
            unchanged=changes,
        ),
        Case("inclusion:adjustment_edit", lambda w: [w.pupil.pk, w.adjustment.pk], MANAGERS),
        Case(
            "inclusion:adjustment_edit",
            lambda w: [w.pupil.pk, w.adjustment.pk],
            MANAGERS,
            status=302,
            method="post",
            data=ADJUSTMENT,
            unchanged=changes,
        ),
        Case("inclusion:arrangement_add", lambda w: [w.pupil.pk], MANAGERS),
        Case(
            "inclusion:arrangement_add",
            lambda w: [w.pupil.pk],
            MANAGERS,
            status=302,
            method="post",
            data=ARRANGEMENT,
            unchanged=changes,
        ),
        Case(
            "inclusion:arrangement_add",
            lambda w: [w.pupil.pk],
            MANAGERS,
            status=400,
            method="post",
            data={**ARRANGEMENT, "evidence": ""},
            unchanged=changes,
            label="no evidence",
        ),
    ],
)
test_permissions = TABLE.test()
