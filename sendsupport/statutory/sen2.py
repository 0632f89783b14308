"""The requests and assessments modules of the DfE SEN2 person-level return, from the recorded clocks.

SEN2 is collected through DfE COLLECT as an XML file (``Message`` → ``Header`` and ``Persons``); a
person holds their ``Requests``, and a request whose assessment was agreed holds its ``Assessment``.
Only what sendsupport records is produced; ``validate`` lists, by row and field, what is missing or
wrong before the file is sent (see docs/ehc-clocks.md for every element and code).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from lxml import etree

from sendsupport.statutory import clocks
from sendsupport.statutory.models import EHCRequest

SOFTWARE_CODE = "sendsupport"
RELEASE = "1"

# RequestSource: who made the request (SEN2 code set).
REQUEST_SOURCE = {
    EHCRequest.RequestedBy.PARENT: "1",  # young person or parent
    EHCRequest.RequestedBy.YOUNG_PERSON: "1",
    EHCRequest.RequestedBy.SCHOOL: "2",  # school or other education setting
}
# RequestOutcome: A assessment agreed, B decided not to assess, C withdrawn or ended before a decision.
REQUEST_OUTCOME = {
    EHCRequest.Outcome.AGREED: "A",
    EHCRequest.Outcome.REFUSED: "B",
    EHCRequest.Outcome.WITHDRAWN: "C",
}


@dataclass(frozen=True)
class Sen2Row:
    """One request as the return holds it: the person, the request, and the assessment if agreed."""

    request_id: int
    pupil: Any
    received_on: date
    source: str
    outcome: str  # "" while the decision is awaited
    outcome_on: date | None
    assessment_outcome: str  # Y plan issued, N decided not to issue, "" still under way or not assessed
    assessment_outcome_on: date | None
    week20: str  # "1" an exception applies to a plan issued after 20 weeks, "0" otherwise
    within_20_weeks: bool | None


@dataclass(frozen=True)
class Problem:
    row: int  # 1-based position of the person in the file
    request_id: int
    field: str
    message: str


def row_for(request: EHCRequest, *, today: date) -> Sen2Row:
    assessed = request.outcome == EHCRequest.Outcome.AGREED
    if request.final_issued_on:
        assessment, assessment_on = "Y", request.final_issued_on
    elif request.no_plan_on:
        assessment, assessment_on = "N", request.no_plan_on
    else:
        assessment, assessment_on = "", None
    within = clocks.within_twenty_weeks(request)
    excepted = within is False and clocks.excuses(request.exception, "final_plan")
    return Sen2Row(
        request_id=request.pk,
        pupil=request.pupil,
        received_on=request.requested_on,
        source=REQUEST_SOURCE.get(request.requested_by, "5"),
        outcome=REQUEST_OUTCOME.get(request.outcome, ""),
        outcome_on=request.outcome_on if request.outcome != EHCRequest.Outcome.PENDING else None,
        assessment_outcome=assessment if assessed else "",
        assessment_outcome_on=assessment_on if assessed else None,
        week20="1" if excepted else "0",
        within_20_weeks=within,
    )


def _text(parent: etree._Element, tag: str, value: Any) -> None:
    if value is None or value == "":
        return
    etree.SubElement(parent, tag).text = value.isoformat() if isinstance(value, date) else str(value)


def export(requests: Iterable[EHCRequest], *, authority: Any, today: date, now: datetime | None = None) -> bytes:
    """The XML file: a header for the authority, then one person per pupil with their requests."""
    now = now or datetime.now()  # noqa: DTZ005 - COLLECT's DateTime is local, without a zone
    root = etree.Element("Message")
    header = etree.SubElement(root, "Header")
    details = etree.SubElement(header, "CollectionDetails")
    _text(details, "Collection", "SEN2")
    _text(details, "Year", today.year)
    _text(details, "ReferenceDate", today)
    source = etree.SubElement(header, "Source")
    _text(source, "SourceLevel", "L")
    _text(source, "LEA", authority.number)
    _text(source, "SoftwareCode", SOFTWARE_CODE)
    _text(source, "Release", RELEASE)
    _text(source, "SerialNo", "1")
    _text(source, "DateTime", now.replace(microsecond=0).isoformat())
    persons = etree.SubElement(root, "Persons")
    for pupil, rows in _by_pupil(requests, today).items():
        person = etree.SubElement(persons, "Person")
        _text(person, "Surname", pupil.legal_last_name)
        _text(person, "Forename", pupil.legal_first_name)
        _text(person, "PersonBirthDate", pupil.date_of_birth)
        _text(person, "Sex", pupil.sex)
        _text(person, "UPN", pupil.upn)
        for row in rows:
            element = etree.SubElement(person, "Requests")
            _text(element, "ReceivedDate", row.received_on)
            _text(element, "RequestSource", row.source)
            _text(element, "RequestOutcomeDate", row.outcome_on)
            _text(element, "RequestOutcome", row.outcome)
            if row.outcome == "A":
                assessment = etree.SubElement(element, "Assessment")
                _text(assessment, "AssessmentOutcome", row.assessment_outcome)
                _text(assessment, "AssessmentOutcomeDate", row.assessment_outcome_on)
                _text(assessment, "Week20", row.week20 if row.assessment_outcome == "Y" else None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _by_pupil(requests: Iterable[EHCRequest], today: date) -> dict[Any, list[Sen2Row]]:
    found: dict[Any, list[Sen2Row]] = {}
    for request in sorted(requests, key=lambda r: (r.pupil_id, r.requested_on, r.pk)):
        found.setdefault(request.pupil, []).append(row_for(request, today=today))
    return found


def validate(requests: Iterable[EHCRequest], *, today: date) -> list[Problem]:
    """What would make COLLECT reject or query the return, by person row and field."""
    problems: list[Problem] = []
    for number, (pupil, rows) in enumerate(_by_pupil(requests, today).items(), start=1):
        for row in rows:

            def add(field: str, message: str, row: Sen2Row = row, number: int = number) -> None:
                problems.append(Problem(number, row.request_id, field, message))

            if not pupil.upn:
                add("UPN", "The UPN is missing.")
            if row.received_on > today:
                add("ReceivedDate", "The date the request was received is in the future.")
            if row.outcome and row.outcome_on is None:
                add("RequestOutcomeDate", "A decision is recorded without its date.")
            if row.outcome_on and row.outcome_on < row.received_on:
                add("RequestOutcomeDate", "The decision is before the request was received.")
            if not row.outcome:
                add("RequestOutcome", "No decision whether to assess is recorded yet: the request is sent as ongoing.")
            if row.assessment_outcome_on and row.assessment_outcome_on < (row.outcome_on or row.received_on):
                add("AssessmentOutcomeDate", "The assessment's outcome is before the decision to assess.")
            if row.within_20_weeks is False and row.week20 == "0":
                add("Week20", "The plan was issued after 20 weeks and no exception is recorded.")
    return problems
