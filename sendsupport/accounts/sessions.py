"""Django's database sessions, read with a query written once instead of built on every request.

Every signed-in request reads its session. Built with the ORM, that one small query cost about as
much as the rest of an empty signed-in page; the SQL below asks the database the same question
(the session with this key that has not expired), and everything else is Django's.

Each process also remembers what the session data it last read said once its signature was
checked: the same signed text always says the same thing, and checking the signature and
unpacking it again cost about 0.1 ms of every signed-in request. A session whose data changes is
written as new text, so it is checked afresh.
"""

from __future__ import annotations

import functools
import json
from types import SimpleNamespace
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core import signing
from django.db import connections, router
from django.utils import timezone

from sendsupport.core import prepared


class SessionStore(DatabaseSessionStore):
    def decode(self, session_data: str) -> dict[str, Any]:
        checked = _checked_json(session_data, self.key_salt) if self.serializer is signing.JSONSerializer else None
        if checked is None:  # Django's own path: it logs the tampering and starts an empty session
            return super().decode(session_data)
        return json.loads(checked)  # a fresh dictionary each time: callers change it

    def _get_session_from_db(self) -> Any:
        if not self.session_key:  # Django's store validates the key: a bad one is None here
            self._session_key = None
            return None
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with prepared.cursor(connection) as cursor:
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


@functools.lru_cache(maxsize=4096)
def _checked_json(session_data: str, salt: str) -> str | None:
    """The session's data as JSON once its signature is checked (as ``SessionBase.decode`` does), or
    None if it does not check out. The key is the whole signed text, never trusted without it."""
    try:
        data = signing.loads(session_data, salt=salt, serializer=signing.JSONSerializer)
    except Exception:  # noqa: BLE001 - any failure is Django's to report, as it does
        return None
    return json.dumps(data)
