"""Assertions the tests of many apps make."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from sendsupport.testing.personas import ALL


def assert_sent_to_sign_in(response, what: str = "") -> None:
    """A signed-out visitor is redirected to the sign-in page (and nowhere else)."""
    assert response.status_code == 302, f"signed out {what}: {response.status_code}, expected 302"
    assert response["Location"].startswith(reverse("login")), f"signed out {what}: sent to {response['Location']}"


def assert_only(login, personas, url: str, allowed: Iterable[str]) -> None:
    """GET ``url`` as every persona: 200 for ``allowed``, 404 for the rest, sign-in for signed-out visitors.

    For one-off checks inside behaviour tests; a page's permissions belong in its app's permission table.
    """
    allowed = frozenset(allowed)
    unknown = allowed - ALL
    assert not unknown, f"not personas: {sorted(unknown)}"
    for name, user in personas.items():
        status = login(user).get(url).status_code
        expected = 200 if name in allowed else 404
        assert status == expected, f"{name} on {url}: {status}, expected {expected}"
    assert_sent_to_sign_in(login(None).get(url), f"on {url}")


def assert_api_not_found(response, what: str = "") -> None:
    """The API's 404: JSON that says nothing about whether the thing exists."""
    assert response.status_code == 404, f"{what}: {response.status_code}"
    assert response["Content-Type"] == "application/json; charset=utf-8", what
    assert response.json() == {"detail": "Not found"}, what
