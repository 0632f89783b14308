"""The SENCO takes a pupil from the to-do prompt to a sent request for an EHC needs assessment: the
evidence pack, the covering summary and the parents' involvement, the PDF and JSON downloads, then
sending. axe-core (WCAG 2.2 A and AA) on the pack page at 1024 and 320 px wide."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.statutory.models import EHCRequest
from sendsupport.statutory.tests import evidence_records
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_senco_prepares_the_pack_and_sends_the_request(page, senco, teacher, ta, pupil):
    evidence_records.whole_record(pupil, senco, teacher, ta)
    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name="To-do", exact=True).click()
    page.get_by_role("link", name="Consider an EHC needs assessment", exact=True).click()
    page.get_by_role("link", name=re.compile("consider requesting an EHC needs assessment")).click()

    expect(page.get_by_role("heading", name="Evidence for an EHC needs assessment")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Northshire Speech and Language Therapy")
    assert_accessible(page)

    # A date without saying how the parents were involved is refused, naming the field.
    page.get_by_label("Covering summary").fill("Two cycles of SEN support with therapy advice; progress is slow.")
    page.get_by_label("Date the parents were involved").fill("2025-11-14")
    page.get_by_role("button", name="Save the evidence pack").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("How the parents were involved")
    assert_accessible(page)
    page.get_by_label("How the parents were involved").fill("Met the SENCO and agreed the request.")
    page.get_by_role("button", name="Save the evidence pack").click()
    expect(page.get_by_text("The evidence pack has been saved.")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download the evidence pack (PDF)").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as data:
        page.get_by_role("link", name="Download the evidence pack as data (JSON)").click()
    document = json.loads(Path(data.value.path()).read_text())
    assert document["school_part"]["parents_involvement"] == "Met the SENCO and agreed the request."

    page.get_by_role("link", name="Send the request").click()
    assert_accessible(page)
    page.get_by_label("Date the request is sent").fill(date.today().isoformat())
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("The request has been sent.")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text("It can no longer be changed")
    assert_accessible(page)
    assert EHCRequest.objects.get(pupil=pupil).requested_by == "school"
