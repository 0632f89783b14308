"""Import and export in a real browser: the SENCO uploads a CTF, checks the preview and confirms; axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.pupils.models import Pupil
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_senco_imports_a_ctf_through_preview_and_confirm(page, senco, pupil, tmp_path):
    good = tmp_path / "joiners.xml"
    good.write_bytes(
        ctf_xml(
            pupil_xml(
                upn(1), forename="Zain", surname="Ahmed", sen=[("2024-09-02", "K")], needs=[("SPLD", "1", None, None)]
            ),
            pupil_xml(
                pupil.upn,
                forename="Maya",
                surname="Evans-Jones",
                sen=[("2024-09-01", "K")],
                needs=[("SLCN", "1", None, None), ("SEMH", "2", None, None)],
            ),
        )
    )
    # A wrong UPN check letter rejects the whole file (a bad SEN code would only be listed to fix).
    wrong = ("B" if upn(2).startswith("A") else "A") + upn(2)[1:]
    bad = tmp_path / "broken.xml"
    bad.write_bytes(ctf_xml(pupil_xml(wrong, sen=[("2024-09-02", "K")], needs=[("SLCN", "1", None, None)])))

    sign_in(page, "senco", PASSWORD)
    page.goto("/import-export/")
    expect(page.get_by_role("heading", name="Import and export", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Import a Common Transfer File (CTF)").click()
    expect(page.get_by_role("heading", name="Import a Common Transfer File")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a file to upload")
    assert_accessible(page)

    page.get_by_label("Common Transfer File").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="This file was not imported")).to_be_visible()
    expect(page.get_by_role("region", name="Problems")).to_contain_text("check letter is wrong")
    assert_accessible(page)

    page.goto("/import-export/ctf/")
    page.get_by_label("Common Transfer File").set_input_files(str(good))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="Check what will change")).to_be_visible()
    changes = page.get_by_role("region", name="Changes")
    expect(changes).to_contain_text("New pupil")
    expect(changes).to_contain_text("Surname")
    expect(changes).to_contain_text("Evans-Jones")
    assert_accessible(page)
    assert not Pupil.objects.filter(upn=upn(1)).exists()

    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_role("heading", name="File imported")).to_be_visible()
    assert_accessible(page)
    assert Pupil.objects.get(upn=upn(1)).sen_needs.get().need_type == "SPLD"

    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("region", name="Imports")).to_contain_text("joiners.xml")


def test_the_census_csv_and_transfer_pages_pass_axe(page, senco, pupil):
    sign_in(page, "senco", PASSWORD)
    page.goto("/import-export/census/")
    assert_accessible(page)
    page.get_by_label("Spring").check()
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Check the return").click()
    expect(page.get_by_text("No problems: the return meets the census SEN rules.")).to_be_visible()
    assert_accessible(page)
    page.goto("/import-export/census/settings/")
    assert_accessible(page)
    page.goto("/import-export/csv/")
    assert_accessible(page)
    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name="Send a Common Transfer File").click()
    expect(page.get_by_role("heading", name="Send a Common Transfer File")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Download the file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("local authority number")
    assert_accessible(page)


def test_the_csv_column_matching_page_passes_axe(page, senco, tmp_path):
    data = tmp_path / "sims.csv"
    data.write_bytes(b"UPN,Surname,Forename,DOB,Sex,Year\r\n" + f"{upn(3)},Ward,Ben,2016-05-04,M,4\r\n".encode())
    sign_in(page, "senco", PASSWORD)
    page.goto("/import-export/csv/")
    page.get_by_label("Spreadsheet (CSV)").set_input_files(str(data))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="Match the columns")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("heading", name="Check what will change")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_role("heading", name="File imported")).to_be_visible()
    assert Pupil.objects.filter(upn=upn(3)).exists()
