"""Looking a pupil up by UPN: valid, badly formed (422 naming the field), unknown and not visible (404)."""

from __future__ import annotations

import pytest

from sendsupport.pupils.upn import make_upn


def test_it_finds_a_pupil_by_upn(pupil, tokens, api_get):
    response = api_get(f"/api/v1/pupils/by-upn/{pupil.upn}", tokens["senco"])
    assert response.status_code == 200
    assert response.json()["id"] == pupil.pk
    assert response.json()["record"]["upn"] == pupil.upn


def test_it_accepts_lower_case(pupil, tokens, api_get):
    assert api_get(f"/api/v1/pupils/by-upn/{pupil.upn.lower()}", tokens["senco"]).json()["id"] == pupil.pk


@pytest.mark.parametrize(
    ("upn", "words"),
    [
        ("A801200001001", "check letter is wrong"),
        ("H80120000100", "13 characters"),
        ("H8012000010011", "13 characters"),
        ("1801200001001", "a letter, then 11 digits"),
        ("not-a-upn-at!", "a letter, then 11 digits"),
    ],
)
def test_a_badly_formed_upn_gets_422_naming_the_field(upn, words, pupil, tokens, api_get):
    response = api_get(f"/api/v1/pupils/by-upn/{upn}", tokens["senco"])
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"field": "upn", "location": "path", "message": response.json()["detail"][0]["message"]}]
    }
    assert words in response.json()["detail"][0]["message"]


def test_an_unknown_upn_gets_404(pupil, tokens, api_get):
    unknown = make_upn("801", "2000", 24, 999)
    response = api_get(f"/api/v1/pupils/by-upn/{unknown}", tokens["senco"])
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def test_a_pupil_the_caller_may_not_see_gets_the_same_404(other_pupil, tokens, api_get):
    unknown = make_upn("801", "2000", 24, 998)
    forbidden = api_get(f"/api/v1/pupils/by-upn/{other_pupil.upn}", tokens["teacher"])
    missing = api_get(f"/api/v1/pupils/by-upn/{unknown}", tokens["teacher"])
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
