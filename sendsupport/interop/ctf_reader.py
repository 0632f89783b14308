"""Reading a Common Transfer File (CTF 23, 24 and 25), one pupil at a time.

The reader streams: each ``Pupil`` element is turned into a small record, checked, and freed
before the next is read, so memory does not grow with the file. Every problem found goes into
the report with the pupil's UPN, the element and the rule; the reader never raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from lxml import etree

from sendsupport.interop.problems import Report
from sendsupport.interop.xml_safety import UnsafeXML, release, safe_iterparse
from sendsupport.pupils.census_rules import check_sen_record
from sendsupport.pupils.codes import YEAR_GROUPS, NeedType, Provision
from sendsupport.pupils.upn import UPNError, validate_upn
from sendsupport.schools.models import AcademicYear

ROOT = "CTfile"
SUPPORTED_VERSIONS = (23, 24, 25)
# Historic provision codes: S (statement) became an EHC plan; School Action and Plus have no equivalent.
RECODED_PROVISION = {"S": Provision.EHC_PLAN}
HISTORIC_PROVISION = {"A": "School Action", "P": "School Action Plus"}
NAME_MAX = 100
YEAR_GROUP_CODES = {code for code, _ in YEAR_GROUPS}
PROVISION_CODES = frozenset(Provision.values)  # the enum builds a new list on every .values
NEED_TYPE_CODES = frozenset(NeedType.values)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VERSION = re.compile(r"^(\d{1,3})(?:\.\d{1,3})?$")
# What the receiving SENCO reads after each kind of SEN record problem (the pupil is imported anyway).
ENTRY_LEFT_OUT = " This SEN history entry was not imported; check the pupil's SEN status on their record."
NEED_LEFT_OUT = " This need was not imported; record the right need on the pupil's record."
KEPT_TO_FIX = " Imported as the file has it: fix it on the pupil's record (Change SEN status and needs)."
# Which CTF element each census-rule field is about, for the report.
RULE_ELEMENT = {"provision": "SENprovision", "primary_need": "SENneeds", "secondary_need": "SENneeds"}


@dataclass
class CTFHeader:
    version: str = ""
    qualifier: str = ""
    source_lea: str = ""
    source_estab: str = ""
    source_urn: str = ""
    source_name: str = ""
    dest_lea: str = ""
    dest_estab: str = ""
    dest_urn: str = ""


@dataclass(frozen=True)
class SENEntry:
    start_date: date
    provision: str


@dataclass(frozen=True)
class NeedEntry:
    need_type: str
    rank: int
    start_date: date
    end_date: date | None


@dataclass
class CTFPupil:
    """What the file says about one pupil, already checked."""

    number: int  # position in the file, from 1
    upn: str
    surname: str
    forename: str
    preferred_surname: str | None
    preferred_forename: str | None
    date_of_birth: date | None
    sex: str
    year_group: str | None  # None when the file does not say
    sen: list[SENEntry] = field(default_factory=list)
    needs: list[NeedEntry] = field(default_factory=list)
    valid: bool = True
    # SEN record problems the receiving SENCO fixes; the pupil is still imported with what is valid.
    to_fix: list[tuple[str, str, str]] = field(default_factory=list)  # (element, rule, message)

    @property
    def where(self) -> str:
        name = f" ({self.forename} {self.surname})".rstrip() if (self.forename or self.surname) else ""
        if self.upn:
            return f"Pupil {self.upn}{name}"
        return f"Pupil number {self.number} in the file (no UPN){name}"

    @property
    def current_provision(self) -> str | None:
        return max(self.sen, key=lambda entry: entry.start_date).provision if self.sen else None

    @property
    def latest_sen_date(self) -> date | None:
        return max(entry.start_date for entry in self.sen) if self.sen else None

    @property
    def open_needs(self) -> list[NeedEntry]:
        return [need for need in self.needs if need.end_date is None]


def _text(element: etree._Element | None, name: str) -> str | None:
    if element is None:
        return None
    child = element.find(name)
    if child is None:
        return None
    return (child.text or "").strip()


def _children(element: etree._Element) -> dict[str, str]:
    """The text of an element's children by name, in one pass (the first of each name counts, as find() would)."""
    found: dict[str, str] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in found:
            found[tag] = (child.text or "").strip()
    return found


def _first_text(elements: list[etree._Element | None], name: str) -> str | None:
    for element in elements:
        value = _text(element, name)
        if value is not None:
            return value
    return None


def year_group_for_birth(born: date, today: date) -> str:
    """The usual year group for a date of birth this academic year (Reception turns 5 during it)."""
    start = AcademicYear.start_year_for(today)
    born_year_start = AcademicYear.start_year_for(born)
    number = start - born_year_start - 5
    if number <= -2:
        return "N1"
    if number == -1:
        return "N2"
    if number == 0:
        return "R"
    return str(min(number, 14))


class CTFReader:
    """Iterate over the pupils in a CTF; ``header`` is filled in once the Header has been read."""

    def __init__(self, source: IO[bytes], report: Report, *, today: date) -> None:
        self.source = source
        self.report = report
        self.today = today
        self.header: CTFHeader | None = None

    # -- the file ------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[CTFPupil]:
        report = self.report
        depth = 0
        number = 0
        try:
            for event, element in safe_iterparse(self.source):
                if event == "start":
                    depth += 1
                    if depth == 1 and element.tag != ROOT:
                        report.problem(
                            "File",
                            str(element.tag)[:60],
                            "root_element",
                            f"This is not a Common Transfer File: it starts with <{etree.QName(element).localname}> "
                            f"where a CTF starts with <{ROOT}>.",
                        )
                        return
                    continue
                depth -= 1
                if depth == 1 and element.tag == "Header":
                    self.header = self._read_header(element)
                    release(element)
                    if not self._check_header():
                        return
                elif element.tag == "Pupil" and depth == 2:
                    number += 1
                    if self.header is None:
                        report.problem("Header", "Header", "header_first", "The file has no Header before the pupils.")
                        return
                    pupil = self._read_pupil(element, number)
                    release(element)
                    yield pupil
                elif depth == 1:
                    release(element)
            if self.header is None:
                report.problem("Header", "Header", "header_missing", "The file has no Header, so it is not a CTF.")
        except UnsafeXML as error:
            report.problem("File", "DOCTYPE", "no_dtd", str(error))
        except etree.XMLSyntaxError as error:
            line = getattr(error, "lineno", None) or (error.position[0] if getattr(error, "position", None) else "?")
            report.problem(
                "File",
                "XML",
                "well_formed",
                f"The file is not well-formed XML at line {line}: {error.msg}. It may be cut short or damaged.",
            )

    # -- the header ----------------------------------------------------------------------------
    def _read_header(self, element: etree._Element) -> CTFHeader:
        source = element.find("SourceSchool")
        dest = element.find("DestSchool")
        return CTFHeader(
            version=_text(element, "CTFversion") or "",
            qualifier=_text(element, "DocumentQualifier") or "",
            source_lea=_text(source, "LEA") or "",
            source_estab=_text(source, "Estab") or "",
            source_urn=_text(source, "URN") or "",
            source_name=_text(source, "SchoolName") or "",
            dest_lea=_text(dest, "LEA") or "",
            dest_estab=_text(dest, "Estab") or "",
            dest_urn=_text(dest, "URN") or "",
        )

    def _check_header(self) -> bool:
        header = self.header
        assert header is not None
        match = _VERSION.match(header.version)
        if not header.version:
            self.report.problem(
                "Header", "CTFversion", "version_present", "The Header does not say which CTF version it is."
            )
            return False
        if not match or int(match.group(1)) not in SUPPORTED_VERSIONS:
            versions = ", ".join(f"{v}.0" for v in SUPPORTED_VERSIONS)
            self.report.problem(
                "Header",
                "CTFversion",
                "version_supported",
                f"CTF version {header.version[:20]!r} is not one this system reads (it reads {versions}).",
            )
            return False
        return True

    # -- one pupil -----------------------------------------------------------------------------
    def _read_pupil(self, element: etree._Element, number: int) -> CTFPupil:
        basic = element.find("BasicDetails")
        places = [element, basic]
        own = _children(element)
        pupil = CTFPupil(
            number=number,
            upn=own.get("UPN", "").upper(),
            surname=own.get("Surname", ""),
            forename=own.get("Forename", ""),
            preferred_surname=_first_text(places, "PreferredSurname"),
            preferred_forename=_first_text(places, "PreferredForename"),
            date_of_birth=None,
            sex="",
            year_group=None,
        )
        self._check_identity(pupil, element, places, own)
        history = element.find("SENhistory")
        if history is not None:
            self._read_sen(pupil, history)
        if pupil.valid:
            self._check_census_rules(pupil)
        return pupil

    def _problem(self, pupil: CTFPupil, element: str, rule: str, message: str) -> None:
        pupil.valid = False
        self.report.problem(pupil.where, element, rule, message)

    def _fix(self, pupil: CTFPupil, element: str, rule: str, message: str) -> None:
        """A problem in the pupil's SEN record: the rest of the pupil is still imported, and the
        problem is listed for the receiving SENCO to fix (DOMAIN.md, census)."""
        pupil.to_fix.append((element, rule, message))
        self.report.fix(pupil.where, element, rule, message)

    def _date(self, pupil: CTFPupil, raw: str | None, element: str, *, required: bool, sen: str = "") -> date | None:
        """The date, or None with the problem noted. A date in the SEN record (``sen``: what happens
        to the entry) is a problem to fix after the import, not a reason to refuse the pupil."""

        def note(pupil: CTFPupil, element: str, rule: str, message: str) -> None:
            if sen:
                self._fix(pupil, element, rule, message + sen)
            else:
                self._problem(pupil, element, rule, message)

        if raw is None or raw == "":
            if required:
                note(pupil, element, "date_present", f"{element} is missing: enter a date as YYYY-MM-DD.")
            return None
        value = None
        if _DATE.match(raw):
            try:
                value = date.fromisoformat(raw)
            except ValueError:
                value = None
        if value is None:
            note(pupil, element, "date_valid", f"{raw[:30]!r} is not a date: write it as YYYY-MM-DD, like 2016-03-27.")
            return None
        if value > self.today:
            note(pupil, element, "date_not_future", f"{value:%Y-%m-%d} is in the future.")
            return None
        return value

    def _check_identity(self, pupil: CTFPupil, element: etree._Element, places: list, own: dict[str, str]) -> None:
        try:
            pupil.upn = validate_upn(pupil.upn)
        except UPNError as error:
            self._problem(pupil, "UPN", "upn_valid", str(error))
        for name, value in (("Surname", pupil.surname), ("Forename", pupil.forename)):
            if not value:
                self._problem(pupil, name, "name_present", f"{name} is missing.")
            elif len(value) > NAME_MAX:
                self._problem(pupil, name, "name_length", f"{name} is longer than {NAME_MAX} characters.")
        for name, value in (
            ("PreferredSurname", pupil.preferred_surname),
            ("PreferredForename", pupil.preferred_forename),
        ):
            if value and len(value) > NAME_MAX:
                self._problem(pupil, name, "name_length", f"{name} is longer than {NAME_MAX} characters.")
        pupil.date_of_birth = self._date(pupil, own.get("DOB"), "DOB", required=True)
        sex_element = "Sex" if "Sex" in own else "Gender"
        sex = own.get(sex_element, "").upper()
        if sex in {"M", "F"}:
            pupil.sex = sex
        else:
            self._problem(
                pupil,
                sex_element,
                "sex_valid",
                f"{sex_element} must be M or F, not {sex[:20]!r}." if sex else f"{sex_element} is missing.",
            )
        year = _first_text(places, "NCyearActual")
        if year:
            year = year.upper().lstrip("0") or "0"
            if year in YEAR_GROUP_CODES:
                pupil.year_group = year
            elif year != "X":  # X: not following the national curriculum; worked out from the date of birth
                self._problem(
                    pupil, "NCyearActual", "year_group_valid", f"{year[:10]!r} is not a national curriculum year."
                )

    def _read_sen(self, pupil: CTFPupil, history: etree._Element) -> None:
        seen_dates: set[date] = set()
        for entry in history.iterchildren("SEN"):
            values = _children(entry)
            start = self._date(pupil, values.get("StartDate"), "SEN/StartDate", required=True, sen=ENTRY_LEFT_OUT)
            code = values.get("SENprovision", "").upper()
            if code in RECODED_PROVISION:
                self.report.warn(f"{pupil.where}: SEN provision S (statement) recoded as E (EHC plan).")
                code = RECODED_PROVISION[code]
            if code in HISTORIC_PROVISION:
                when = (values.get("StartDate") or "an unknown date")[:30]
                self._fix(
                    pupil,
                    "SEN/SENprovision",
                    "provision_current",
                    f"{code} ({HISTORIC_PROVISION[code]}) from {when} is a "
                    "historic code, not valid since 2014 (it is listed here so the history is not lost)."
                    + ENTRY_LEFT_OUT,
                )
                continue
            if code not in PROVISION_CODES:
                self._fix(
                    pupil,
                    "SEN/SENprovision",
                    "provision_valid",
                    (
                        f"{code[:10]!r} is not a SEN provision code: use N, K or E."
                        if code
                        else "SENprovision is missing."
                    )
                    + ENTRY_LEFT_OUT,
                )
                continue
            if start is None:
                continue
            if pupil.date_of_birth and start < pupil.date_of_birth:
                self._fix(
                    pupil,
                    "SEN/StartDate",
                    "after_birth",
                    f"{start:%Y-%m-%d} is before the pupil was born." + ENTRY_LEFT_OUT,
                )
                continue
            if start in seen_dates:
                self._fix(
                    pupil,
                    "SEN/StartDate",
                    "one_entry_per_date",
                    f"Two SEN history entries start on {start:%Y-%m-%d}: the first was kept." + ENTRY_LEFT_OUT,
                )
                continue
            seen_dates.add(start)
            pupil.sen.append(SENEntry(start, code))
        needs = history.find("SENneeds")
        if needs is None:
            return
        default_start = pupil.latest_sen_date
        for need in needs.iterchildren("SENneed"):
            self._read_need(pupil, _children(need), default_start)

    def _read_need(self, pupil: CTFPupil, need: dict[str, str], default_start: date | None) -> None:
        need_type = need.get("SENtype", "").upper()
        raw_rank = need.get("SENtypeRank", "")
        ok = True
        if need_type not in NEED_TYPE_CODES:
            self._fix(
                pupil,
                "SENneed/SENtype",
                "need_type_valid",
                (f"{need_type[:10]!r} is not a census SEN type code." if need_type else "SENtype is missing.")
                + NEED_LEFT_OUT,
            )
            ok = False
        if raw_rank not in {"1", "2"}:
            self._fix(
                pupil,
                "SENneed/SENtypeRank",
                "rank_valid",
                f"{need_type[:10] or 'A need'} has SENtypeRank {raw_rank[:10]!r}: "
                "it must be 1 (primary) or 2 (secondary)." + NEED_LEFT_OUT,
            )
            ok = False
        before = len(pupil.to_fix)
        start = self._date(pupil, need.get("NeedStartDate"), "SENneed/NeedStartDate", required=False, sen=NEED_LEFT_OUT)
        end = self._date(pupil, need.get("NeedEndDate"), "SENneed/NeedEndDate", required=False, sen=NEED_LEFT_OUT)
        if len(pupil.to_fix) != before:
            ok = (
                False  # a need with an unreadable date is left out, not guessed at (an unreadable end is not "current")
            )
        start = start or default_start
        if start is None:
            self._fix(
                pupil,
                "SENneed/NeedStartDate",
                "need_has_start",
                "A need needs a start date or a SEN history entry before it." + NEED_LEFT_OUT,
            )
            ok = False
        elif end is not None and end < start:
            self._fix(
                pupil, "SENneed/NeedEndDate", "end_after_start", "A need cannot end before it starts." + NEED_LEFT_OUT
            )
            ok = False
        if ok and start is not None:
            pupil.needs.append(NeedEntry(need_type, int(raw_rank), start, end))

    def _check_census_rules(self, pupil: CTFPupil) -> None:
        """The census rules on the pupil's current SEN record. Breaks are listed to fix, not refused;
        only a second current need of the same rank is left out (a pupil holds one per rank)."""
        kept: dict[int, NeedEntry] = {}
        for need in sorted(pupil.open_needs, key=lambda item: item.start_date, reverse=True):
            if need.rank in kept:
                pupil.needs.remove(need)
                self._fix(
                    pupil,
                    "SENneeds",
                    "ranks_distinct",
                    f"{need.need_type} and {kept[need.rank].need_type} are both current with rank {need.rank}: "
                    f"{kept[need.rank].need_type} was kept." + NEED_LEFT_OUT,
                )
                continue
            kept[need.rank] = need
        provision = pupil.current_provision
        open_needs = [(need.need_type, need.rank) for need in pupil.open_needs]
        if provision is None:
            if open_needs:
                self._fix(
                    pupil,
                    "SENhistory",
                    "needs_without_provision",
                    "The pupil has types of need but no SEN provision entry." + KEPT_TO_FIX,
                )
            return
        for rule_break in check_sen_record(provision, open_needs):
            self._fix(
                pupil,
                RULE_ELEMENT.get(rule_break.field, "SENhistory"),
                rule_break.rule,
                rule_break.message + KEPT_TO_FIX,
            )
