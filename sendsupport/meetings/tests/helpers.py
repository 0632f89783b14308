"""Checks shared by the meetings tests: who gets 200, who gets 404, and signed-out visitors."""

from __future__ import annotations

from django.urls import reverse

ALL = frozenset({"senco", "head", "teacher", "ta", "parent", "other_parent", "governor", "la_officer", "stranger"})
MANAGERS = frozenset({"senco", "head"})


def assert_only(login, personas, url: str, allowed: set[str] | frozenset[str]) -> None:
    for name, user in personas.items():
        status = login(user).get(url).status_code
        expected = 200 if name in allowed else 404
        assert status == expected, f"{name} on {url}: {status}, expected {expected}"
    response = login(None).get(url)
    assert response.status_code == 302, f"signed out on {url}: {response.status_code}"
    assert response["Location"].startswith(reverse("login"))
