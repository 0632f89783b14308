"""The pages the duties need, in a real browser with axe: school settings, EHC records, declined meetings."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_senco_sets_figures_records_ehc_dates_and_a_declined_meeting(page, senco, pupil, other_pupil):
    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name="School settings: term dates and the figures the to-do list checks").click()
    expect(page.get_by_role("heading", name="School settings")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change the figures").click()
    page.get_by_label("Meetings with parents a year").fill("0")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be 1 or more")
    assert_accessible(page)
    page.get_by_label("Meetings with parents a year").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The school's figures have been saved")).to_be_visible()
    page.get_by_role("link", name="Change the term dates").first.click()
    assert_accessible(page)

    page.goto(f"/pupils/{other_pupil.pk}/")
    page.get_by_role("link", name="See EHC requests and plan dates").click()
    expect(page.get_by_role("heading", name="EHC needs assessment and EHC plan")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record an EHC plan").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the final plan was issued")
    assert_accessible(page)
    page.get_by_label("Date the final plan was issued").fill("2024-06-01")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Book or record an annual review").click()
    assert_accessible(page)
    page.get_by_label("Date of the review meeting").fill("2025-05-20")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The annual review has been recorded")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/pupils/{pupil.pk}/meetings/")
    page.get_by_role("link", name="Record a meeting the parents declined").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the meeting was offered")
    assert_accessible(page)
