"""DS (Down syndrome), a census SEN type since January 2025, travels through every file we read and write."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from conftest import TODAY, make_pupil
from sendsupport.interop.services.ctf_import import import_ctf
from sendsupport.interop.services.exports import export_census
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.interop.tests.test_csv_import import csv_bytes, row
from sendsupport.interop.tests.test_csv_import import run as run_csv
from sendsupport.interop.tests.test_round_trip import move
from sendsupport.pupils.models import Pupil

pytestmark = pytest.mark.django_db


def test_a_ctf_with_ds_is_imported_without_a_problem(school):
    data = ctf_xml(
        pupil_xml(upn(1), sen=[("2025-01-10", "E")], needs=[("DS", "1", "2025-01-10", None), ("SLCN", "2", None, None)])
    )
    report = import_ctf(source=io.BytesIO(data), school=school, by=None, file_name="ds.xml", today=TODAY)
    assert report.ok and report.new_pupils == 1
    assert not [problem for problem in report.problems if "SENtype" in str(problem)]
    pupil = Pupil.objects.get(upn=upn(1))
    assert sorted(pupil.sen_needs.values_list("need_type", "rank")) == [("DS", 1), ("SLCN", 2)]


def test_ds_round_trips_through_a_ctf(school, receiving_school):
    maya = make_pupil(school, first="Maya", last="Evans", provision="E", needs=[("DS", 1), ("PD", 2)])
    before, after, xml = move(school, receiving_school, [maya.upn])
    assert before == after
    assert "<SENtype>DS</SENtype>" in xml.decode()


def test_a_csv_row_with_ds_is_imported(school):
    report = run_csv(csv_bytes(row(1, primary="DS", secondary="SLCN")), school)
    assert report.new_pupils == 1 and report.new_sen_entries == 1
    pupil = Pupil.objects.get(upn=upn(1))
    assert sorted(pupil.sen_needs.values_list("need_type", "rank")) == [("DS", 1), ("SLCN", 2)]


def test_the_spring_census_returns_ds_and_raises_no_problem(school):
    maya = make_pupil(school, provision="K", needs=[("DS", 1)])
    out = io.BytesIO()
    result = export_census(out=out, school=school, by=None, term="spring", year=2026)
    assert result.problems == []
    root = etree.fromstring(out.getvalue())
    needs = [
        (need.findtext("SENtype"), need.findtext("SENtypeRank"))
        for pupil in root.iter("Pupil")
        if pupil.findtext("UPN") == maya.upn
        for need in pupil.iter("SENneed")
    ]
    assert needs == [("DS", "1")]
