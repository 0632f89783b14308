"""The report for governors and the inspection trail in a real browser: the governor reaches the report
from the home page by links, sees figures and no name, with axe at 1024 and 320 px; the SENCO downloads
a pupil's inspection trail from the pupil page and it holds the cycles."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import PASSWORD
from sendsupport.provision.models import FundingAllocation
from sendsupport.staff.governors import this_year
from sendsupport.support.tests import helpers
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_governor_reads_the_report_from_the_home_page(page, governor, senco, teacher, pupil, other_pupil, school):
    helpers.reviewed_cycle(pupil, senco, teacher)
    FundingAllocation.objects.create(
        school=school, start_year=this_year(), notional_sen_pence=4_500_000, imf_pence=1_200_000
    )
    sign_in(page, "governor", PASSWORD)
    page.get_by_role("link", name="Read the report for governors").click()
    expect(page.get_by_role("heading", name=re.compile("^Report for governors"))).to_be_visible()
    expect(page.get_by_role("heading", name="Provision and spending")).to_be_visible()
    expect(page.get_by_text("£45,000.00")).to_be_visible()
    expect(page.get_by_role("heading", name="Meetings and reviews held on time")).to_be_visible()
    body = page.locator("main").inner_text()
    for secret in (pupil.legal_first_name, pupil.legal_last_name, other_pupil.legal_last_name, pupil.upn):
        assert secret not in body
    assert "withheld" in body
    assert_accessible(page)
    # An earlier year, by its link.
    page.get_by_role("link", name=re.compile(r"^2025 to 2026")).click()
    expect(page.get_by_role("heading", name="Report for governors: 2025 to 2026")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this report (PDF)").click()
    assert download.value.suggested_filename == "report-for-governors-2025-2026.pdf"


def test_the_senco_downloads_a_pupils_inspection_trail(page, senco, teacher, pupil, tmp_path: Path):
    helpers.reviewed_cycle(pupil, senco, teacher)
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19))
    helpers.assess(second, senco, decided_on=date(2025, 11, 19))
    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{pupil.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Inspection trail (PDF)").click()
    assert download.value.suggested_filename.endswith("-inspection-trail-" + date.today().isoformat() + ".pdf")
    saved = tmp_path / "trail.pdf"
    download.value.save_as(saved)
    text = "\n".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "Cycle 1: 8 September 2025 to 18 November 2025" in text
    assert "Cycle 2: 19 November 2025 to now (open)" in text
    assert "Partly met" in text
