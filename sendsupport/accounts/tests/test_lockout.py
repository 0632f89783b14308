"""After five wrong passwords, sign-in is locked, even with the right password (django-axes)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY

from conftest import PASSWORD
from sendsupport.accounts.tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_it_locks_sign_in_after_five_failures(senco, client):
    assert settings.AXES_ENABLED
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert sign_in(client, "senco", "wrong-password").status_code == 400
    fifth = sign_in(client, "senco", "wrong-password")
    assert fifth.status_code == 429
    response = sign_in(client, "senco", PASSWORD)
    assert response.status_code == 429
    assert "Sign-in is locked for now" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_four_failures_then_the_right_password_still_signs_in_and_resets_the_count(senco, client):
    for _ in range(4):
        sign_in(client, "senco", "wrong-password")
    assert sign_in(client, "senco", PASSWORD).status_code == 302
    client.post("/sign-out/")
    for _ in range(4):
        sign_in(client, "senco", "wrong-password")
    assert sign_in(client, "senco", PASSWORD).status_code == 302


def test_locking_one_account_does_not_lock_another(senco, head, client):
    for _ in range(5):
        sign_in(client, "senco", "wrong-password")
    assert sign_in(client, "head", PASSWORD).status_code == 302
