"""The session store (``accounts.sessions``): Django's database sessions, read with SQL written once
and with each signed text checked once per process."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from sendsupport.accounts.models import UserSession
from sendsupport.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved_session(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_a_saved_session_reads_back_the_same_every_time():
    key = saved_session(_auth_user_id="7", basket=["a"])
    first = SessionStore(session_key=key)
    assert first["basket"] == ["a"]
    first["basket"].append("b")  # a change made in one request's copy, not saved
    again = SessionStore(session_key=key)
    assert again["basket"] == ["a"]
    assert again["_auth_user_id"] == "7"


def test_changed_data_is_read_as_changed():
    key = saved_session(step=1)
    store = SessionStore(session_key=key)
    store["step"] = 2
    store.save()
    assert SessionStore(session_key=key)["step"] == 2


def test_tampered_data_gives_an_empty_session_and_is_logged(caplog):
    key = saved_session(_auth_user_id="7")
    row = UserSession.objects.get(session_key=key)
    signed = row.session_data
    row.session_data = signed[:-3] + ("AAA" if not signed.endswith("AAA") else "BBB")
    row.save()
    with caplog.at_level(logging.WARNING, logger="django.security.SuspiciousSession"):
        store = SessionStore(session_key=key)
        assert "_auth_user_id" not in store
    assert "Session data corrupted" in caplog.text


def test_an_expired_session_is_not_read():
    key = saved_session(_auth_user_id="7")
    UserSession.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    store = SessionStore(session_key=key)
    assert "_auth_user_id" not in store
    assert store.session_key is None


def test_a_malformed_key_reads_nothing():
    saved_session(_auth_user_id="7")
    store = SessionStore(session_key="x")  # too short to be a key
    assert store.is_empty()
