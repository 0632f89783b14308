"""Every audit log page, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS

TABLE = Table(
    "audit",
    [
        Case("audit:school_log", allowed=MANAGERS),
        Case("audit:pupil_log", lambda w: [w.pupil.pk], MANAGERS),
    ],
)
test_permissions = TABLE.test()
