"""The head names the school's SENCO from the home page's prompt, in a real browser, with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_head_follows_the_prompt_and_names_the_senco(page, head, senco):
    sign_in(page, "head", PASSWORD)
    page.get_by_role("link", name="No SENCO is named for the school", exact=False).click()
    expect(page.get_by_role("heading", name="The school's SENCO")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("SENCO", exact=True).select_option(label="Senco Person")
    page.get_by_label("Date the NPQ for SENCOs was awarded").fill("2025-07-01")
    page.get_by_role("button", name="Save SENCO details").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Leave the date awarded blank")
    assert_accessible(page)

    page.get_by_label("Date the NPQ for SENCOs was awarded").fill("")
    page.get_by_label("The SENCO has qualified teacher status (QTS)").check()
    page.get_by_label("The SENCO has completed induction").check()
    page.get_by_label("Date appointed as SENCO").fill("2024-09-02")
    page.get_by_label("Holds the NPQ for SENCOs").check()
    page.get_by_label("Date the NPQ for SENCOs was awarded").fill("2025-07-01")
    page.get_by_label("SENCO's phone number").fill("0117 496 0123")
    page.get_by_role("button", name="Save SENCO details").click()
    expect(page.get_by_text("The school's SENCO details have been saved.")).to_be_visible()
    expect(page.get_by_text("Awarded on 1 July 2025")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Home").first.click()
    expect(page.get_by_text("No SENCO is named")).to_have_count(0)
