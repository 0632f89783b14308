"""The meeting planner in a real browser, axe on every page at 1024 and 320 px: the SENCO confirms a
proposed meeting, a bad time is refused, the parent asks for another time, the SENCO sees the reply."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_the_senco_plans_a_meeting_and_the_parent_asks_for_another_time(page, senco, parent, pupil):
    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/meetings/")
    page.get_by_role("link", name="Plan this year's meetings").click()
    expect(page.get_by_role("heading", name="Plan this year's meetings")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Confirm a meeting on")).first.click()
    expect(page.get_by_role("heading", name="Confirm a meeting with parents")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Starts at").fill("15:30")
    page.get_by_label("Ends at").fill("15:00")
    page.get_by_label("Where", exact=True).fill("The SENCO's office")
    page.get_by_role("button", name="Confirm and invite").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The meeting must end after it starts")
    assert_accessible(page)
    page.get_by_label("Ends at").fill("16:15")
    page.get_by_role("button", name="Confirm and invite").click()
    expect(page.get_by_text(re.compile("is confirmed"))).to_be_visible()
    expect(page.get_by_text("No replies yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Move")).click()
    expect(page.get_by_role("heading", name="Move the meeting")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "parent", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/meetings/")
    expect(page.get_by_role("heading", name="Upcoming meetings")).to_be_visible()
    expect(page.get_by_text("The SENCO's office")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Ask for another time")).click()
    assert_accessible(page)
    page.get_by_label("Message to the school").fill("Could we meet on a Thursday after 5pm?")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("The school has been told your answer.")).to_be_visible()
    expect(page.get_by_text(re.compile("^Asked for another time"))).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/meetings/plan/")
    expect(page.get_by_text(re.compile("Could we meet on a Thursday after 5pm"))).to_be_visible()
    assert_accessible(page)
