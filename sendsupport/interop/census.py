"""The school census SEN return: the items for each pupil on roll on census day, and their checks.

What is written and what is checked are the same records, so a clean report means a clean file.
A census XML file from elsewhere can be read back and checked by the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from lxml import etree

from sendsupport.core.numbers import ascii_int
from sendsupport.interop import selectors
from sendsupport.interop.problems import Problem
from sendsupport.interop.xml_safety import UnsafeXML, release, safe_iterparse
from sendsupport.pupils.census_rules import check_sen_record
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.upn import UPNError, validate_upn
from sendsupport.schools.models import School

TERMS = ("autumn", "spring", "summer")
NEEDS_COLLECTED_IN = {"spring"}  # DOMAIN.md: need types are collected in the spring census (verify)
ROOT = "SchoolCensus"
RULE_ELEMENT = {
    "provision": "SENprovision",
    "primary_need": "SENneeds",
    "secondary_need": "SENneeds",
}


@dataclass
class CensusPupil:
    upn: str
    name: str = ""
    pupil_id: int | None = None
    provision: str = Provision.NONE
    needs: list[tuple[str, int]] = field(default_factory=list)
    sen_unit: bool | None = None
    resourced_provision: bool | None = None

    @property
    def where(self) -> str:
        return f"Pupil {self.upn}" + (f" ({self.name})" if self.name else "")


@dataclass
class CensusReturn:
    term: str
    year: int
    day: date
    lea: str = ""
    estab: str = ""
    urn: str = ""
    school_name: str = ""
    special_or_pru: bool = False


def census_pupils(user: Any, school: School, term: str, day: date) -> Iterator[CensusPupil]:
    """The census SEN items for each pupil on roll on ``day``, as they will be written. The SEN unit
    and resourced provision indicators are each pupil's own membership, never the school's setting."""
    with_needs = term in NEEDS_COLLECTED_IN
    for pupil in selectors.pupils_on_roll(user, school, day).iterator(chunk_size=1000):
        statuses = pupil.statuses_by_day
        provision = statuses[0].provision if statuses else Provision.NONE
        record = CensusPupil(upn=pupil.upn, name=pupil.display_name, pupil_id=pupil.pk, provision=provision)
        if with_needs:
            record.needs = [(need.need_type, need.rank) for need in pupil.needs_on_day]
        if provision in (Provision.SEN_SUPPORT, Provision.EHC_PLAN) and not school.is_special_or_pru:
            record.sen_unit = pupil.in_sen_unit
            record.resourced_provision = pupil.in_resourced_provision
        yield record


def census_return(school: School, term: str, year: int) -> CensusReturn:
    return CensusReturn(
        term=term,
        year=year,
        day=selectors.census_day(term, year),
        lea=school.local_authority.number,
        estab=school.estab,
        urn=school.urn,
        school_name=school.name,
        special_or_pru=school.is_special_or_pru,
    )


def check_pupil(record: CensusPupil, *, term: str, special_or_pru: bool) -> list[Problem]:
    """Every census SEN rule this pupil's items break (the rules live in pupils.census_rules)."""
    problems = []
    try:
        validate_upn(record.upn)
    except UPNError as error:
        problems.append(Problem(record.where, "UPN", "upn_valid", str(error)))
    needs = record.needs if term in NEEDS_COLLECTED_IN else []
    breaks = check_sen_record(record.provision, needs)
    if term not in NEEDS_COLLECTED_IN:
        # Needs are not returned this term, so only the provision code is checked.
        breaks = [b for b in breaks if b.rule == "provision_valid"]
    for rule_break in breaks:
        element = RULE_ELEMENT.get(rule_break.field, "SpecialEducationalNeeds")
        problems.append(Problem(record.where, element, rule_break.rule, rule_break.message))
    if record.provision in (Provision.SEN_SUPPORT, Provision.EHC_PLAN) and not special_or_pru:
        for element, value in (
            ("SENunitIndicator", record.sen_unit),
            ("ResourcedProvisionIndicator", record.resourced_provision),
        ):
            if value is None:
                problems.append(
                    Problem(
                        record.where,
                        element,
                        "indicators_required",
                        f"{element} is required for pupils on SEN support (K) or with an EHC plan (E), "
                        "except in special schools and pupil referral units.",
                    )
                )
    return problems


def check_return(census: CensusReturn, pupils: Iterable[CensusPupil]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for record in pupils:
        if record.upn in seen:
            problems.append(Problem(record.where, "UPN", "upn_unique", "This UPN is returned more than once."))
        seen.add(record.upn)
        problems += check_pupil(record, term=census.term, special_or_pru=census.special_or_pru)
    return problems


def _add(parent: etree._Element, name: str, text: str) -> None:
    etree.SubElement(parent, name).text = text


def pupil_element(record: CensusPupil, *, term: str) -> etree._Element:
    element = etree.Element("Pupil")
    _add(element, "UPN", record.upn)
    sen = etree.SubElement(element, "SpecialEducationalNeeds")
    _add(sen, "SENprovision", record.provision)
    if term in NEEDS_COLLECTED_IN and record.needs:
        container = etree.SubElement(sen, "SENneeds")
        for need_type, rank in record.needs:
            need = etree.SubElement(container, "SENneed")
            _add(need, "SENtype", need_type)
            _add(need, "SENtypeRank", str(rank))
    if record.sen_unit is not None:
        _add(sen, "SENunitIndicator", "true" if record.sen_unit else "false")
    if record.resourced_provision is not None:
        _add(sen, "ResourcedProvisionIndicator", "true" if record.resourced_provision else "false")
    return element


def write_census(out: IO[bytes], census: CensusReturn, pupils: Iterable[CensusPupil]) -> int:
    count = 0
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(ROOT):
            header = etree.Element("Header")
            _add(header, "CensusTerm", census.term.capitalize())
            _add(header, "CensusYear", str(census.year))
            _add(header, "CensusDate", census.day.isoformat())
            _add(header, "SourceLevel", "S")
            _add(header, "LEA", census.lea)
            _add(header, "Estab", census.estab)
            _add(header, "URN", census.urn)
            _add(header, "SchoolName", census.school_name)
            _add(header, "SpecialOrPRU", "true" if census.special_or_pru else "false")
            _add(header, "SoftwareCode", "sendsupport")
            xf.write(header, pretty_print=True)
            with xf.element("Pupils"):
                for record in pupils:
                    xf.write(pupil_element(record, term=census.term), pretty_print=True)
                    count += 1
    return count


def _bool(text: str | None) -> bool | None:
    if text is None:
        return None
    return text.strip().lower() in {"true", "1"}


def read_census(source: IO[bytes]) -> tuple[CensusReturn | None, list[CensusPupil], list[Problem]]:
    """Read a census XML file (ours or another's) back into records, for checking."""
    census: CensusReturn | None = None
    pupils: list[CensusPupil] = []
    problems: list[Problem] = []
    depth = 0
    try:
        for event, element in safe_iterparse(source):
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != ROOT:
                    problems.append(
                        Problem("File", str(element.tag)[:60], "root_element", f"A census file starts with <{ROOT}>.")
                    )
                    return None, [], problems
                continue
            depth -= 1
            if element.tag == "Header" and depth == 1:
                term = (element.findtext("CensusTerm") or "").strip().lower()
                try:
                    year = int((element.findtext("CensusYear") or "").strip())
                    day = date.fromisoformat((element.findtext("CensusDate") or "").strip())
                except ValueError:
                    problems.append(
                        Problem("Header", "CensusYear", "header_valid", "The census year or date is not valid.")
                    )
                    return None, [], problems
                if term not in TERMS:
                    problems.append(Problem("Header", "CensusTerm", "term_valid", f"{term!r} is not a census term."))
                    return None, [], problems
                census = CensusReturn(
                    term=term,
                    year=year,
                    day=day,
                    lea=element.findtext("LEA") or "",
                    estab=element.findtext("Estab") or "",
                    urn=element.findtext("URN") or "",
                    school_name=element.findtext("SchoolName") or "",
                    special_or_pru=_bool(element.findtext("SpecialOrPRU")) or False,
                )
                release(element)
            elif element.tag == "Pupil" and depth == 2:
                sen = element.find("SpecialEducationalNeeds")
                record = CensusPupil(upn=(element.findtext("UPN") or "").strip())
                if sen is not None:
                    record.provision = (sen.findtext("SENprovision") or "").strip()
                    needs = []
                    for need in sen.iterfind("SENneeds/SENneed"):
                        rank = (need.findtext("SENtypeRank") or "").strip()
                        needs.append(((need.findtext("SENtype") or "").strip(), ascii_int(rank) or 0))
                    record.needs = needs
                    record.sen_unit = _bool(sen.findtext("SENunitIndicator"))
                    record.resourced_provision = _bool(sen.findtext("ResourcedProvisionIndicator"))
                else:
                    record.provision = ""
                pupils.append(record)
                release(element)
    except UnsafeXML as error:
        problems.append(Problem("File", "DOCTYPE", "no_dtd", str(error)))
    except etree.XMLSyntaxError as error:
        problems.append(Problem("File", "XML", "well_formed", f"The file is not well-formed XML: {error.msg}."))
    if census is None and not problems:
        problems.append(Problem("Header", "Header", "header_missing", "The file has no census Header."))
    return census, pupils, problems


def check_file(source: IO[bytes]) -> list[Problem]:
    census, pupils, problems = read_census(source)
    if census is None:
        return problems
    return problems + check_return(census, pupils)
