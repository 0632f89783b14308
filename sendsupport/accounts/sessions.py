"""Django's database sessions, read with a query written once instead of built on every request.

Every signed-in request reads its session. Built with the ORM, that one small query cost about as
much as the rest of an empty signed-in page; the SQL below asks the database the same question
(the session with this key that has not expired), and everything else is Django's.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        if not self.session_key:  # Django's store validates the key: a bad one is None here
            self._session_key = None
            return None
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_sql(connection.vendor), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return SimpleNamespace(session_key=self.session_key, session_data=row[0])


@functools.cache
def _sql(vendor: str) -> str:
    from django.contrib.sessions.models import Session
    from django.db import connection

    quote = connection.ops.quote_name
    meta = Session._meta
    # Names come from the model, never from input; the key and the time are parameters.
    return (
        f"SELECT {quote(meta.get_field('session_data').column)} FROM {quote(meta.db_table)} "  # noqa: S608
        f"WHERE {quote(meta.get_field('session_key').column)} = %s AND {quote(meta.get_field('expire_date').column)} > %s"
    )
