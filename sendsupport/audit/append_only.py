"""Let ``flush`` empty the audit table on SQLite, where the database otherwise refuses deletes.

``flush`` (between transactional tests, a demo reset) empties every table at once and is the one
sanctioned erasure of the log. PostgreSQL empties tables with TRUNCATE, which the row trigger does
not see; SQLite deletes row by row, so its flush sets a permit row around the DELETEs and removes
it again in the same transaction (migration 0003 explains the triggers).
"""

from __future__ import annotations

from typing import Any

AUDIT_TABLE = "audit_auditevent"
PERMIT_FLUSH = "INSERT INTO audit_flush_permit (id) VALUES (1);"
END_PERMIT = "DELETE FROM audit_flush_permit;"


def _permitting_flush(original: Any) -> Any:
    def sql_flush(self: Any, style: Any, tables: Any, *args: Any, **kwargs: Any) -> list[str]:
        statements = original(self, style, tables, *args, **kwargs)
        if AUDIT_TABLE not in tables:
            return statements
        return [PERMIT_FLUSH, *statements, END_PERMIT]

    return sql_flush


def allow_flush() -> None:
    """Wrap SQLite's ``sql_flush`` once, on the backend's operations class, so that every connection
    has it: each thread (a test's live server, the worker) opens connections of its own."""
    from django.db import connections

    for alias in connections:
        operations = type(connections[alias].ops)
        if connections[alias].vendor == "sqlite" and not getattr(operations, "_audit_flush_permitted", False):
            operations.sql_flush = _permitting_flush(operations.sql_flush)
            operations._audit_flush_permitted = True
