"""Views before a review in a real browser: the parent sends views, staff record the pupil's views with
the faces, the pupil signs in to their own page; axe on every page, at 320 px too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.support.tests import helpers
from sendsupport.support.voice import services
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUPIL_PASSWORD = "bright-green-dragon-42"


def sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_the_parent_sends_views_and_staff_record_the_pupils(page, senco, teacher, ta, parent, pupil):
    cycle = helpers.running_cycle(pupil, senco, teacher)
    sign_in(page, "parent", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name=re.compile("^Send your views before the review")).click()
    expect(page.get_by_role("heading", name="Your views before the review")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send your views").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write something in at least one")
    assert_accessible(page)
    page.get_by_label("What worries you?").fill("Homework takes hours.")
    page.get_by_role("button", name="Send your views").click()
    expect(page.get_by_text("Your views about Maya Evans have been sent")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The SENCO records them here (the teacher and TA may too).
    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/voice/")
    expect(page.get_by_text("Homework takes hours.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record Maya Evans's views").first.click()
    assert_accessible(page)
    page.get_by_role("group", name="How do you feel about what is going well?").get_by_label("Very happy").check()
    page.get_by_label("What helps me, in the pupil's words").fill("A word mat")
    page.get_by_role("button", name="Save the views").click()
    expect(page.get_by_text("Maya Evans's views have been saved.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/pupils/{pupil.pk}/support/cycles/{cycle.number}/review/new/")
    expect(page.get_by_role("heading", name="Views sent before the review")).to_be_visible()
    assert_accessible(page)


def test_the_pupil_signs_in_to_their_own_page(page, senco, pupil, school):
    services.save_pupil_sign_in_policy(school=school, by=senco, allowed=True, from_year=3)
    services.create_pupil_account(pupil=pupil, by=senco, username="maya4", password=PUPIL_PASSWORD)
    sign_in(page, "maya4", PUPIL_PASSWORD)
    expect(page.get_by_role("heading", name="My views")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="What helps me: choose a face").get_by_label("Happy", exact=True).check()
    page.get_by_role("button", name="Send my views").click()
    expect(page.get_by_text("Your views have been saved")).to_be_visible()
    assert_accessible(page)
