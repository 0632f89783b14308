"""A signed-in request reads its session and its user in one statement (``accounts.sessions`` and
``accounts.backends``), and every rule of signing in holds as it did with two."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.signals import request_started
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.accounts.backends import ModelBackend
from sendsupport.accounts.models import User, UserSession
from sendsupport.accounts.sessions import SessionStore, take_user_read_with_session

pytestmark = pytest.mark.django_db


def session_of(client) -> UserSession:
    return UserSession.objects.get(session_key=client.cookies["sessionid"].value)


def test_signing_in_records_whose_session_it_is(client, senco):
    client.force_login(senco)
    assert session_of(client).user_id == senco.pk


def test_a_signed_in_request_reads_its_session_and_user_together(client, senco):
    anonymous = CaptureQueriesContext(connection)
    with anonymous:
        assert client.get(reverse("health")).status_code == 200
    client.force_login(senco)
    with CaptureQueriesContext(connection) as signed_in:
        response = client.get(reverse("health"))
    assert response.wsgi_request.user == senco
    # The health check's own query, and one for the session with its user.
    assert len(anonymous) == 1
    assert len(signed_in) == 2


def test_the_user_read_with_the_session_is_the_user_the_orm_reads(client, senco):
    senco.first_name, senco.last_name = "Sam", "Okafor"
    senco.save()
    client.force_login(senco)
    user = client.get(reverse("health")).wsgi_request.user
    fresh = User.objects.get(pk=senco.pk)
    assert [getattr(user, f.attname) for f in User._meta.concrete_fields] == [
        getattr(fresh, f.attname) for f in User._meta.concrete_fields
    ]


def test_the_signed_session_decides_who_is_signed_in_not_the_column_beside_it(client, senco, teacher):
    client.force_login(senco)
    UserSession.objects.filter(pk=session_of(client).pk).update(user=teacher)  # written behind Django's back
    assert client.get(reverse("health")).wsgi_request.user == senco


def test_a_deactivated_account_is_signed_out_on_its_next_request(client, senco):
    client.force_login(senco)
    User.objects.filter(pk=senco.pk).update(is_active=False)
    assert not client.get(reverse("health")).wsgi_request.user.is_authenticated


def test_a_password_changed_elsewhere_signs_the_session_out(client, senco):
    client.force_login(senco)
    senco.set_password("a new and long passphrase 42")
    senco.save()
    assert not client.get(reverse("health")).wsgi_request.user.is_authenticated


def test_deleting_an_account_deletes_its_sessions(client, stranger):
    client.force_login(stranger)
    key = session_of(client).pk
    stranger.delete()
    assert not UserSession.objects.filter(pk=key).exists()
    assert not client.get(reverse("health")).wsgi_request.user.is_authenticated


def test_signing_out_deletes_the_session(client, senco):
    client.force_login(senco)
    key = session_of(client).pk
    client.post(reverse("logout"))
    assert not UserSession.objects.filter(pk=key).exists()


def test_the_row_read_with_a_session_is_handed_on_once(senco):
    store = SessionStore()
    store[SESSION_KEY] = str(senco.pk)
    store.save()
    assert SessionStore(session_key=store.session_key)[SESSION_KEY] == str(senco.pk)
    assert take_user_read_with_session(senco.pk) is not None
    assert take_user_read_with_session(senco.pk) is None  # the next asker reads the user itself
    with CaptureQueriesContext(connection) as queries:
        assert ModelBackend().get_user(senco.pk) == senco
    assert len(queries) == 1


def test_a_row_read_for_one_user_is_never_handed_to_a_question_about_another(senco, teacher):
    store = SessionStore()
    store[SESSION_KEY] = str(senco.pk)
    store.save()
    SessionStore(session_key=store.session_key).load()
    assert take_user_read_with_session(teacher.pk) is None
    assert ModelBackend().get_user(teacher.pk) == teacher


def test_a_session_naming_an_account_that_is_gone_reads_as_nobody(senco):
    store = SessionStore()
    store[SESSION_KEY] = "999999"
    store.save()
    assert UserSession.objects.get(pk=store.session_key).user_id == 999999
    SessionStore(session_key=store.session_key).load()
    assert take_user_read_with_session(999999) is None
    assert ModelBackend().get_user(999999) is None


def test_a_session_with_no_one_in_it_names_no_user():
    store = SessionStore()
    store["basket"] = ["a"]
    store.save()
    assert UserSession.objects.get(pk=store.session_key).user_id is None


def test_a_row_read_in_one_request_is_forgotten_when_the_next_begins(senco):
    store = SessionStore()
    store[SESSION_KEY] = str(senco.pk)
    store.save()
    SessionStore(session_key=store.session_key).load()
    request_started.send(sender=None)
    assert take_user_read_with_session(senco.pk) is None
