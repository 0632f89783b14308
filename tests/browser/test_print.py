"""Printing a plan, a passport or a meeting record prints the record: no menu, footer, buttons or link addresses."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.support.tests import helpers
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CSS = Path(__file__).resolve().parents[2] / "sendsupport" / "static" / "dist" / "sendsupport.css"


@pytest.fixture(autouse=True)
def built_with_print_styles():
    # The stylesheet is compiled at setup (npm run build:css), not committed: skip until it has been rebuilt.
    if not CSS.exists() or "app-no-print" not in CSS.read_text():
        pytest.skip("sendsupport.css has not been rebuilt with the print styles (npm run build:css)")


def hidden_in_print(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).display === 'none'")


def test_a_parent_prints_the_plan_without_the_website_around_it(page, pupil, senco, teacher, parent):
    cycle = helpers.running_cycle(pupil, senco, teacher)
    sign_in(page, "parent", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/support/cycles/{cycle.number}/plan/")
    expect(page.get_by_role("heading", name="Maya Evans's SEN support plan")).to_be_visible()
    page.emulate_media(media="print")
    for selector in (".app-header", ".govuk-footer", ".govuk-back-link", ".app-no-print"):
        assert hidden_in_print(page, selector), selector
    expect(page.get_by_role("heading", name="Maya Evans's SEN support plan")).to_be_visible()
    after = page.eval_on_selector("main a.govuk-link", "el => getComputedStyle(el, '::after').content")
    assert after in ("none", "normal", "")
