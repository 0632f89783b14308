"""The few statements every request sends, prepared once per connection on PostgreSQL.

PostgreSQL plans a statement each time it is sent, unless the statement was prepared. The reads
every signed-in request makes (the session, the user, their roles, the records versions, a read's
audit entries) are small, and planning them cost more than running them: 0.4 ms of the 0.5 ms the
roles and versions took, against 0.08 ms prepared, on the benchmark's machine. ``cursor()`` gives a
cursor that sends each statement as a prepared one: the first time on a connection it is prepared,
every later time only its parameters go.

Django's own queries keep Django's default (values bound in the client, nothing prepared), which
connection poolers in transaction mode need. Set ``DB_PREPARED_STATEMENTS=0`` for a pooler that
does not keep prepared statements (PgBouncer before 1.21, or without ``max_prepared_statements``);
``cursor()`` is then Django's cursor. On SQLite, which keeps its own compiled statements, it always
is.

psycopg keeps at most 100 prepared statements per connection and forgets them all after a
rollback or a change to the schema; queries sent this way are counted and logged as any other
(they go through Django's cursor wrapper).
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper


def cursor(connection: BaseDatabaseWrapper = default_connection) -> Any:
    """A cursor on ``connection`` whose statements are prepared (PostgreSQL), or Django's cursor."""
    if connection.vendor != "postgresql" or not settings.DB_PREPARED_STATEMENTS:
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    classes = _classes()
    with connection.wrap_database_errors:
        raw = classes.cursor(connection.connection)
    # As ``connection.cursor()`` wraps its cursors: the statement is counted, and logged where
    # queries are logged (DEBUG, the tests' query counts), with its values in place.
    return classes.debug_wrapper(raw, connection) if connection.queries_logged else connection.make_cursor(raw)


class _Classes(NamedTuple):
    cursor: type
    debug_wrapper: type


@functools.cache
def _classes() -> _Classes:
    """Made on first use: psycopg is only imported where PostgreSQL is used."""
    from django.db.backends.postgresql.base import CursorDebugWrapper, ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        """Django's cursor for values bound on the server, sending every statement prepared."""

        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            kwargs.setdefault("prepare", True)
            return super().execute(query, params, **kwargs)

    class PreparedDebugWrapper(CursorDebugWrapper):
        """Logs the statement with its values, as Django logs its own (psycopg keeps no text of a
        prepared statement's last execution for Django to read)."""

        def debug_sql(
            self, sql: Any = None, params: Any = None, use_last_executed_query: bool = False, many: bool = False
        ) -> Any:
            if use_last_executed_query and not many:
                sql = self.db.ops.compose_sql(sql, params)
            return super().debug_sql(sql, params, use_last_executed_query=False, many=many)

    return _Classes(PreparedCursor, PreparedDebugWrapper)
