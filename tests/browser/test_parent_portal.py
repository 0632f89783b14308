"""The parent's journey in a real browser, at 320 px and 1280 px, with axe-core: a parent invited
from the pupil's page sets a password, signs in, finds their child under Your children, reads the
child's page and the page on preparing for a meeting. Screenshots go to /tmp/shots/portal-*.png
(or $SHOTS_DIR)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.portal.tests.conftest import (
    SECOND_OUTCOME,
    family,  # noqa: F401 - the fixture, used by name
)
from tests.browser.conftest import assert_accessible, axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))  # noqa: S108 - screenshots for people to look at
WIDTHS = (320, 1280)


def check_at_each_width(page, name: str) -> None:
    """Zero axe violations and no sideways scrolling at 320 px and 1280 px, with a screenshot of each."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        summary = [{"rule": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in violations]
        assert violations == [], f"{page.url} at {width}px:\n" + json.dumps(summary, indent=2)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px wide"
        page.screenshot(path=str(SHOTS / f"portal-{name}-{width}.png"), full_page=True)
        if width == 320:  # the first two screens, at a size that can be read
            page.screenshot(
                path=str(SHOTS / f"portal-{name}-{width}-top.png"), clip={"x": 0, "y": 0, "width": 320, "height": 1200}
            )
    assert_accessible(page)  # the project's own check (1024 px and 320 px, and the content security policy)


def test_the_parent_reads_their_childs_page_and_prepares_for_a_meeting(page, family, parent, pupil, school):  # noqa: F811
    school.sen_information_report_url = "https://oakfield.example/send-report"
    school.save()
    sign_in(page, "parent", PASSWORD)
    page.get_by_role("link", name="Your children").first.click()
    expect(page.get_by_role("heading", name="Your children")).to_be_visible()
    check_at_each_width(page, "your-children")

    page.get_by_role("link", name="See Maya Evans's plan, support and progress").click()
    expect(page.get_by_role("heading", name="Maya's support", exact=True)).to_be_visible()
    expect(page.get_by_text(SECOND_OUTCOME)).to_be_visible()
    expect(page.get_by_role("heading", name="Review on 18 November 2025")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("SEN information report"))).to_be_visible()
    check_at_each_width(page, "child")

    # The contents list works by keyboard.
    page.get_by_role("link", name="Who to contact").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#contact$"))

    page.get_by_role("link", name="Preparing for a meeting with the school").click()
    expect(page.get_by_role("heading", name="Preparing for a meeting with the school")).to_be_visible()
    expect(page.get_by_text("How can I help at home?")).to_be_visible()
    check_at_each_width(page, "preparing")


def test_a_parent_invited_from_the_pupils_page_reaches_the_portal(page, senco, pupil):
    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name="Add a parent or carer").click()
    page.get_by_label("First name").fill("Tomasz")
    page.get_by_label("Last name").fill("Evans")
    page.get_by_label("Relationship").fill("father")
    page.get_by_label("Email address").fill("tomasz@example.org")
    page.get_by_label("Has parental responsibility").check()
    page.get_by_label("Invite them to see their child's SEN record online").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Tomasz Evans (father)")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    link = re.search(r"http://\S+/invitation/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill("violet-harbour-kettle")
    page.get_by_label("New password confirmation").fill("violet-harbour-kettle")
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_text("Your password is set")).to_be_visible()
    username = re.search(r"[Uu]sername[^:]*:\s*(\S+)", mail.outbox[-1].body)
    sign_in(page, username.group(1).strip(".") if username else "tomasz.evans", "violet-harbour-kettle")
    page.get_by_role("link", name="Maya Evans").first.click()
    expect(page.get_by_role("heading", name="Maya's support", exact=True)).to_be_visible()
    check_at_each_width(page, "invited-parent-child")
