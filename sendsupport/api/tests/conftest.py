"""API fixtures: a token for each persona and a client that sends it as a bearer token."""

from __future__ import annotations

from itertools import count

import pytest

from conftest import make_pupil
from sendsupport.api import services
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.upn import make_upn


@pytest.fixture
def make_token(db):
    def _make(user, name: str = "Test token") -> str:
        _, secret = services.create_token(user=user, name=name)
        return secret

    return _make


@pytest.fixture
def tokens(personas, make_token) -> dict[str, str]:
    """persona name → a live token for that persona."""
    return {name: make_token(user) for name, user in personas.items()}


@pytest.fixture
def api_get(client):
    """GET an API path with an optional bearer token; returns the response."""

    def _get(path: str, token: str | None = None, **params):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return client.get(path, params, headers=headers)

    return _get


@pytest.fixture
def add_pupil(db):
    """``make_pupil`` with serials of this test's own, skipping any UPN already used in it.

    The shared ``make_pupil`` draws from one counter of 999 serials for the whole session; these
    tests make many pupils, so they leave that counter to the shared fixtures.
    """
    serials = count(1)

    def _add(school, **kwargs) -> Pupil:
        while True:
            serial = next(serials)
            upn = make_upn(school.local_authority.number, school.estab, 24, serial)
            if not Pupil.objects.filter(upn=upn).exists():
                return make_pupil(school, serial=serial, **kwargs)

    return _add
