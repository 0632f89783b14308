"""The SENCO's to-do list in a real browser: a gap links to where it is fixed, and goes once fixed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_todo_list_changes_as_the_senco_meets_a_duty(page, senco, teacher, pupil, parent):
    sign_in(page, "senco", PASSWORD)
    todo = page.locator("ol.app-todo-lines")
    expect(todo).to_contain_text("Parents not told SEN support started")
    expect(todo).to_contain_text("Maya Evans")
    assert_accessible(page)

    page.get_by_role("link", name="To-do", exact=True).click()
    expect(page.get_by_role("heading", name="To-do list")).to_be_visible()
    page.get_by_label("Teacher or teaching assistant").select_option(label="Teacher Person")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("ol.app-todo-lines")).to_contain_text("Maya Evans")
    expect(page.locator("ol.app-todo-lines")).to_contain_text("Law: must: CFA 2014 s.68")
    assert_accessible(page)
    page.get_by_label("How strong the duty is").select_option(label="Law: must")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("ol.app-todo-lines")).not_to_contain_text("Code of Practice: should")
    assert_accessible(page)

    page.get_by_role("link", name="Parents have not been told that SEN support started").click()
    assert_accessible(page)
    page.get_by_label("Date the parent was told").fill(date.today().isoformat())
    page.get_by_label("Letter").check()
    page.get_by_role("button", name=re.compile("Save|Record")).click()

    page.get_by_role("link", name="Home").first.click()
    expect(page.locator("main")).not_to_contain_text("Parents not told SEN support started")
    # Meetings are due one a term once a term has ended; a plan is due now.
    expect(page.locator("main")).to_contain_text("Plan not agreed with parents")
    assert_accessible(page)
