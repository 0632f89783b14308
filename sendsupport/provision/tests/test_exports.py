"""The map page, its CSV and Excel exports and each pupil's own costs (``selectors.pupil_costs``)
agree to the penny, and exports are audited and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sendsupport.audit.models import AuditEvent
from sendsupport.provision import selectors
from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream, Recurrence
from sendsupport.provision.models import (
    DeliveredSession,
    ExtraCost,
    Provision,
    ProvisionMember,
    SessionAttendance,
)
from sendsupport.schools.models import SchoolPolicy


class Rows(HTMLParser):
    """Every table row of a page as the text of its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def pence(text: str) -> int:
    """£1,234.56 or 1234.56 (or a Decimal) as pence."""
    return int((Decimal(str(text).split()[0].replace("£", "").replace(",", "")) * 100).to_integral_value())


@pytest.fixture
def one_to_one(school, intervention, teacher, pupil) -> Provision:
    """Maya's one-to-one support by the teacher, 2 hours a week, with a weekly outside cost: enough to
    put her over a lowered threshold."""
    support = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Maya's one-to-one",
        one_to_one=True,
        deliverer_role=DelivererRole.TEACHER,
        sessions_per_week=4,
        session_minutes=30,
        starts_on=date(2026, 9, 1),
        funding=FundingStream.IMF,
    )
    support.deliverers.add(teacher)
    ProvisionMember.objects.create(provision=support, pupil=pupil, joined_on=date(2026, 9, 1))
    ExtraCost.objects.create(
        provision=support,
        description="=cmd|' /C calc'!A0",
        amount_pence=1234,
        recurrence=Recurrence.WEEKLY,
        on_date=date(2026, 9, 1),
    )
    session = DeliveredSession.objects.create(provision=support, held_on=date(2026, 9, 2), minutes=30)
    SessionAttendance.objects.create(session=session, pupil=pupil, status=Attendance.PRESENT)
    return support


@pytest.fixture
def costed(school, provision, one_to_one, role_costs, delivered_session):
    SchoolPolicy.objects.create(school=school, element2_threshold_pence=100000)
    return [provision, one_to_one]


def test_it_agrees_to_the_penny_on_the_page_in_both_files_and_on_each_pupil(costed, senco, pupil, other_pupil, login):
    client = login(senco)
    page = Rows()
    page.feed(client.get(reverse("provision:map")).content.decode())
    page_rows = {
        row[0].split(" – ")[0]: row
        for row in page.rows
        if row and row[0] in {f"{p.name} – entry and exit measures" for p in costed}
    }
    pupil_rows = {row[0]: row for row in page.rows if row and row[0] in {pupil.display_name, other_pupil.display_name}}
    csv_rows = {
        row[0]: row for row in csv.reader(io.StringIO(client.get(reverse("provision:map_csv")).content.decode()))
    }
    book = load_workbook(io.BytesIO(client.get(reverse("provision:map_xlsx")).content))
    xlsx_rows = {row[0]: row for row in book["Provision map"].iter_rows(values_only=True)}
    xlsx_pupils = {row[0]: row for row in book["Cost per pupil"].iter_rows(values_only=True)}

    for child in (pupil, other_pupil):
        own = selectors.pupil_costs(child)
        for provision_id, cost in own.provisions.items():
            name = next(p.name for p in costed if p.pk == provision_id)
            expected = [cost.planned_to_date, cost.delivered_to_date, cost.projected_year]
            assert [pence(v) for v in page_rows[name][-3:]] == expected
            assert [pence(v) for v in csv_rows[name][-3:]] == expected
            assert [pence(v) for v in xlsx_rows[name][-3:]] == expected
        totals = [own.pupil_total(child.pk, a) for a in ("planned_year", "delivered_to_date", "projected_year")]
        assert [pence(v) for v in pupil_rows[child.display_name][2:5]] == totals
        assert [pence(v) for v in xlsx_pupils[child.display_name][2:5]] == totals
    maya_projected = selectors.pupil_costs(pupil).pupil_total(pupil.pk, "projected_year")
    assert maya_projected > 100000
    assert pupil_rows[pupil.display_name][5] == "Over"
    assert xlsx_pupils[pupil.display_name][5] == "Yes"


def test_it_gives_the_same_rows_in_the_same_order_to_staff_without_costs(costed, teacher, login):
    client = login(teacher)
    rows = list(csv.reader(io.StringIO(client.get(reverse("provision:map_csv")).content.decode())))
    assert rows[0][-1] == "Year groups"
    assert [row[0] for row in rows[1:]] == ["Maya's one-to-one", "Phonics group A"]
    assert rows[2][4:6] == ["30 minutes, 3 times a week", "Ta Person"]
    book = load_workbook(io.BytesIO(client.get(reverse("provision:map_xlsx")).content))
    assert book.sheetnames == ["Provision map"]


def test_it_follows_the_filters_and_audits_each_download(costed, senco, login):
    client = login(senco)
    before = AuditEvent.objects.filter(action="exported").count()
    rows = list(csv.reader(io.StringIO(client.get(reverse("provision:map_csv") + "?funding=imf").content.decode())))
    assert [row[0] for row in rows[1:]] == ["Maya's one-to-one"]
    client.get(reverse("provision:map_xlsx"))
    events = AuditEvent.objects.filter(action="exported").order_by("pk")
    assert events.count() == before + 2
    assert "CSV (1 provisions, with costs)" in events.reverse()[1].summary


def test_it_writes_a_name_a_spreadsheet_would_run_as_a_formula_as_text(costed, senco, login):
    Provision.objects.filter(name="Phonics group A").update(name='=HYPERLINK("http://x")')
    client = login(senco)
    rows = list(csv.reader(io.StringIO(client.get(reverse("provision:map_csv")).content.decode())))
    assert '\'=HYPERLINK("http://x")' in [row[0] for row in rows]
    book = load_workbook(io.BytesIO(client.get(reverse("provision:map_xlsx")).content))
    assert all(not str(row[0]).startswith("=") for row in book["Provision map"].iter_rows(values_only=True))
