"""The inspection trail: the SENCO and the head only; everyone else, the pupil's parents included, 404."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS

TABLE = Table(
    "inspection",
    [
        Case("inspection:trail_pdf", lambda w: [w.pupil.pk], MANAGERS),
        Case("inspection:trail_pdf", lambda w: [w.other_pupil.pk], MANAGERS, label="another pupil"),
    ],
)
test_permissions = TABLE.test()
