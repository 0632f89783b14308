"""EHC request clocks in a real browser: the LA officer finds the shared request from the home page and
records the decision to assess; every other pupil page is "not found" for them; the SENCO's request
page and the parent's timeline. axe at 1024 and 320 px on each page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.core.dates import today
from sendsupport.statutory.models import EHCAccess, EHCRequest
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_officer_records_the_decision_to_assess_and_sees_nothing_else(page, senco, la_officer, pupil, other_pupil):
    row = EHCRequest.objects.create(
        pupil=other_pupil, requested_on=today() - timedelta(days=30), requested_by="school", notes="Ben's needs."
    )
    EHCAccess.objects.create(request=row, user=la_officer, granted_by=senco)
    sign_in(page, "la", PASSWORD)
    page.get_by_role("link", name="EHC needs assessment requests schools have shared with you").click()
    expect(page.get_by_role("heading", name="EHC requests")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Ben Ward")).click()
    expect(page.get_by_role("heading", name="Request for an EHC needs assessment")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record the decision whether to assess").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose whether the local authority agreed")
    assert_accessible(page)
    page.get_by_label("Agreed to carry out an EHC needs assessment").check()
    page.get_by_label("Date of the decision").fill((today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The decision is recorded.")).to_be_visible()
    expect(page.get_by_role("link", name="Record asking the school for its advice")).to_be_visible()
    assert_accessible(page)
    row.refresh_from_db()
    assert row.outcome == "agreed"

    for address in (f"/pupils/{other_pupil.pk}/", f"/pupils/{other_pupil.pk}/ehc/", f"/pupils/{pupil.pk}/"):
        response = page.goto(address)
        assert response.status == 404, address


def test_the_senco_sees_the_clocks_and_the_parent_the_timeline(page, senco, la_officer, pupil, parent):
    row = EHCRequest.objects.create(
        pupil=pupil,
        requested_on=today() - timedelta(days=60),
        requested_by="school",
        outcome="agreed",
        outcome_on=today() - timedelta(days=30),
        advice_requested_on=today() - timedelta(days=29),
    )
    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/ehc/")
    page.get_by_role("link", name=re.compile("^Clocks, next steps and local authority access")).click()
    expect(page.get_by_role("heading", name="Statutory clocks")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Give an officer at")).click()
    page.get_by_label("La Person").check()
    page.get_by_role("button", name="Give access").click()
    expect(page.get_by_text("La Person can now see this request.")).to_be_visible()
    assert_accessible(page)
    assert EHCAccess.objects.get(request=row).user == la_officer
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()

    sign_in(page, "parent", PASSWORD)
    page.goto(f"/your-children/{pupil.pk}/")
    expect(page.get_by_role("heading", name="EHC needs assessment")).to_be_visible()
    expect(page.get_by_text("The school must send its advice to the local authority by")).to_be_visible()
    assert_accessible(page)
