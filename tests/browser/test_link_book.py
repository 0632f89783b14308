"""The home-school link book in a real browser: a parent writes, the school replies; axe on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.linkbook import services
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_a_parent_writes_the_school_replies_and_the_chosen_teacher_reads_it(page, senco, teacher, parent, pupil):
    services.choose_readers(pupil=pupil, by=senco, users=[teacher])

    sign_in(page, "parent", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name=re.compile("^Open the link book")).click()
    expect(page.get_by_role("heading", name="Home-school link book")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write your message.")
    assert_accessible(page)
    page.get_by_label("Something positive").check()
    page.get_by_label("Your message").fill("Maya read a whole page to her brother tonight.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Your message has been added to the link book.")).to_be_visible()
    expect(page.get_by_text("Maya read a whole page to her brother tonight.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name=re.compile("^Who can read the link book")).click()
    expect(page.get_by_role("heading", name="Who can read the link book")).to_be_visible()
    expect(page.get_by_label("Teacher Person (teacher)")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name=re.compile("^Reply")).click()
    expect(page.get_by_role("heading", name="Something positive from home")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send the reply").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write your reply.")
    assert_accessible(page)
    page.get_by_label("Your reply").fill("Wonderful! She read to the class today too.")
    page.get_by_role("button", name="Send the reply").click()
    expect(page.get_by_text("Your reply has been added to the link book.")).to_be_visible()
    expect(page.get_by_text("She read to the class today too.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "teacher", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name=re.compile("^Open the link book")).click()
    expect(page.get_by_text("Maya read a whole page to her brother tonight.")).to_be_visible()
    expect(page.get_by_text("She read to the class today too.")).to_be_visible()
    assert_accessible(page)
