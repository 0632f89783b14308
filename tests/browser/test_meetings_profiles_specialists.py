"""Meetings with parents, the pupil passport and specialists in a real browser; axe on every page visited."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def open_pupil(page, pupil) -> None:
    page.goto(f"/pupils/{pupil.pk}/")
    expect(page.get_by_role("heading", name=pupil.display_name, exact=True)).to_be_visible()
    assert_accessible(page)


def test_it_records_a_meeting_and_the_parent_reads_the_copy(page, senco, parent, pupil):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    sign_in(page, "senco", PASSWORD)
    open_pupil(page, pupil)
    page.get_by_role("link", name=re.compile("^See meetings with parents")).click()
    expect(page.get_by_role("heading", name="Meetings with parents")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a meeting", exact=True).click()
    assert_accessible(page)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page.get_by_label("Date of the meeting").fill(tomorrow)
    page.get_by_label("Review meeting").check()
    page.get_by_label("Parent Parent").check()
    page.get_by_label("What was discussed").fill("How Maya is getting on with her talking targets.")
    page.get_by_label("What was agreed").fill("Two short language sessions a week with the TA.")
    page.get_by_role("button", name="Save the record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("record a meeting once it has been held")
    assert_accessible(page)

    page.get_by_label("Date of the meeting").fill(yesterday)
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_role("heading", name=re.compile("^Review meeting on"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Preview the parents' copy").click()
    expect(page.get_by_text("This is a preview.")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("button", name="Share with the parents").click()
    expect(page.get_by_text("The record has been shared.")).to_be_visible()
    expect(page.get_by_role("link", name="Add a correction")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "parent", PASSWORD)
    open_pupil(page, pupil)
    page.get_by_role("link", name=re.compile("^See meetings with parents")).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Review meeting on")).click()
    expect(page.get_by_role("heading", name="Our meeting about Maya Evans")).to_be_visible()
    expect(page.get_by_text("Two short language sessions a week with the TA.")).to_be_visible()
    expect(page.get_by_text("This is a preview.")).to_have_count(0)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this record (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_the_senco_writes_the_passport_and_the_teacher_reads_it(page, senco, teacher, parent, pupil):
    sign_in(page, "senco", PASSWORD)
    open_pupil(page, pupil)
    page.get_by_role("link", name="Go to Maya Evans's passport").click()
    expect(page.get_by_text("No passport has been written for Maya Evans yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Write the passport").click()
    assert_accessible(page)
    page.get_by_label("What people like and admire about me").fill("Kind, funny, brilliant with animals.")
    page.get_by_label("What is important to me").fill("My cat Biscuit and knowing what comes next.")
    page.get_by_label("How best to support me").fill("Give me time to answer.")
    page.get_by_role("button", name="Save the passport").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write the section “Strategies that work”.")
    assert_accessible(page)
    page.get_by_label("Strategies that work").fill("Visual timetable; pre-teach new words.")
    page.get_by_label("How the pupil's views were gathered").fill("Talked with Maya using picture cards.")
    page.get_by_role("button", name="Save the passport").click()
    expect(page.get_by_role("heading", name="Maya Evans's passport")).to_be_visible()
    still = page.locator("h2:has-text('Who still needs to read version 1') + ul")
    expect(still).to_contain_text("Teacher Person")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "teacher", PASSWORD)
    open_pupil(page, pupil)
    expect(page.get_by_text("You have not read this version yet")).to_be_visible()
    page.get_by_role("link", name="Read Maya Evans's passport").click()
    assert_accessible(page)
    page.get_by_role("button", name="I have read this passport").click()
    expect(page.get_by_role("heading", name="You have read this version")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See every version of the passport").click()
    expect(page.get_by_role("link", name="Version 1")).to_be_visible()
    assert_accessible(page)
    page.goto("/passports/to-read/")
    expect(page.get_by_text("You have read every passport of the pupils you work with.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/passport/")
    expect(
        page.get_by_text(
            "Nobody: every teacher and teaching assistant who works with Maya Evans has read this version."
        )
    ).to_be_visible()
    assert_accessible(page)


def test_the_senco_records_a_referral_with_consent_and_uploads_advice(page, senco, pupil, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    sign_in(page, "senco", PASSWORD)
    open_pupil(page, pupil)
    page.get_by_role("link", name=re.compile("^Record a referral")).click()
    assert_accessible(page)
    page.get_by_label("Educational psychologist").check()
    page.get_by_label("Name of the professional").fill("Dr Amir Khan")
    page.get_by_label("Date of referral").fill((today - timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Save the referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("only be recorded with the parents' consent")
    assert_accessible(page)

    page.get_by_label("The parents have given their consent to this referral").check()
    page.get_by_label("Date the parents gave consent").fill((today - timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Save the referral").click()
    expect(page.get_by_role("heading", name="Educational psychologist")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record the advice").click()
    assert_accessible(page)
    page.get_by_label("Date the advice was received").fill((today - timedelta(days=30)).isoformat())
    page.get_by_label("Advice document").set_input_files(
        files=[{"name": "EP report.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Save the advice").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("cannot be dated before the referral")
    assert_accessible(page)
    page.get_by_label("Date the advice was received").fill(today.isoformat())
    page.get_by_label("Summary of the advice").fill("Use visual supports and check understanding.")
    page.get_by_label("Advice document").set_input_files(
        files=[{"name": "EP report.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Save the advice").click()
    expect(page.get_by_text("The advice has been recorded.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “EP report.pdf”").click()
    assert download.value.suggested_filename == "EP report.pdf"
    assert_accessible(page)
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("heading", name="Specialists involved")).to_be_visible()
    assert_accessible(page)
