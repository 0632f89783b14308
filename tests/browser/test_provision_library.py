"""The intervention library and provisions in a real browser with axe, at 1024 and 320 px: the SENCO
fills the library, starts a group from it, links an outcome, and sees it on the pupil page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.support.tests import helpers
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_senco_builds_a_group_from_the_library(page, senco, teacher, ta, pupil):
    helpers.running_cycle(pupil, senco, teacher)
    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name="Provision", exact=True).first.click()
    expect(page.get_by_role("heading", name="Provisions")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="intervention library").click()
    page.get_by_role("button", name="Add the common interventions").click()
    expect(page.get_by_text("common interventions added")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Phonics catch-up").click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a group").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("a group with no members cannot run")
    assert_accessible(page)
    page.get_by_label(re.compile("^TA Person|^Ta Person")).check()
    expect(page.get_by_label("Notional SEN budget")).to_be_checked()  # the usual stream, chosen for you
    page.get_by_label(re.compile("Maya")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Which outcomes does it serve?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The outcomes it serves have been saved")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a pupil").click()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Record a review").click()
    assert_accessible(page)

    page.goto(f"/pupils/{pupil.pk}/")
    expect(page.get_by_role("heading", name="Provision", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See the current plan").click()
    expect(page.get_by_role("heading", name="Provisions during this plan")).to_be_visible()
    assert_accessible(page)
