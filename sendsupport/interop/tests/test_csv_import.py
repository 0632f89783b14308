"""Importing pupils, parents and SEN data from a spreadsheet: columns, encodings, rows, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.interop.csv_reader import CSVProblem, decode, guess_columns, read_table
from sendsupport.interop.problems import ImportRejected
from sendsupport.interop.selectors import saved_csv_columns
from sendsupport.interop.services.csv_import import import_csv
from sendsupport.interop.services.runs import save_csv_columns
from sendsupport.interop.tests.samples import upn
from sendsupport.pupils.models import Contact, Pupil, PupilContact, SENNeed, SENStatus

pytestmark = pytest.mark.django_db

HEADER = "UPN,Surname,Forename,DOB,Gender,Year,Reg Group,SEN Status,SEN Start Date,Primary Need,Secondary Need,Contact 1 Forename,Contact 1 Surname,Contact 1 Relationship,Contact 1 Email"


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def row(serial: int, **values: str) -> str:
    cells = {
        "upn": upn(serial),
        "surname": "Evans",
        "forename": "Maya",
        "dob": "01/03/2016",
        "sex": "Female",
        "year": "Year 4",
        "group": "4A",
        "sen": "K",
        "start": "01/09/2025",
        "primary": "SLCN",
        "secondary": "",
        "c_first": "Priya",
        "c_last": "Evans",
        "c_rel": "mother",
        "c_email": "priya@example.org",
    }
    cells.update(values)
    return ",".join(cells.values())


def columns(data: bytes, school) -> dict[str, str]:
    headers, _ = read_table(data)
    return guess_columns(headers, saved_csv_columns(school))


def run(data: bytes, school, **kwargs):
    return import_csv(data=data, school=school, by=None, columns=columns(data, school), today=TODAY, **kwargs)


def test_it_guesses_columns_from_usual_mis_headings(school):
    mapping = columns(csv_bytes(), school)
    assert mapping["upn"] == "UPN" and mapping["legal_last_name"] == "Surname"
    assert mapping["date_of_birth"] == "DOB" and mapping["sex"] == "Gender" and mapping["year_group"] == "Year"
    assert mapping["sen_provision"] == "SEN Status" and mapping["primary_need"] == "Primary Need"
    assert mapping["contact1_first_name"] == "Contact 1 Forename" and mapping["contact1_email"] == "Contact 1 Email"


def test_the_column_mapping_is_remembered_per_school(school, other_school):
    save_csv_columns(school=school, by=None, columns={"upn": "Pupil ref", "legal_last_name": "Family", "sex": ""})
    headers = ["Pupil ref", "Family", "Gender", "UPN"]
    assert guess_columns(headers, saved_csv_columns(school)) == {"upn": "Pupil ref", "legal_last_name": "Family"}
    assert guess_columns(headers, saved_csv_columns(other_school))["upn"] == "UPN"


def test_it_imports_new_pupils_with_sen_and_parents(school, class_4a):
    report = run(
        csv_bytes(row(1), row(2, forename="Ben", sen="E", primary="ASD", secondary="SEMH", group="5C")), school
    )
    assert (report.new_pupils, report.new_sen_entries, report.new_contacts) == (2, 2, 2)
    maya = Pupil.objects.get(upn=upn(1))
    assert (maya.legal_first_name, maya.date_of_birth, maya.sex, maya.year_group) == (
        "Maya",
        date(2016, 3, 1),
        "F",
        "4",
    )
    assert maya.registration_group == class_4a
    assert list(maya.sen_statuses.values_list("provision", "start_date")) == [("K", date(2025, 9, 1))]
    ben = Pupil.objects.get(upn=upn(2))
    assert ben.registration_group.name == "5C"
    assert sorted(ben.sen_needs.values_list("need_type", "rank")) == [("ASD", 1), ("SEMH", 2)]
    link = PupilContact.objects.get(pupil=maya)
    assert (link.contact.email, link.relationship, link.parental_responsibility) == (
        "priya@example.org",
        "mother",
        True,
    )
    # Writes go through the pupil services, so each change reaches the audit log with its before and after.
    assert AuditEvent.objects.filter(pupil=maya, action="created").count() >= 3


def test_it_updates_existing_pupils_and_changes_sen_status(school):
    pupil = make_pupil(school, first="Maya", last="Evans", provision="K", needs=[("SLCN", 1)])
    data = csv_bytes(
        f"{pupil.upn},Evans-Jones,,,,,,E,2025-10-01,ASD,,Priya,Evans,mother,new@example.org",
    )
    report = run(data, school)
    assert (report.new_pupils, report.changed_pupils) == (0, 1)
    pupil.refresh_from_db()
    assert pupil.legal_last_name == "Evans-Jones" and pupil.legal_first_name == "Maya"
    assert list(pupil.sen_statuses.order_by("start_date").values_list("provision", flat=True)) == ["K", "E"]
    assert list(SENNeed.objects.filter(pupil=pupil, end_date__isnull=True).values_list("need_type", flat=True)) == [
        "ASD"
    ]
    run(csv_bytes(f"{pupil.upn},,,,,,,,,,,Priya,Evans,aunt,"), school)
    link = PupilContact.objects.get(pupil=pupil)
    assert (link.relationship, link.contact.email) == ("aunt", "new@example.org")
    assert Contact.objects.count() == 1


def test_an_unchanged_row_changes_nothing(school):
    run(csv_bytes(row(3)), school)
    again = run(csv_bytes(row(3)), school)
    assert (again.new_pupils, again.changed_pupils, again.unchanged_pupils, again.change_count) == (0, 0, 1, 0)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_it_reads_utf8_with_or_without_bom_and_windows_1252(encoding, school):
    run(csv_bytes(row(4, forename="Zoë", surname="O’Brien", c_first="Renée"), encoding=encoding), school)
    pupil = Pupil.objects.get(upn=upn(4))
    assert (pupil.legal_first_name, pupil.legal_last_name) == ("Zoë", "O’Brien")


def test_a_file_that_mixes_encodings_is_refused_naming_the_row(school):
    data = csv_bytes(row(5, forename="Zoë")) + row(6, forename="Renée").encode("cp1252") + b"\r\n"
    with pytest.raises(CSVProblem) as caught:
        decode(data)
    assert caught.value.row == 3 and caught.value.rule == "encoding_mixed"
    assert "row 2 is UTF-8 but row 3 is Windows-1252" in str(caught.value)
    with pytest.raises(ImportRejected) as rejected:
        import_csv(data=data, school=school, by=None, columns={"upn": "UPN"}, today=TODAY)
    assert rejected.value.report.problems[0].where == "Row 3"
    assert not Pupil.objects.exists()


@pytest.mark.parametrize(
    ("values", "column", "rule"),
    [
        ({"upn": "A801300018099"}, "UPN", "upn_valid"),
        ({"dob": "31/02/2016"}, "Date of birth", "date_valid"),
        ({"dob": "next week"}, "Date of birth", "date_valid"),
        ({"sex": "X"}, "Sex", "sex_valid"),
        ({"year": "Year 15"}, "Year group", "year_group_valid"),
        ({"primary": "XYZ"}, "Primary need", "need_type_valid"),
        ({"primary": ""}, "Primary need", "need_required"),
        ({"sen": "A"}, "SEN provision (N, K or E)", "provision_current"),
        ({"sen": "Q"}, "SEN provision (N, K or E)", "provision_valid"),
        ({"sen": "E", "primary": "NSA"}, "Primary need", "nsa_only_with_k"),
        ({"sen": "N", "primary": "MLD"}, "Primary need", "no_needs_with_n"),
        ({"primary": "MLD", "secondary": "MLD"}, "Secondary need", "types_distinct"),
        ({"start": ""}, "SEN provision start date", "sen_start_required"),
        ({"start": "2030-01-01"}, "SEN provision start date", "date_not_future"),
        ({"c_email": "not an email"}, "Parent or carer 1: email address", "email_valid"),
        ({"surname": ""}, "Legal surname", "value_missing"),
    ],
)
def test_each_bad_row_is_named_by_row_column_and_rule(values, column, rule, school):
    data = csv_bytes(row(7), row(8, **values))
    with pytest.raises(ImportRejected) as caught:
        run(data, school)
    problems = caught.value.report.problems
    assert [(p.where.split(" (")[0], p.element, p.rule) for p in problems] == [("Row 3", column, rule)]
    assert not Pupil.objects.exists()


def test_a_new_pupil_needs_columns_the_file_does_not_have(school):
    data = csv_bytes(f"{upn(9)},Evans", header="UPN,Surname")
    with pytest.raises(ImportRejected) as caught:
        run(data, school)
    missing = {(p.element, p.rule) for p in caught.value.report.problems}
    assert missing == {
        ("Legal forename", "column_missing"),
        ("Date of birth", "column_missing"),
        ("Sex", "column_missing"),
        ("Year group", "column_missing"),
    }


def test_a_mapping_to_a_column_the_file_lacks_is_reported(school):
    with pytest.raises(ImportRejected) as caught:
        import_csv(data=csv_bytes(row(10)), school=school, by=None, columns={"upn": "Pupil UPN"}, today=TODAY)
    assert caught.value.report.problems[0].rule == "columns_present"


def test_it_refuses_a_upn_twice_and_a_pupil_at_another_school(school, other_school):
    elsewhere = make_pupil(other_school)
    with pytest.raises(ImportRejected) as caught:
        run(csv_bytes(row(11), row(11), row(12, upn=elsewhere.upn)), school)
    assert [p.rule for p in caught.value.report.problems] == ["upn_unique_in_file", "upn_elsewhere"]


def test_a_dry_run_reports_and_saves_nothing(school):
    report = run(csv_bytes(row(13), row(14, sex="?")), school, dry_run=True)
    assert report.new_pupils == 1 and report.error_count == 1 and report.skipped_rows == 1
    assert not Pupil.objects.exists() and not SENStatus.objects.exists()


def test_it_can_import_only_the_valid_rows_when_asked(school):
    report = run(csv_bytes(row(15), row(16, dob="soon"), row(17)), school, only_valid=True)
    assert report.skipped_rows == 1 and report.new_pupils == 2
    assert set(Pupil.objects.values_list("upn", flat=True)) == {upn(15), upn(17)}


def test_an_empty_or_headerless_file_is_refused(school):
    for data in (b"", b"\r\n\r\n", b",,,\r\nx,y,z\r\n"):
        with pytest.raises(ImportRejected):
            import_csv(data=data, school=school, by=None, columns={"upn": "UPN"}, today=TODAY)
