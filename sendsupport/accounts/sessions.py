"""Django's database sessions, read with their user in one statement written once.

Every signed-in request reads its session and then its user. Built with the ORM, each of those
small queries cost about as much as the rest of an empty signed-in page. The session row keeps whose
it is (``accounts.models.UserSession``, the pattern Django documents for extending its database
sessions), so the SQL below reads the session that has not expired and that person's row together;
``accounts.backends.ModelBackend.get_user`` takes the row from here when it asks for the same person,
and Django's own checks (the signed session, the password hash in it, an active account) run as
they always do.

Each process also remembers what the session data it last read said once its signature was
checked: the same signed text always says the same thing, and checking the signature and
unpacking it again cost about 0.1 ms of every signed-in request. A session whose data changes is
written as new text, so it is checked afresh.
"""

from __future__ import annotations

import functools
import json
from contextvars import ContextVar
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.signals import request_started
from django.db import connections, router
from django.utils import timezone

from sendsupport.core import prepared, rows


@dataclass(frozen=True)
class UserReadWithSession:
    """The user row the last session read found beside it: ``user_id`` and the row's ``values``
    (``None`` when the session names nobody or nobody by that id exists)."""

    user_id: Any
    values: list | None


# What the latest session read in this request found beside the session, for the one ``get_user``
# that follows it; taken once (``take_user_read_with_session``) and cleared when a request starts.
_read_with_session: ContextVar[UserReadWithSession | None] = ContextVar("user_read_with_session", default=None)


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type:
        from sendsupport.accounts.models import UserSession

        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        session = super().create_model_instance(data)
        session.user_id = _user_id(data.get(SESSION_KEY))
        return session

    def decode(self, session_data: str) -> dict[str, Any]:
        checked = _checked_json(session_data, self.key_salt) if self.serializer is signing.JSONSerializer else None
        if checked is None:  # Django's own path: it logs the tampering and starts an empty session
            return super().decode(session_data)
        return json.loads(checked)  # a fresh dictionary each time: callers change it

    def _get_session_from_db(self) -> Any:
        _read_with_session.set(None)
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
        session_data, user_id, *user = row
        found = user if user[0] is not None else None  # the join found nobody: no row to hand on
        _read_with_session.set(UserReadWithSession(user_id=user_id, values=found))
        return SimpleNamespace(session_key=self.session_key, session_data=session_data)


def take_user_read_with_session(user_id: Any) -> list | None:
    """The row of user ``user_id`` read with this request's session, once, or None if the session
    read found someone else or nothing (the caller then reads the user itself)."""
    read = _read_with_session.get()
    _read_with_session.set(None)
    if read is None or read.values is None or read.user_id != user_id:
        return None
    return read.values


def _forget_read_with_session(**kwargs: Any) -> None:
    _read_with_session.set(None)


request_started.connect(_forget_read_with_session, dispatch_uid="sendsupport_forget_user_read_with_session")


def _user_id(value: Any) -> Any:
    """The id a session's data names as its user, as the database keeps it, or None."""
    if value is None:
        return None
    try:
        return get_user_model()._meta.pk.to_python(value)
    except ValidationError:
        return None


@functools.cache
def _sql(vendor: str) -> str:
    from django.db import connection

    from sendsupport.accounts.models import UserSession

    users = get_user_model()
    quote = connection.ops.quote_name
    session = UserSession._meta

    def column(name: str) -> str:
        return f"s.{quote(session.get_field(name).column)}"

    # Names come from the models, never from input; the key and the time are parameters.
    return (
        f"SELECT {column('session_data')}, {column('user')}, {rows.columns(users, 'u')} "  # noqa: S608
        f"FROM {quote(session.db_table)} s "
        f"LEFT JOIN {quote(users._meta.db_table)} u ON u.{quote(users._meta.pk.column)} = {column('user')} "
        f"WHERE {column('session_key')} = %s AND {column('expire_date')} > %s"
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
