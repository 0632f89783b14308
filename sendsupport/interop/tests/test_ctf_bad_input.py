"""Bad CTF files: each is reported by pupil, element and rule, and the database is left as it was.

A pupil whose SEN record breaks a census rule is not a bad file: see test_ctf_keeps_what_it_can."""

from __future__ import annotations

import io

import pytest

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.interop.problems import ImportRejected
from sendsupport.interop.services import ctf_import
from sendsupport.interop.services.ctf_import import import_ctf
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus
from sendsupport.pupils.upn import make_upn

pytestmark = pytest.mark.django_db

GOOD = pupil_xml(upn(1), sen=[("2024-09-01", "K")], needs=[("SLCN", "1", None, None)])


def rows() -> tuple[int, int, int, int]:
    return Pupil.objects.count(), SENStatus.objects.count(), SENNeed.objects.count(), AuditEvent.objects.count()


def rejected(data: bytes, school, **kwargs):
    before = rows()
    with pytest.raises(ImportRejected) as caught:
        import_ctf(source=io.BytesIO(data), school=school, by=None, file_name="bad.xml", today=TODAY, **kwargs)
    assert rows() == before, "a rejected file must leave the database unchanged"
    return caught.value.report.problems


def only(problems, rule: str):
    matching = [p for p in problems if p.rule == rule]
    assert matching, f"no {rule} in {problems}"
    return matching[0]


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE CTfile [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CTfile><Header><CTFversion>25.0</CTFversion></Header><CTFpupilData><Pupil><UPN>&xxe;</UPN></Pupil></CTFpupilData></CTfile>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<CTfile><Header><CTFversion>&lol3;</CTFversion></Header></CTfile>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE CTfile SYSTEM "http://127.0.0.1:9/ctf.dtd">
<CTfile/>"""


@pytest.mark.parametrize(
    "data",
    [XXE, LAUGHS, EXTERNAL_DTD, XXE.decode().encode("utf-16")],
    ids=["xxe", "billion-laughs", "external-dtd", "utf16-xxe"],
)
def test_it_refuses_any_dtd_or_entity_declaration(data, school):
    problem = only(rejected(data, school), "no_dtd")
    assert problem.where == "File" and "document type declaration" in problem.message


def test_it_refuses_a_dtd_even_after_a_long_comment(school):
    data = b'<?xml version="1.0"?>\n<!--' + b"x" * 70_000 + b'-->\n<!DOCTYPE CTfile [<!ENTITY a "b">]><CTfile/>'
    assert only(rejected(data, school), "no_dtd")


def test_it_names_the_line_of_malformed_xml(school):
    data = ctf_xml(GOOD)[:-30]
    problem = only(rejected(data, school), "well_formed")
    assert "not well-formed XML at line" in problem.message


def test_it_says_when_the_root_element_is_wrong(school):
    problem = only(rejected(b"<SchoolCensus><Header/></SchoolCensus>", school), "root_element")
    assert "<CTfile>" in problem.message and "<SchoolCensus>" in problem.message


@pytest.mark.parametrize("version", ["22.0", "26.0", "banana", ""])
def test_it_refuses_a_version_it_does_not_read(version, school):
    problem = only(
        rejected(ctf_xml(GOOD, version=version), school), "version_supported" if version else "version_present"
    )
    assert problem.element == "CTFversion"


def test_it_names_a_bad_upn_check_letter(school):
    wrong = "A" + upn(2)[1:] if not upn(2).startswith("A") else "B" + upn(2)[1:]
    problem = only(rejected(ctf_xml(GOOD, pupil_xml(wrong)), school), "upn_valid")
    assert problem.where.startswith(f"Pupil {wrong}") and problem.element == "UPN"
    assert "check letter is wrong" in problem.message


@pytest.mark.parametrize(
    ("change", "rule", "element"),
    [
        ({"dob": "01/03/2016"}, "date_valid", "DOB"),
        ({"dob": "2016-02-30"}, "date_valid", "DOB"),
        ({"dob": ""}, "date_present", "DOB"),
        ({"sex": "X"}, "sex_valid", "Sex"),
        ({"sex": "Q", "sex_element": "Gender"}, "sex_valid", "Gender"),
        ({"surname": ""}, "name_present", "Surname"),
        ({"year": "Year 4"}, "year_group_valid", "NCyearActual"),
    ],
)
def test_it_names_bad_pupil_details(change, rule, element, school):
    problem = only(rejected(ctf_xml(GOOD, pupil_xml(upn(4), **change)), school), rule)
    assert problem.where.startswith(f"Pupil {upn(4)}") and problem.element == element


def test_it_refuses_a_upn_twice_in_one_file(school):
    problem = only(rejected(ctf_xml(GOOD, GOOD), school), "upn_unique_in_file")
    assert problem.where.startswith(f"Pupil {upn(1)}")


def test_it_is_all_or_nothing_even_after_earlier_batches_were_written(school, monkeypatch):
    monkeypatch.setattr(ctf_import, "BATCH_SIZE", 2)
    good = [pupil_xml(upn(n), sen=[("2024-09-01", "K")], needs=[("SLCN", "1", None, None)]) for n in range(10, 17)]
    data = ctf_xml(*good, pupil_xml(upn(20), sex="X", sen=[("2024-09-01", "K")]))
    problems = rejected(data, school)
    assert [p.rule for p in problems] == ["sex_valid"]


def test_it_lists_every_problem_in_the_file_not_just_the_first(school):
    data = ctf_xml(pupil_xml(upn(30), sex="X"), GOOD, pupil_xml(upn(31), dob="yesterday"), pupil_xml("H123"))
    problems = rejected(data, school)
    assert [p.rule for p in problems] == ["sex_valid", "date_valid", "upn_valid"]


def test_an_existing_pupil_is_left_alone_when_the_file_is_refused(school):
    pupil = make_pupil(school, first="Maya", last="Evans", provision="K", needs=[("SLCN", 1)])
    data = ctf_xml(pupil_xml(pupil.upn, surname="Changed"), pupil_xml(make_upn("801", "3000", 18, 99), sex="?"))
    rejected(data, school)
    pupil.refresh_from_db()
    assert pupil.legal_last_name == "Evans"


def test_a_file_without_a_header_is_not_a_ctf(school):
    assert only(rejected(b"<CTfile><CTFpupilData/></CTfile>", school), "header_missing")
