"""Fuzzing the CTF and CSV importers: whatever the file, no crash and no partial import."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY
from sendsupport.audit.models import AuditEvent
from sendsupport.interop.csv_reader import CSVProblem, guess_columns, read_table
from sendsupport.interop.problems import ImportRejected
from sendsupport.interop.services.csv_import import import_csv
from sendsupport.interop.services.ctf_import import import_ctf
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.pupils.models import Contact, Pupil, SENNeed, SENStatus

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

codes = st.sampled_from(["N", "K", "E", "S", "A", "P", "", "k", "X", "NSA", "<", "&amp;"])
need_types = st.sampled_from(["SLCN", "ASD", "NSA", "MLD", "XYZ", "", "slcn", "OTH"])
ranks = st.sampled_from(["1", "2", "3", "0", "", "one", "-1"])
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2024-02-30", "01/09/2024", "", "2024-9-1", "99999-01-01"]),
)
words = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="<&"), max_size=12)
upns = st.one_of(st.integers(0, 999).map(upn), st.text(alphabet="ABCH0123456789", max_size=14))


@st.composite
def ctf_files(draw) -> bytes:
    pupils = []
    for _ in range(draw(st.integers(0, 4))):
        pupils.append(
            pupil_xml(
                draw(upns),
                surname=draw(words),
                forename=draw(words),
                dob=draw(dates),
                sex=draw(st.sampled_from(["M", "F", "m", "", "X"])),
                sex_element=draw(st.sampled_from(["Sex", "Gender"])),
                year=draw(st.sampled_from([None, "4", "R", "N1", "X", "15", ""])),
                sen=draw(st.lists(st.tuples(dates, codes), max_size=3)),
                needs=draw(
                    st.lists(
                        st.tuples(need_types, ranks, st.one_of(st.none(), dates), st.one_of(st.none(), dates)),
                        max_size=3,
                    )
                ),
            )
        )
    data = ctf_xml(*pupils, version=draw(st.sampled_from(["23.0", "24.0", "25.0", "26.0", "x"])))
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    if cut is not None:
        noise = draw(st.binary(max_size=20))
        data = data[:cut] + noise + data[cut + len(noise) :]
    return data


def counts() -> tuple[int, ...]:
    return (
        Pupil.objects.count(),
        SENStatus.objects.count(),
        SENNeed.objects.count(),
        Contact.objects.count(),
        AuditEvent.objects.count(),
    )


def attempt_ctf(data: bytes, school) -> None:
    before = counts()
    try:
        import_ctf(source=io.BytesIO(data), school=school, by=None, file_name="fuzz.xml", today=TODAY)
    except ImportRejected:
        assert counts() == before, "a rejected file wrote something"


@FUZZ
@given(data=ctf_files())
def test_the_ctf_importer_never_crashes_or_half_imports(data, school):
    attempt_ctf(data, school)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_the_ctf_importer_survives_any_bytes(data, school):
    attempt_ctf(data, school)


@FUZZ
@given(
    data=st.binary(max_size=600).map(
        lambda b: b"<CTfile><Header><CTFversion>25.0</CTFversion></Header><CTFpupilData>" + b
    )
)
def test_the_ctf_importer_survives_garbage_after_a_good_start(data, school):
    attempt_ctf(data, school)


cells = st.one_of(
    words,
    dates,
    upns,
    st.sampled_from(
        ["K", "E", "N", "S", "A", "SLCN", "NSA", "Year 4", "R", "M", "F", "yes", "no", "a@b.org", '"', ",", "\n"]
    ),
)
HEADINGS = [
    "UPN",
    "Surname",
    "Forename",
    "DOB",
    "Sex",
    "Year",
    "SEN Status",
    "SEN Start Date",
    "Primary Need",
    "Secondary Need",
    "Contact 1 Forename",
    "Contact 1 Surname",
    "Contact 1 Email",
]


@st.composite
def csv_files(draw) -> bytes:
    import csv

    headings = draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=len(HEADINGS), unique=True))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for _ in range(draw(st.integers(0, 5))):
        writer.writerow([draw(cells) for _ in headings])
    data = out.getvalue().encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])))
    if draw(st.booleans()):
        data += draw(st.binary(max_size=30))
    return data


def attempt_csv(data: bytes, school, only_valid: bool) -> None:
    try:
        headers, _ = read_table(data)
        columns = guess_columns(headers, {})
    except CSVProblem:
        columns = {"upn": "UPN"}
    before = counts()
    try:
        import_csv(data=data, school=school, by=None, columns=columns, only_valid=only_valid, today=TODAY)
    except ImportRejected:
        assert counts() == before, "a rejected file wrote something"


@FUZZ
@given(data=csv_files(), only_valid=st.booleans())
def test_the_csv_importer_never_crashes_or_half_imports(data, only_valid, school):
    attempt_csv(data, school, only_valid)


@FUZZ
@given(data=st.binary(max_size=2000), only_valid=st.booleans())
def test_the_csv_importer_survives_any_bytes(data, only_valid, school):
    attempt_csv(data, school, only_valid)
