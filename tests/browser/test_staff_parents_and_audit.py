"""The SENCO's other pages in a real browser, keyboard and axe: staff, groups, parents, the audit log,
and the pages a newcomer sees (choosing a password, being locked out)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_senco_invites_a_teacher_who_then_signs_in(page, senco, class_4a, pupil):
    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name="Staff").first.click()
    expect(page.get_by_role("heading", name="Staff", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a member of staff").click()
    page.get_by_role("button", name="Add and send invitation").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Jones")
    page.get_by_label("Email").fill("nia@school.example")
    page.get_by_label("Teacher", exact=True).check()
    page.get_by_label("4A").check()
    page.get_by_role("button", name="Add and send invitation").click()
    expect(page.get_by_text("We have emailed an invitation to nia@school.example")).to_be_visible()

    link = re.search(r"http://\S+/invitation/\S+", mail.outbox[-1].body).group(0)
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password confirmation").fill("short")
    page.get_by_role("button", name="Save password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least 12 characters")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("violet-harbour-kettle")
    page.get_by_label("New password confirmation").fill("violet-harbour-kettle")
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_text("Your password is set")).to_be_visible()
    sign_in(page, "nia.jones", "violet-harbour-kettle")
    expect(page.get_by_role("link", name="Maya Evans")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name="Staff").first.click()
    page.get_by_role("link", name=re.compile("Edit Nia Jones")).click()
    expect(page.get_by_role("heading", name=re.compile("Edit Nia Jones"))).to_be_visible()
    assert_accessible(page)


def test_the_senco_keeps_groups_parents_and_reads_the_audit_log(page, senco, pupil, parent):
    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name="Groups").first.click()
    page.get_by_role("link", name="Add a group").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("4A")
    page.get_by_label("Registration group").check()
    page.get_by_role("button", name="Add group").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("already has a group of this type with that name")
    assert_accessible(page)

    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name="Add a parent or carer").click()
    assert_accessible(page)
    page.get_by_label("First name").fill("Tomasz")
    page.get_by_label("Last name").fill("Evans")
    page.get_by_label("Relationship").fill("father")
    page.get_by_label("Invite them to see their child's SEN record online").check()
    page.get_by_label("Has parental responsibility").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Only a parent or carer with parental responsibility")
    assert_accessible(page)
    page.get_by_label("Has parental responsibility").check()
    page.get_by_label("Email address").fill("tomasz@example.org")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Tomasz Evans (father)")).to_be_visible()

    page.get_by_role("link", name="Edit Tomasz Evans").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove Tomasz Evans").click()
    expect(page.get_by_text("Tomasz Evans is no longer linked")).to_be_visible()

    page.get_by_role("link", name="Edit details").click()
    assert_accessible(page)
    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name="See who has viewed or changed this record").click()
    expect(page.get_by_role("heading", name="Audit log for Maya Evans")).to_be_visible()
    expect(page.get_by_text("Deleted pupil contact").first).to_be_visible()
    assert_accessible(page)


def test_the_parent_and_the_locked_out_pages_pass_axe(page, parent, pupil):
    sign_in(page, "parent", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    for _ in range(5):
        sign_in(page, "parent", "wrong-password")
    expect(page.get_by_role("heading", name="Sign-in is locked for now")).to_be_visible()
    assert_accessible(page)
