"""Who may open the report for governors, and its PDF: governors, the SENCO and the head (the overview's rule)."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS

TABLE = Table(
    "staff",
    [
        Case("schools:governors_report", allowed=MANAGERS | {"governor"}),
        Case("schools:governors_report_pdf", allowed=MANAGERS | {"governor"}),
    ],
)
test_permissions = TABLE.test()
