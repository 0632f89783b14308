"""Let ``flush`` empty the audit table on SQLite, where the database otherwise refuses deletes.

``flush`` (between transactional tests, a demo reset) empties every table at once and is the one
sanctioned erasure of the log. PostgreSQL empties tables with TRUNCATE, which the row trigger does
not see; SQLite deletes row by row, so its flush sets a permit row around the DELETEs and removes
it again in the same transaction (migration 0003 explains the triggers).
"""

from __future__ import annotations

from typing import Any

from django.db import connections

AUDIT_TABLE = "audit_auditevent"
PERMIT_FLUSH = "INSERT INTO audit_flush_permit (id) VALUES (1);"
END_PERMIT = "DELETE FROM audit_flush_permit;"


def _permitting_flush(original: Any) -> Any:
    def sql_flush(style: Any, tables: Any, *args: Any, **kwargs: Any) -> list[str]:
        statements = original(style, tables, *args, **kwargs)
        if AUDIT_TABLE not in tables:
            return statements
        return [PERMIT_FLUSH, *statements, END_PERMIT]

    return sql_flush


def allow_flush() -> None:
    """Wrap each SQLite connection's ``sql_flush`` (called once, when the app is ready)."""
    for alias in connections:
        connection = connections[alias]
        if connection.vendor == "sqlite" and not getattr(connection.ops, "_audit_flush_permitted", False):
            connection.ops.sql_flush = _permitting_flush(connection.ops.sql_flush)
            connection.ops._audit_flush_permitted = True
