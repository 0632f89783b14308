"""Cycles and meetings in the API: hidden looks like missing, bad ids are named (who sees what: ``test_permissions.py``)."""

from __future__ import annotations

import pytest


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
