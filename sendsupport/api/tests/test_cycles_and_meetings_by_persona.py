"""Cycles and meetings, every persona: 200 for whoever the support and meetings pages let in, 404 for the rest."""

from __future__ import annotations

import pytest

from sendsupport.api import services
from sendsupport.api.models import ApiToken

STAFF = {"senco", "head", "teacher", "ta"}
SEES_PUPIL = STAFF | {"parent"}
SEES_OTHER_PUPIL = {"senco", "head", "other_parent"}

# (label, path builder, personas that get 200; everyone else gets 404)
ROUTES = [
    ("cycles", lambda p, o, c, m: f"/api/v1/pupils/{p.pk}/cycles", SEES_PUPIL),
    ("other pupil's cycles", lambda p, o, c, m: f"/api/v1/pupils/{o.pk}/cycles", SEES_OTHER_PUPIL),
    ("reviewed cycle", lambda p, o, c, m: f"/api/v1/pupils/{p.pk}/cycles/1", SEES_PUPIL),
    ("open cycle", lambda p, o, c, m: f"/api/v1/pupils/{p.pk}/cycles/2", SEES_PUPIL),
    ("missing cycle", lambda p, o, c, m: f"/api/v1/pupils/{p.pk}/cycles/3", set()),
    ("cycle under another pupil", lambda p, o, c, m: f"/api/v1/pupils/{o.pk}/cycles/1", set()),
    ("meetings", lambda p, o, c, m: f"/api/v1/pupils/{p.pk}/meetings", SEES_PUPIL),
    ("other pupil's meetings", lambda p, o, c, m: f"/api/v1/pupils/{o.pk}/meetings", SEES_OTHER_PUPIL),
    ("shared meeting", lambda p, o, c, m: f"/api/v1/pupils/{p.pk}/meetings/{m['shared'].pk}", SEES_PUPIL),
    ("meeting not shared", lambda p, o, c, m: f"/api/v1/pupils/{p.pk}/meetings/{m['private'].pk}", STAFF),
    ("meeting under another pupil", lambda p, o, c, m: f"/api/v1/pupils/{o.pk}/meetings/{m['shared'].pk}", set()),
    ("missing meeting", lambda p, o, c, m: f"/api/v1/pupils/{p.pk}/meetings/{m['private'].pk + 1000}", set()),
]
IDS = [route[0] for route in ROUTES]


@pytest.mark.parametrize(("label", "path", "allowed"), ROUTES, ids=IDS)
def test_it_answers_each_persona_as_the_pages_would(
    label, path, allowed, tokens, pupil, other_pupil, cycles, meetings, api_get
):
    url = path(pupil, other_pupil, cycles, meetings)
    for persona, token in tokens.items():
        response = api_get(url, token)
        expected = 200 if persona in allowed else 404
        assert response.status_code == expected, f"{persona} on {url}: {response.status_code} {response.content!r}"
        assert response["Content-Type"] == "application/json; charset=utf-8"
        if expected == 404:
            assert response.json() == {"detail": "Not found"}


@pytest.mark.parametrize(("label", "path", "allowed"), ROUTES, ids=IDS)
def test_it_answers_401_without_a_working_token(
    label, path, allowed, senco, pupil, other_pupil, cycles, meetings, api_get, make_token
):
    url = path(pupil, other_pupil, cycles, meetings)
    revoked = make_token(senco)
    services.revoke_token(token=ApiToken.objects.get(prefix=revoked.split("_")[1]))
    for token in (None, revoked, "ss_00000000_not-a-real-secret"):
        response = api_get(url, token)
        assert response.status_code == 401, f"{token} on {url}"
        assert response.json()["detail"].startswith("Send a valid API token")


def test_a_hidden_cycle_and_a_missing_one_look_the_same(tokens, pupil, other_pupil, cycles, api_get):
    hidden = api_get(f"/api/v1/pupils/{pupil.pk}/cycles/1", tokens["other_parent"])
    missing = api_get(f"/api/v1/pupils/{other_pupil.pk}/cycles/1", tokens["other_parent"])
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


@pytest.mark.parametrize(
    ("path", "field"), [("cycles/0", "number"), ("cycles/40000", "number"), ("meetings/0", "meeting_id")]
)
def test_bad_ids_get_422_naming_the_field(path, field, tokens, pupil, api_get):
    response = api_get(f"/api/v1/pupils/{pupil.pk}/{path}", tokens["senco"])
    assert response.status_code == 422
    assert [(e["field"], e["location"]) for e in response.json()["detail"]] == [(field, "path")]
