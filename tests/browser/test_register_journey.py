"""The foundation in a real browser: sign in, use the register, add a pupil, change status; axe on each page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_lets_the_senco_keep_the_register_by_keyboard(page, senco, pupil, other_pupil, class_4a):
    sign_in(page, "senco", PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Hello"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="SEN register").first.click()
    expect(page.get_by_role("heading", name="SEN register")).to_be_visible()
    expect(page.get_by_role("link", name="Evans, Maya")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Broad area of need").select_option("communication")
    page.get_by_role("button", name="Apply filters").press("Enter")
    expect(page.get_by_role("link", name="Evans, Maya")).to_be_visible()
    expect(page.get_by_role("link", name="Ward, Ben")).to_be_visible()  # ASD is communication too

    page.get_by_role("link", name="Add a pupil").click()
    assert_accessible(page)
    page.get_by_label("Unique pupil number (UPN)").fill("A801200001001")  # wrong check letter
    page.get_by_label("Legal first name").fill("Zain")
    page.get_by_label("Legal last name").fill("Ahmed")
    page.get_by_label("Date of birth").fill("2016-05-04")
    page.get_by_label("Female").check()
    page.get_by_label("Year group").select_option("4")
    page.get_by_label("On roll from").fill("2021-09-01")
    page.get_by_role("button", name="Add pupil").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("check letter is wrong")
    assert_accessible(page)

    page.get_by_label("Unique pupil number (UPN)").fill("H801200001001")
    page.get_by_role("button", name="Add pupil").click()
    expect(page.get_by_role("heading", name="Zain Ahmed")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change SEN status and needs").click()
    page.get_by_label("SEN support").check()
    page.get_by_label("Date this starts").fill("2025-01-06")
    page.get_by_label("Why was this decided?").fill("Assessment showed reading well below age-related expectations.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("need a primary type of need")
    assert_accessible(page)
    page.get_by_label("Primary need (rank 1)").select_option("SPLD")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("dd", has_text="Specific learning difficulty (SPLD)")).to_be_visible()


def test_it_shows_a_parent_only_their_own_child(page, parent, pupil, other_pupil):
    sign_in(page, "parent", PASSWORD)
    page.get_by_role("link", name="Your children").first.click()
    expect(page.get_by_role("heading", name="Maya Evans")).to_be_visible()
    expect(page.get_by_text("Ben Ward")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="See Maya Evans's record").click()
    expect(page.get_by_role("heading", name="Maya Evans", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(f"/pupils/{other_pupil.pk}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


def test_the_skip_link_is_the_first_stop_for_keyboard_users(page, senco):
    sign_in(page, "senco", PASSWORD)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


@pytest.mark.parametrize("username", ["senco", "teacher", "ta", "governor", "la_officer", "parent"])
def test_every_persona_home_and_pages_pass_axe(page, personas, pupil, username):
    user = personas[username]
    sign_in(page, user.username, PASSWORD)
    assert_accessible(page)
    links = page.locator("nav[aria-label='Menu'] a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    for href in links:
        page.goto(href)
        assert_accessible(page)


def test_the_sign_in_page_passes_axe(page, db):
    page.goto("/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
