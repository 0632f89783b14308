"""Importing a CTF: new pupils, updates by UPN, SEN history and ranked needs; versions 23-25; Sex and Gender."""

from __future__ import annotations

import io
from datetime import date

import pytest

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.interop.problems import ImportRejected
from sendsupport.interop.services.ctf_import import import_ctf
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus

pytestmark = pytest.mark.django_db


def run(data: bytes, school, by=None, **kwargs):
    return import_ctf(source=io.BytesIO(data), school=school, by=by, file_name="test.xml", today=TODAY, **kwargs)


@pytest.mark.parametrize("version", ["23.0", "24.0", "25.0", "24"])
@pytest.mark.parametrize("sex_element", ["Sex", "Gender"])
def test_it_reads_each_supported_version_with_sex_or_gender(version, sex_element, school, senco):
    data = ctf_xml(
        pupil_xml(
            upn(1),
            sex="M",
            sex_element=sex_element,
            sen=[("2023-09-01", "K"), ("2025-01-10", "E")],
            needs=[
                ("SLCN", "1", "2023-09-01", "2025-01-10"),
                ("ASD", "1", "2025-01-10", None),
                ("SEMH", "2", "2025-01-10", None),
            ],
        ),
        version=version,
    )
    report = run(data, school, by=senco)
    assert report.ok and report.new_pupils == 1
    pupil = Pupil.objects.get(upn=upn(1))
    assert (pupil.school, pupil.sex, pupil.year_group, pupil.legal_last_name) == (school, "M", "4", "Evans")
    assert list(pupil.sen_statuses.order_by("start_date").values_list("start_date", "provision")) == [
        (date(2023, 9, 1), "K"),
        (date(2025, 1, 10), "E"),
    ]
    assert sorted(pupil.sen_needs.values_list("need_type", "rank", "start_date", "end_date")) == [
        ("ASD", 1, date(2025, 1, 10), None),
        ("SEMH", 2, date(2025, 1, 10), None),
        ("SLCN", 1, date(2023, 9, 1), date(2025, 1, 10)),
    ]


def test_it_updates_an_existing_pupil_by_upn_and_adds_only_new_history(school, senco, class_4a):
    pupil = make_pupil(school, first="Maya", last="Evans", provision="K", needs=[("SLCN", 1)])
    data = ctf_xml(
        pupil_xml(
            pupil.upn,
            surname="Evans-Jones",
            sen=[("2024-09-01", "K"), ("2025-10-01", "E")],
            needs=[("SLCN", "1", "2024-09-01", "2025-10-01"), ("ASD", "1", "2025-10-01", None)],
        )
    )
    report = run(data, school, by=senco)
    assert (report.new_pupils, report.changed_pupils, report.new_sen_entries) == (0, 1, 1)
    pupil.refresh_from_db()
    assert pupil.legal_last_name == "Evans-Jones"
    assert list(pupil.sen_statuses.order_by("start_date").values_list("provision", flat=True)) == ["K", "E"]
    assert list(pupil.sen_needs.filter(end_date__isnull=True).values_list("need_type", flat=True)) == ["ASD"]
    assert pupil.sen_needs.get(need_type="SLCN").end_date == date(2025, 10, 1)
    kinds = {change.kind for change in report.changes}
    assert {"changed_field", "new_sen_entry", "new_need", "changed_need"} <= kinds
    changed = next(c for c in report.changes if c.kind == "changed_field")
    assert (changed.field, changed.before, changed.after) == ("Surname", "Evans", "Evans-Jones")


def test_importing_the_same_file_twice_changes_nothing_the_second_time(school, senco):
    data = ctf_xml(pupil_xml(upn(2), sen=[("2024-09-01", "K")], needs=[("MLD", "1", None, None)]))
    run(data, school, by=senco)
    second = run(data, school, by=senco)
    assert (second.new_pupils, second.changed_pupils, second.unchanged_pupils, second.change_count) == (0, 0, 1, 0)
    assert SENStatus.objects.count() == 1 and SENNeed.objects.count() == 1
    assert SENNeed.objects.get().start_date == date(2024, 9, 1)  # a need without a date starts with the provision


def test_it_recodes_a_statement_as_an_ehc_plan(school):
    data = ctf_xml(
        pupil_xml(
            upn(3), dob="2008-03-01", year="11", sen=[("2013-09-01", "S")], needs=[("ASD", "1", "2013-09-01", None)]
        )
    )
    report = run(data, school)
    assert SENStatus.objects.get().provision == "E"
    assert any("recoded as E" in warning for warning in report.warnings)


def test_it_works_out_the_year_group_when_the_file_does_not_say(school):
    run(ctf_xml(pupil_xml(upn(4), dob="2018-10-15", year=None)), school)
    assert Pupil.objects.get(upn=upn(4)).year_group == "2"


def test_a_dry_run_reports_the_changes_and_saves_nothing(school, senco):
    data = ctf_xml(pupil_xml(upn(5), sen=[("2024-09-01", "K")], needs=[("SPLD", "1", None, None)]))
    before = AuditEvent.objects.count()
    report = run(data, school, by=senco, dry_run=True)
    assert (report.new_pupils, report.new_sen_entries, report.new_needs) == (1, 1, 1)
    assert [c.kind for c in report.changes] == ["new_pupil", "new_sen_entry", "new_need"]
    assert not Pupil.objects.exists() and AuditEvent.objects.count() == before


def test_it_keeps_the_audit_trail_for_bulk_writes(school, senco):
    run(ctf_xml(pupil_xml(upn(6), sen=[("2024-09-01", "K")], needs=[("SPLD", "1", None, None)])), school, by=senco)
    pupil = Pupil.objects.get(upn=upn(6))
    assert pupil.history.get().history_user == senco
    assert SENStatus.history.get().history_user == senco
    event = AuditEvent.objects.get(pupil=pupil)
    assert (event.actor, event.action, event.school_id) == (senco, "created", school.pk)
    assert AuditEvent.objects.filter(object_type="import", school=school).count() == 1


def test_the_command_line_can_print_each_change_as_it_is_found(school):
    seen = []
    run(ctf_xml(pupil_xml(upn(7)), pupil_xml(upn(8), forename="Ben")), school, on_change=seen.append)
    assert [c.where for c in seen] == [f"Pupil {upn(7)} (Maya Evans)", f"Pupil {upn(8)} (Ben Evans)"]


def test_a_file_for_another_school_is_imported_with_a_warning(school):
    report = run(ctf_xml(pupil_xml(upn(9)), dest_lea="330", dest_estab="2100"), school)
    assert report.ok and any("addressed to" in warning for warning in report.warnings)


def test_it_rejects_a_pupil_already_on_roll_at_another_school_here(school, other_school):
    elsewhere = make_pupil(other_school, first="Ben", last="Ward")
    with pytest.raises(ImportRejected) as caught:
        run(ctf_xml(pupil_xml(upn(10)), pupil_xml(elsewhere.upn, forename="Ben", surname="Ward")), school)
    [problem] = caught.value.report.problems
    assert problem.where == f"Pupil {elsewhere.upn} (Ben Ward)" and problem.rule == "upn_elsewhere"
    assert problem.message.startswith("Already on roll at Elm Tree Primary School in this system; that school must")
    assert not Pupil.objects.filter(upn=upn(10)).exists()
    elsewhere.refresh_from_db()
    assert elsewhere.school == other_school
