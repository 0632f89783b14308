"""The OpenAPI document and the interactive docs page, which keeps the site's strict CSP."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders


def test_the_openapi_document_describes_every_route(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"] == {**schema["info"], "title": "sendsupport API", "version": "1"}
    assert set(schema["paths"]) == {
        "/api/v1/me",
        "/api/v1/schools",
        "/api/v1/schools/{school_id}",
        "/api/v1/schools/{school_id}/figures",
        "/api/v1/pupils",
        "/api/v1/pupils/by-upn/{upn}",
        "/api/v1/pupils/{pupil_id}",
        "/api/v1/pupils/{pupil_id}/sen-statuses",
        "/api/v1/pupils/{pupil_id}/needs",
        "/api/v1/pupils/{pupil_id}/cycles",
        "/api/v1/pupils/{pupil_id}/cycles/{number}",
        "/api/v1/pupils/{pupil_id}/meetings",
        "/api/v1/pupils/{pupil_id}/meetings/{meeting_id}",
        "/api/v1/pupils/{pupil_id}/planned-meetings",
        "/api/v1/pupils/{pupil_id}/link-book",
        "/api/v1/pupils/{pupil_id}/parent-views",
        "/api/v1/pupils/{pupil_id}/pupil-views",
        "/api/v1/interventions",
        "/api/v1/provisions",
        "/api/v1/provisions/{provision_id}",
        "/api/v1/provisions/{provision_id}/sessions",
        "/api/v1/pupils/{pupil_id}/provision-costs",
    }
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert {"200", "401", "422"} <= set(operation["responses"]) or path == "/api/v1/me", path
            assert operation["security"] == [{"ApiTokenAuth": []}]
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_the_docs_page_keeps_the_strict_csp(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'id="swagger-settings" type="application/json"' in html
    assert '"validatorUrl": null' in html
    assert "<script>" not in html and "style=" not in html


NINJA_MISSING = "Swagger UI's files are django-ninja's static files: add \"ninja\" to INSTALLED_APPS"


@pytest.mark.skipif(not apps.is_installed("ninja"), reason=NINJA_MISSING)
def test_swagger_ui_files_are_served_as_static_files(client):
    html = client.get("/api/v1/docs").content.decode()
    for name in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"):
        assert finders.find(f"ninja/{name}"), name
        assert f"/static/ninja/{name}" in html
    assert finders.find("api/docs.css")
