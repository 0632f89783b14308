"""The subject access export, every persona: only the SENCO and the head download it."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS

TABLE = Table(
    "subject_access",
    [
        Case("subject_access:export", lambda w: [w.pupil.pk], MANAGERS),
        Case("subject_access:export", lambda w: [w.other_pupil.pk], MANAGERS, label="a pupil in another class"),
    ],
)

test_permissions = TABLE.test()
