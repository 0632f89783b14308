"""Any Unicode in a spreadsheet's cells gives problems to read, never a server error (issue 12, item 11).

"²" in the year column used to raise ``ValueError``: ``str.isdigit()`` accepts superscript digits.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sendsupport.interop.csv_plan import parse_year_group
from sendsupport.interop.models import ImportRun
from sendsupport.interop.tests.conftest import upload
from sendsupport.interop.tests.samples import upn

pytestmark = pytest.mark.django_db
PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)


def sheet(year: str, surname: str = "Evans", dob: str = "2016-03-01") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["UPN", "Surname", "Forename", "DOB", "Sex", "Year"])
    writer.writerow([upn(2), surname, "Maya", dob, "F", year])
    return out.getvalue().encode("utf-8")


def import_through_the_pages(client, data: bytes):
    response = client.post(reverse("interop:csv_upload"), {"file": upload("pupils.csv", data)})
    assert response.status_code < 500
    run = ImportRun.objects.order_by("-pk").first()
    if run is None or run.status != ImportRun.Status.UPLOADED:
        return response
    columns = {"upn": "UPN", "surname": "Surname", "forename": "Forename", "dob": "DOB", "sex": "Sex", "year": "Year"}
    form = client.get(reverse("interop:csv_columns", args=[run.pk]))
    assert form.status_code < 500
    data = {name: value for name, value in form.context["form"].initial.items() if value} or columns
    return client.post(reverse("interop:csv_columns", args=[run.pk]), data, follow=True)


@pytest.mark.parametrize(("text", "expected"), [("4", "4"), ("Year 04", "4"), ("²", None), ("٤", None), ("R", "R")])
def test_the_year_column_reads_only_ascii_digits(text, expected):
    assert parse_year_group(text) == expected


def test_a_superscript_year_is_a_problem_not_a_crash(senco, login):
    response = import_through_the_pages(login(senco), sheet("²"))
    assert response.status_code == 200


@PROPERTY
@given(year=cell, surname=cell, dob=cell)
@example(year="²", surname="Evans", dob="2016-03-01")
@example(year="٣", surname="\x00", dob="２０１６-03-01")
def test_any_text_in_the_cells_never_gives_a_server_error(year, surname, dob, senco, client):
    client.force_login(senco)
    response = import_through_the_pages(client, sheet(year, surname, dob))
    assert response.status_code < 500
