"""The to-do list, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS

TABLE = Table("compliance", [Case("compliance:todo", allowed=MANAGERS, needs=("pupil",))])
test_permissions = TABLE.test()
