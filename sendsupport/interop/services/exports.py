"""Files that leave the system: a CTF for leaving pupils, and the census SEN return. Each is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from sendsupport.audit.services import record_export
from sendsupport.core.dates import in_words
from sendsupport.interop import census, selectors
from sendsupport.interop.ctf_writer import DEST_ESTAB, DEST_LEA, write_ctf
from sendsupport.interop.problems import Problem
from sendsupport.pupils.models import Pupil, on_roll_q
from sendsupport.pupils.upn import UPNError, validate_upn
from sendsupport.schools.models import School, urn_validator


def check_destination(*, dest_lea: str, dest_estab: str, dest_urn: str = "") -> dict[str, str]:
    errors = {}
    if not DEST_LEA.match(dest_lea or ""):
        errors["dest_lea"] = "Enter the destination LA number as three digits, like 330 (or MMM if not known)."
    if not DEST_ESTAB.match(dest_estab or ""):
        errors["dest_estab"] = "Enter the establishment number as four digits, like 2100 (or MMMM if not known)."
    if dest_urn:
        try:
            urn_validator(dest_urn)
        except ValidationError:
            errors["dest_urn"] = "Enter the URN as six or seven digits, or leave it blank."
    return errors


def export_ctf(
    *,
    out: IO[bytes],
    school: School,
    by: Any,
    upns: list[str] | None,
    dest_lea: str,
    dest_estab: str,
    dest_urn: str = "",
    now: datetime | None = None,
    pupil: Pupil | None = None,
) -> int:
    """Write a CTF of the given pupils (``upns=None``: every pupil on roll now) and log the export."""
    errors = check_destination(dest_lea=dest_lea, dest_estab=dest_estab, dest_urn=dest_urn)
    now = now or timezone.localtime()
    if upns is not None:
        wanted = []
        for raw in upns:
            try:
                wanted.append(validate_upn(raw))
            except UPNError as error:
                errors.setdefault("upns", f"{raw}: {error}")
        if not errors:
            found = set(selectors.school_pupils(by, school).filter(upn__in=wanted).values_list("upn", flat=True))
            missing = [u for u in wanted if u not in found]
            if missing:
                errors["upns"] = f"No pupil at {school.name} has the UPN {', '.join(missing[:10])}."
        upns = wanted
    if errors:
        raise ValidationError(errors)
    pupils = selectors.pupils_for_transfer(by, school, upns)
    if upns is None:
        pupils = pupils.filter(on_roll_q())
    count = write_ctf(
        out,
        school=school,
        pupils=pupils.iterator(chunk_size=500),
        dest_lea=dest_lea,
        dest_estab=dest_estab,
        dest_urn=dest_urn,
        now=now,
    )
    record_export(
        user=by,
        school_id=school.pk,
        pupil=pupil,
        what=f"Common Transfer File of {count} pupil{'s' if count != 1 else ''} for establishment {dest_lea}/{dest_estab}",
    )
    return count


@dataclass
class CensusResult:
    census: census.CensusReturn
    pupils: int
    problems: list[Problem]


def build_census(
    *, school: School, by: Any, term: str, year: int
) -> tuple[census.CensusReturn, list[census.CensusPupil]]:
    if term not in census.TERMS:
        raise ValidationError({"term": "Choose the autumn, spring or summer census."})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "Enter the census year as four digits, like 2026."})
    census_return = census.census_return(school, term, year)
    return census_return, list(census.census_pupils(by, school, term, census_return.day))


def census_report(*, school: School, by: Any, term: str, year: int) -> CensusResult:
    """The validation report for a census, before anything is written."""
    census_return, pupils = build_census(school=school, by=by, term=term, year=year)
    return CensusResult(census_return, len(pupils), census.check_return(census_return, pupils))


def export_census(*, out: IO[bytes], school: School, by: Any, term: str, year: int) -> CensusResult:
    """Write the census SEN return and log the export; returns the validation report with it."""
    census_return, pupils = build_census(school=school, by=by, term=term, year=year)
    count = census.write_census(out, census_return, pupils)
    record_export(
        user=by,
        school_id=school.pk,
        pupil=None,
        what=f"School census SEN return, {term} {year}: {count} pupils on roll on {in_words(census_return.day)}",
    )
    return CensusResult(census_return, count, census.check_return(census_return, pupils))
