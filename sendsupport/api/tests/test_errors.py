"""Errors are JSON: never a traceback, never the website's HTML, and a session cookie is not a way in."""

from __future__ import annotations

import pytest


def test_an_unknown_api_address_gets_json_404(senco, make_token, api_get):
    token = make_token(senco)
    for path in ("/api/v1/nothing-here", "/api/v1/pupils/1/nothing", "/api/v1/pupils/"):
        response = api_get(path, token)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found"}


def test_the_api_root_leads_to_the_documentation(client):
    response = client.get("/api/v1/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/docs"


@pytest.mark.parametrize("path", ["/api/v1/pupils/abc", "/api/v1/pupils/0", "/api/v1/schools/-5/figures"])
def test_a_bad_id_gets_422_naming_the_path_field(path, senco, make_token, api_get):
    response = api_get(path, make_token(senco))
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["location"] == "path"
    assert error["field"] in {"pupil_id", "school_id"}


def test_an_id_too_large_for_the_database_is_refused_before_it(senco, make_token, api_get):
    token = make_token(senco)
    response = api_get(f"/api/v1/pupils/{2**64}", token)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "pupil_id"
    assert api_get(f"/api/v1/pupils/{2**63 - 1}", token).status_code == 404


def test_a_signed_in_browser_session_is_not_accepted(senco, pupil, client):
    client.force_login(senco)
    response = client.get(f"/api/v1/pupils/{pupil.pk}")
    assert response.status_code == 401


def test_a_session_never_widens_what_a_token_sees(senco, teacher, other_pupil, client, make_token):
    client.force_login(senco)
    response = client.get(
        f"/api/v1/pupils/{other_pupil.pk}", headers={"Authorization": f"Bearer {make_token(teacher)}"}
    )
    assert response.status_code == 404


def test_writes_are_not_allowed(tokens, pupil, client):
    response = client.post(f"/api/v1/pupils/{pupil.pk}", {}, headers={"Authorization": f"Bearer {tokens['senco']}"})
    assert response.status_code == 405


def test_a_superuser_gets_no_free_pass(pupil, django_user_model, make_token, api_get):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    token = make_token(root)
    assert api_get(f"/api/v1/pupils/{pupil.pk}", token).status_code == 404
    assert api_get("/api/v1/pupils", token).json()["count"] == 0
