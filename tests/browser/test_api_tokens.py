"""API tokens and the API documentation in a real browser: make a token, use it, revoke it; axe on each page."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.api.v1 import api as api_v1
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_lets_the_senco_make_use_and_revoke_a_token(page, senco, pupil):
    sign_in(page, "senco", PASSWORD)
    page.goto("/account/api-tokens/")
    expect(page.get_by_role("heading", name="API tokens", exact=True)).to_be_visible()
    expect(page.get_by_text("You have no API tokens.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the token")
    assert_accessible(page)

    page.get_by_label("Name for the new token").fill("Termly report")
    page.get_by_label("90 days").check()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_role("heading", name="Your new API token")).to_be_visible()
    token = page.get_by_label("Token", exact=True).input_value()
    assert re.fullmatch(r"ss_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}", token)
    assert_accessible(page)

    answer = page.request.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200
    assert answer.json()["username"] == "senco"

    page.get_by_role("link", name="Back to your API tokens").click()
    expect(page.get_by_role("cell", name="Termly report", exact=True)).to_be_visible()
    expect(page.get_by_text(token)).to_have_count(0)  # shown once only
    assert_accessible(page)

    page.get_by_role("button", name="Revoke token “Termly report”").click()
    expect(page.get_by_text("has been revoked")).to_be_visible()
    expect(page.get_by_text("Revoked", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Revoke token"))).to_have_count(0)
    assert_accessible(page)

    refused = page.request.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert refused.status == 401


@pytest.mark.skipif(
    not apps.is_installed("ninja"),
    reason="Swagger UI's files are django-ninja's static files: add \"ninja\" to INSTALLED_APPS",
)
def test_the_api_documentation_works_under_the_strict_csp_and_passes_axe(page, senco):
    sign_in(page, "senco", PASSWORD)
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", name="sendsupport API documentation", level=1)).to_be_visible()
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    # One block per operation in the OpenAPI document: the docs show the whole API.
    operations = sum(len(methods) for methods in api_v1.get_openapi_schema()["paths"].values())
    expect(page.locator(".swagger-ui .opblock")).to_have_count(operations)
    assert_accessible(page)

    page.locator(".swagger-ui .opblock-summary-control").first.click()
    expect(page.locator(".swagger-ui .opblock-body").first).to_be_visible()
    assert_accessible(page)
