"""Writing a Common Transfer File for pupils who are leaving: header, pupils, SEN history and needs.

Written incrementally with lxml's ``xmlfile`` so a whole school can be exported without holding
the document in memory. The output reads back through ``ctf_reader`` to the same history.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import IO

from lxml import etree

from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import AcademicYear, School

CURRENT_VERSION = "25.0"
SUPPLIER_ID = "sendsupport"
# A destination LA and establishment: digits, or MMM/MMMM (not known) and XXX/XXXX (gone abroad).
DEST_LEA = re.compile(r"^(\d{3}|MMM|XXX)$")
DEST_ESTAB = re.compile(r"^(\d{4}|MMMM|XXXX)$")


def _add(parent: etree._Element, name: str, text: str | None) -> etree._Element:
    child = etree.SubElement(parent, name)
    if text is not None:
        child.text = text
    return child


def header_element(*, school: School, dest_lea: str, dest_estab: str, dest_urn: str, now: datetime) -> etree._Element:
    header = etree.Element("Header")
    _add(header, "DocumentName", "Common Transfer File")
    _add(header, "CTFversion", CURRENT_VERSION)
    _add(header, "DateTime", now.replace(microsecond=0).isoformat())
    _add(header, "DocumentQualifier", "partial")
    _add(header, "SupplierID", SUPPLIER_ID)
    source = _add(header, "SourceSchool", None)
    _add(source, "LEA", school.local_authority.number)
    _add(source, "Estab", school.estab)
    _add(source, "URN", school.urn)
    _add(source, "SchoolName", school.name)
    _add(source, "AcademicYear", str(AcademicYear.start_year_for(now.date())))
    dest = _add(header, "DestSchool", None)
    _add(dest, "LEA", dest_lea)
    _add(dest, "Estab", dest_estab)
    if dest_urn:
        _add(dest, "URN", dest_urn)
    return header


def pupil_element(pupil: Pupil) -> etree._Element:
    """One Pupil element. Expects ``sen_statuses`` and ``sen_needs`` prefetched, oldest first."""
    element = etree.Element("Pupil")
    _add(element, "UPN", pupil.upn)
    _add(element, "Surname", pupil.legal_last_name)
    _add(element, "Forename", pupil.legal_first_name)
    _add(element, "DOB", pupil.date_of_birth.isoformat())
    _add(element, "Sex", pupil.sex)
    basic = _add(element, "BasicDetails", None)
    if pupil.preferred_last_name:
        _add(basic, "PreferredSurname", pupil.preferred_last_name)
    if pupil.preferred_first_name:
        _add(basic, "PreferredForename", pupil.preferred_first_name)
    _add(basic, "NCyearActual", pupil.year_group)
    statuses = list(pupil.sen_statuses.all())
    needs = list(pupil.sen_needs.all())
    if statuses or needs:
        history = _add(element, "SENhistory", None)
        # One entry per date: a same-day correction replaces the entry it corrected.
        by_date = {status.start_date: status for status in sorted(statuses, key=lambda s: (s.start_date, s.pk))}
        for start, status in sorted(by_date.items()):
            sen = _add(history, "SEN", None)
            _add(sen, "StartDate", start.isoformat())
            _add(sen, "SENprovision", status.provision)
        if needs:
            container = _add(history, "SENneeds", None)
            for need in needs:
                item = _add(container, "SENneed", None)
                _add(item, "SENtype", need.need_type)
                _add(item, "SENtypeRank", str(need.rank))
                _add(item, "NeedStartDate", need.start_date.isoformat())
                if need.end_date:
                    _add(item, "NeedEndDate", need.end_date.isoformat())
    return element


def write_ctf(
    out: IO[bytes],
    *,
    school: School,
    pupils: Iterable[Pupil],
    dest_lea: str,
    dest_estab: str,
    dest_urn: str = "",
    now: datetime,
) -> int:
    """Write a CTF for ``pupils`` to ``out``; returns how many pupils were written."""
    count = 0
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("CTfile"):
            xf.write(
                header_element(school=school, dest_lea=dest_lea, dest_estab=dest_estab, dest_urn=dest_urn, now=now),
                pretty_print=True,
            )
            with xf.element("CTFpupilData"):
                for pupil in pupils:
                    xf.write(pupil_element(pupil), pretty_print=True)
                    count += 1
    return count
