"""Find any child: a teacher searches from the header for a pupil in her class, not on the SEN register,
opens the class and the pupil's page; the register works at 320 px with the status in view. axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, make_pupil
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def ella(school, class_4a):
    return make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)


def test_a_teacher_finds_a_child_in_her_class_from_the_header(page, teacher, pupil, other_pupil, ella):
    sign_in(page, "teacher", PASSWORD)
    search = page.get_by_role("search", name="Find a pupil")
    search.get_by_label("Find a pupil").fill("Ella Kelly")
    search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Pupils on roll", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="1 pupil on roll matches your search")).to_be_visible()
    expect(page.get_by_label("Everyone on roll")).to_be_checked()
    assert_accessible(page)

    # A pupil of another class is not found by a teacher who does not teach it.
    search = page.get_by_role("search", name="Find a pupil")
    search.get_by_label("Find a pupil").fill("Ben Ward")
    search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="0 pupils on roll match your search")).to_be_visible()

    page.get_by_role("search", name="Find a pupil").get_by_label("Find a pupil").fill("kelly")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="4A").click()
    expect(page.get_by_role("heading", name="4A", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Evans, Maya")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Kelly, Ella").click()
    expect(page.get_by_role("heading", name="Ella Kelly", exact=True)).to_be_visible()
    expect(page.get_by_text("No special educational provision")).to_be_visible()
    assert_accessible(page)


def test_the_register_keeps_the_status_in_view_at_320_px(page, senco, pupil, other_pupil, ella):
    sign_in(page, "senco", PASSWORD)
    page.goto("/register/?show=all")
    page.set_viewport_size({"width": 320, "height": 800})
    for status in ("SEN support", "EHC plan", "No SEN provision"):
        tag = page.locator("table strong.govuk-tag", has_text=status).first
        tag.scroll_into_view_if_needed()
        box = tag.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, f"{status} is off screen: {box}"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert_accessible(page)
