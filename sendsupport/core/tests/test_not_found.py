"""Unknown addresses and forbidden objects answer the same 404, which never says whether a pupil exists."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def without_tokens(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


@pytest.mark.parametrize("path", ["/no-such-page/", "/pupils/999999/", "/pupils/abc/", "/pupils/1/nonsense/"])
def test_unknown_addresses_are_404_whether_signed_in_or_not(path, senco, client, login):
    signed_out = client.get(path)
    assert signed_out.status_code in {302, 404}
    if signed_out.status_code == 302:  # pages that exist for someone ask for sign-in first
        assert signed_out["Location"].startswith(reverse("login"))
    response = login(senco).get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("pupils:detail", []),
        ("pupils:edit", []),
        ("pupils:sen_status", []),
        ("pupils:contact_add", []),
        ("audit:pupil_log", []),
    ],
)
@pytest.mark.parametrize("persona", ["teacher", "parent", "governor", "la_officer", "stranger"])
def test_a_forbidden_pupil_looks_exactly_like_a_missing_one(name, extra, persona, personas, other_pupil, login):
    client = login(personas[persona])
    forbidden = client.get(reverse(name, args=[other_pupil.pk, *extra]))
    missing = client.get(reverse(name, args=[other_pupil.pk + 10_000, *extra]))
    assert forbidden.status_code == missing.status_code == 404
    assert without_tokens(forbidden.content) == without_tokens(missing.content)
    assert other_pupil.legal_last_name not in forbidden.content.decode()


def test_a_forbidden_parent_link_looks_like_a_missing_one(teacher, pupil, parent, login):
    link = pupil.contact_links.get()
    client = login(teacher)
    forbidden = client.get(reverse("pupils:contact_edit", args=[pupil.pk, link.pk]))
    missing = client.get(reverse("pupils:contact_edit", args=[pupil.pk, link.pk + 10_000]))
    assert forbidden.status_code == missing.status_code == 404
    assert without_tokens(forbidden.content) == without_tokens(missing.content)
