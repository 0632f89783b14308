"""Django's model backend, taking the signed-in user's row from the session read, or reading it with
a query written once.

Every signed-in request reads its user. Built with the ORM, that query cost about as much as the
rest of an empty signed-in page. The session store reads the row with the session when the session
names its user (``accounts.sessions``); otherwise the SQL below reads the same row. Either way the
row becomes the same ``User`` the ORM would have built (``core.rows``). Signing in, passwords and
permissions are Django's.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection

from sendsupport.accounts.sessions import take_user_read_with_session
from sendsupport.core import prepared, rows


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()
        row = take_user_read_with_session(user_id)
        if row is None:
            with prepared.cursor() as cursor:
                cursor.execute(_sql(), [user_id])
                row = cursor.fetchone()
        if row is None:
            return None
        user = rows.instance(users, row)
        return user if self.user_can_authenticate(user) else None


@functools.cache
def _sql() -> str:
    users = get_user_model()
    meta = users._meta
    quote = connection.ops.quote_name
    # Names come from the model, never from input; the id is a parameter.
    return f"SELECT {rows.columns(users, meta.db_table)} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
