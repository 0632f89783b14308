"""The graduated approach in a real browser, from a teacher's concern to a second cycle and both PDFs.

axe-core (WCAG 2.2 A and AA) runs on every page the journey visits, at 1024 and 320 px wide.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import PASSWORD, make_pupil
from sendsupport.pupils.models import Contact, PupilContact

# serialized_rollback keeps the outcome bank the migrations seeded for the tests that run after this one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def sign_in_as(page, username: str) -> None:
    from tests.browser.conftest import sign_in

    sign_in(page, username, PASSWORD)


def visit(page, url: str) -> None:
    from tests.browser.conftest import assert_accessible

    page.goto(url)
    assert_accessible(page)


def click(page, role: str, name: str, *, exact: bool = False) -> None:
    """Follow a link or press a button, then check the page it leads to."""
    from tests.browser.conftest import assert_accessible

    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=exact).first.click()
    assert_accessible(page)


def pdf_text(download) -> str:
    with open(download.path(), "rb") as file:
        data = file.read()
    assert data.startswith(b"%PDF")
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_a_pupil_goes_from_a_concern_to_a_second_cycle(page, senco, teacher, ta, school, class_4a):
    from tests.browser.conftest import assert_accessible

    today = timezone.localdate()
    review_date = today + timedelta(weeks=10)
    zain = make_pupil(school, first="Zain", last="Ahmed", registration_group=class_4a, serial=998)
    contact = Contact.objects.create(school=school, first_name="Omar", last_name="Ahmed", email="omar@example.org")
    PupilContact.objects.create(pupil=zain, contact=contact, relationship="father", parental_responsibility=True)

    # 1. The class teacher raises a concern.
    sign_in_as(page, "teacher")
    visit(page, f"/pupils/{zain.pk}/")
    click(page, "link", "See the SEN support timeline")
    expect(page.get_by_role("heading", name="SEN support", exact=True)).to_be_visible()
    click(page, "link", "Raise a concern")
    page.get_by_label("What have you noticed?").fill("Zain mixes up b and d and avoids reading aloud.")
    page.get_by_label("Since when?").fill((today - timedelta(days=40)).isoformat())
    page.get_by_label("What have you tried already?").fill("Phonics mat on the desk; reading with a partner.")
    click(page, "button", "Raise the concern")
    expect(page.get_by_text("Zain mixes up b and d")).to_be_visible()
    sign_out(page)

    # 2. The SENCO starts a cycle, assesses, and starts SEN support.
    sign_in_as(page, "senco")
    visit(page, f"/pupils/{zain.pk}/support/")
    click(page, "link", "Start a cycle")
    expect(page.get_by_label("Class teacher")).to_have_value(str(teacher.pk))
    click(page, "button", "Start the cycle")
    expect(page.get_by_role("heading", name="SEN support cycle 1")).to_be_visible()
    click(page, "link", "Record the assessment")
    page.get_by_label("Teacher assessment").fill("Reverses letters; reading is slow and effortful.")
    page.get_by_label("Attainment and rate of progress").fill("Reading well below age-related expectations.")
    page.locator("#id_scores-0-what").fill("Reading (NGRT)")
    page.locator("#id_scores-0-score").fill("76")
    page.locator("#id_scores-0-compared_with_expected").select_option("well_below")
    page.get_by_label("The pupil's views", exact=True).fill("Reading makes my head hurt.")
    page.get_by_label("The parent's views", exact=True).fill("We have noticed this at home too.")
    page.get_by_label("Start SEN support").check()
    page.get_by_label("Date of the decision").fill(today.isoformat())
    click(page, "button", "Save the assessment")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the primary area of need")
    page.get_by_label("Primary area of need (census type)").select_option("SPLD")
    click(page, "button", "Save the assessment")
    expect(page.get_by_text("the pupil is now on SEN support")).to_be_visible()

    # 3. The parents are told: the letter is emailed from its page.
    click(page, "link", "See the letter to parents")
    expect(page.get_by_text("Extra help for Zain at school")).to_be_visible()
    click(page, "button", "Email the letter to the parents")
    expect(page.get_by_text("emailed to Omar Ahmed")).to_be_visible()
    assert mail.outbox[-1].to == ["omar@example.org"]

    # 4. The plan: an outcome with SMART warnings (advice, not a gate), then fixed, then agreed.
    click(page, "link", "Write the plan")
    page.get_by_label("Review date").fill(review_date.isoformat())
    page.get_by_label("Strategies for class teachers").fill("Use a reading ruler; give extra time to read questions.")
    page.get_by_label("Support and interventions").fill("Precision teaching with the TA, 10 minutes daily.")
    click(page, "button", "Save as a draft")
    click(page, "link", "Add an outcome")
    page.get_by_label("Area of need").select_option("cognition")
    page.get_by_label("The outcome").fill("Improve reading.")
    page.get_by_label("Target").fill("Be better at reading.")
    page.get_by_label("Member of staff responsible").select_option(str(teacher.pk))
    click(page, "button", "Add the outcome")
    expect(page.get_by_text("Not SMART yet:")).to_be_visible()
    click(page, "link", "Agree the plan")
    expect(page.get_by_text("you can still agree the plan")).to_be_visible()
    click(page, "link", "go back and change the outcomes")
    click(page, "link", "Change outcome 1")
    expect(page.get_by_text("Not SMART yet:")).to_be_visible()
    page.get_by_label("The outcome").fill("Read the first 100 high-frequency words on sight.")
    page.get_by_label("Baseline").fill("Reads 35 of the first 100 words.")
    page.get_by_label("Target").fill("Reads 80 of the first 100 words.")
    page.get_by_label("How it will be measured").fill("A word-card check every 3 weeks.")
    click(page, "button", "Save")
    expect(page.get_by_text("Not SMART yet:")).to_have_count(0)
    click(page, "link", "Agree the plan")
    page.get_by_label("Date the plan was agreed").fill(today.isoformat())
    page.get_by_label("Date the parent agreed").fill(today.isoformat())
    page.get_by_label("Date the pupil agreed").fill(today.isoformat())
    click(page, "button", "Agree the plan")
    expect(page.get_by_text("The plan is agreed.")).to_be_visible()
    plan_url = page.url
    sign_out(page)

    # 5. Do: the teaching assistant adds a note against the outcome.
    sign_in_as(page, "ta")
    visit(page, plan_url)
    click(page, "link", "Add a note to outcome 1")
    page.get_by_label("Note").fill("Read 52 of the 100 words today.")
    page.get_by_label("Latest measure").fill("52 of 100")
    click(page, "button", "Add the note")
    expect(page.get_by_text("Read 52 of the 100 words today.")).to_be_visible()
    sign_out(page)

    # 6. Review, which closes the cycle; then the second cycle starts from it.
    sign_in_as(page, "senco")
    visit(page, plan_url)
    click(page, "link", "Record the review")
    expect(page.get_by_label("Latest measure for outcome 1")).to_have_value("52 of 100")
    page.get_by_label("Partly met").check()
    page.get_by_label("Evidence for outcome 1").fill("Word-card checks every 3 weeks.")
    page.get_by_label("Who attended").fill("SENCO, class teacher, father, Zain")
    page.get_by_role("radio", name="No", exact=True).check()
    page.get_by_label("The pupil's views", exact=True).fill("I can read more words now.")
    page.get_by_label("The parent's views", exact=True).fill("Reading at home is calmer.")
    page.get_by_label("Continue SEN support with a revised plan").check()
    click(page, "button", "Save the review and close the cycle")
    expect(page.get_by_text("cycle 1 is closed")).to_be_visible()
    click(page, "link", "See the review")
    click(page, "link", "See the plan that was reviewed")

    # 7. Both PDFs of the plan.
    with page.expect_download() as staff_download:
        page.get_by_role("link", name="Download the staff record (PDF)").click()
    staff_text = pdf_text(staff_download.value)
    assert "SEN support plan: Zain Ahmed" in staff_text and "Read 52 of the 100 words today." in staff_text
    with page.expect_download() as parent_download:
        page.get_by_role("link", name="Download the parents' version (PDF)").click()
    parent_text = pdf_text(parent_download.value)
    assert "What we want Zain to achieve" in parent_text and zain.upn not in parent_text
    click(page, "link", "See the parents' version")

    visit(page, f"/pupils/{zain.pk}/support/cycles/1/")
    click(page, "link", "Start cycle 2")
    click(page, "button", "Start the cycle")
    click(page, "link", "Record the assessment")
    expect(page.get_by_text("Some answers start from the review of cycle 1")).to_be_visible()
    expect(page.get_by_label("The pupil's views", exact=True)).to_have_value("I can read more words now.")
    expect(page.get_by_label("Continue SEN support")).to_be_checked()
    page.get_by_label("Attainment and rate of progress").fill("Closing the gap slowly.")
    click(page, "button", "Save the assessment")
    click(page, "link", "Write the plan")
    expect(page.get_by_text("Read the first 100 high-frequency words on sight. (partly met)")).to_be_visible()
    expect(page.get_by_label("Strategies for class teachers")).to_have_value(re.compile("reading ruler"))
    click(page, "button", "Save as a draft")
    expect(page.get_by_text("Carried on from the last plan")).to_be_visible()
    visit(page, f"/pupils/{zain.pk}/support/")
    expect(page.get_by_role("heading", name=re.compile("Cycle 2:"))).to_be_visible()
    assert_accessible(page)


def test_a_parent_sees_the_plan_and_review_in_plain_english(page, parent, pupil, senco, teacher):
    from sendsupport.support.tests import helpers
    from tests.browser.conftest import assert_accessible

    helpers.reviewed_cycle(pupil, senco, teacher)
    sign_in_as(page, "parent")
    visit(page, f"/pupils/{pupil.pk}/")
    click(page, "link", "See Maya Evans's plan")
    expect(page.get_by_role("heading", name="What we want Maya to achieve")).to_be_visible()
    visit(page, f"/pupils/{pupil.pk}/support/")
    with page.expect_navigation():
        # Parents read "support plan from <date>", not our "cycle 1".
        page.get_by_role("link", name=re.compile(r"^Review\W+support plan from")).click()
    assert_accessible(page)
    expect(page.get_by_text("Partly met")).to_be_visible()
