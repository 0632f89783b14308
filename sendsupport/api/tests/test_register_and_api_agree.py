"""The register page and the API's pupil list share one filter definition: same filters, same pupils."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sendsupport.schools.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def roll(school, class_4a, class_5b, pupil, other_pupil, add_pupil):
    """Maya (4A, K), Ben (5B, E), Cara (6C, K, preferred name Cee), Dev (4A, no SEN), Eve (5B, status N)."""
    class_6c = Group.objects.create(school=school, name="6C", kind=Group.Kind.REGISTRATION)
    cara = add_pupil(
        school, first="Cara", last="Jones", year_group="6", registration_group=class_6c, provision="K", needs=[("SPLD", 1)]
    )
    cara.preferred_first_name = "Cee"
    cara.save()
    add_pupil(school, first="Dev", last="Patel", year_group="4", registration_group=class_4a)
    add_pupil(school, first="Eve", last="Ward", year_group="5", registration_group=class_5b, provision="N")
    return school


def register_ids(client, params) -> list[int]:
    response = client.get(reverse("pupils:register"), {"show": "all", **params})
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'href="/pupils/(\d+)/">', response.content.decode())]


def api_ids(client, token, params) -> list[int]:
    api_params = {("search" if key == "q" else key): value for key, value in params.items()}
    response = client.get(
        "/api/v1/pupils", {"page_size": 100, **api_params}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


CASES = [
    {},
    {"status": "K"},
    {"status": "E"},
    {"status": "N"},
    {"need": "SEMH"},
    {"area": "communication"},
    {"year_group": "4"},
    {"year_group": "5", "status": "N"},
    {"q": "ward"},
    {"q": "Ben Ward"},
    {"q": "cee"},  # preferred name
    {"q": "Cara"},  # legal name
    {"q": "4a"},  # class
    {"q": "dev 4A"},
    {"q": "ward 4A"},
    {"q": " ".join(["ward"] * 15)},  # more words than searched: cut to the same few in both
]


@pytest.mark.parametrize("params", CASES, ids=[str(case)[:40] for case in CASES])
@pytest.mark.parametrize("persona", ["senco", "teacher"])
def test_the_register_and_the_api_list_the_same_pupils(params, persona, personas, roll, tokens, client):
    client.force_login(personas[persona])
    on_the_register = register_ids(client, params)
    assert on_the_register == api_ids(client, tokens[persona], params)


def test_the_search_splits_words_in_the_api_too(roll, tokens, client, other_pupil):
    assert api_ids(client, tokens["senco"], {"q": "Ben Ward"}) == [other_pupil.pk]
