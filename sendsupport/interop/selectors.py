"""Every read the data-exchange app makes, scoped by the user.

``user=None`` means the command line (``sendsupport export-ctf`` and friends): the operator
already holds the whole database, so reads are scoped by school only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from sendsupport.interop.models import CensusSettings, CSVColumnMapping, ImportRun, TransferProblem
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus, on_roll_q
from sendsupport.pupils.selectors import visible_pupils
from sendsupport.schools.models import AcademicYear, School


def school_pupils(user: Any, school: School) -> QuerySet[Pupil]:
    if user is None:
        return Pupil.objects.filter(school=school)
    return visible_pupils(user).filter(school=school)


def pupils_for_transfer(user: Any, school: School, upns: list[str] | None) -> QuerySet[Pupil]:
    """The pupils to put in a CTF, with their whole SEN history and needs (three queries per chunk)."""
    pupils = school_pupils(user, school)
    if upns is not None:
        pupils = pupils.filter(upn__in=upns)
    return pupils.order_by("legal_last_name", "legal_first_name", "pk").prefetch_related(
        Prefetch("sen_statuses", queryset=SENStatus.objects.order_by("start_date", "id")),
        Prefetch("sen_needs", queryset=SENNeed.objects.order_by("start_date", "rank", "id")),
    )


def census_day(term: str, year: int) -> date:
    """The census day of ``term`` in calendar year ``year`` (autumn 2025, spring 2026, ...)."""
    start_year = year if term == "autumn" else year - 1
    stored = AcademicYear.objects.filter(start_year=start_year).first()
    days = (
        {
            "autumn_census": stored.autumn_census,
            "spring_census": stored.spring_census,
            "summer_census": stored.summer_census,
        }
        if stored
        else AcademicYear.default_census_days(start_year)
    )
    return days[f"{term}_census"]


def pupils_on_roll(user: Any, school: School, day: date) -> QuerySet[Pupil]:
    """Pupils on roll on ``day`` with the SEN status and needs in force that day, prefetched."""
    on_roll = Q(on_roll_from__lte=day) & on_roll_q(day)
    return (
        school_pupils(user, school)
        .filter(on_roll)
        .order_by("legal_last_name", "legal_first_name", "pk")
        .prefetch_related(
            Prefetch(
                "sen_statuses",
                queryset=SENStatus.objects.filter(start_date__lte=day).order_by("-start_date", "-id"),
                to_attr="statuses_by_day",
            ),
            Prefetch(
                "sen_needs",
                queryset=SENNeed.objects.filter(
                    Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gt=day))
                ).order_by("rank", "id"),
                to_attr="needs_on_day",
            ),
        )
    )


def census_settings_for(school: School) -> CensusSettings:
    """The school's census settings; unsaved defaults (no SEN unit, no resourced provision) if none yet."""
    return CensusSettings.objects.filter(school=school).first() or CensusSettings(school=school)


def provision_members(user: Any, school: School) -> dict[str, int]:
    """How many pupils the user can see are recorded as members of the SEN unit and of resourced provision."""
    pupils = school_pupils(user, school)
    return {
        "sen_unit": pupils.filter(in_sen_unit=True).count(),
        "resourced_provision": pupils.filter(in_resourced_provision=True).count(),
    }


def open_transfer_problems(pupil: Pupil) -> list[TransferProblem]:
    """A pupil's SEN record problems from an imported CTF that are not fixed yet. The caller has
    already found the pupil through a user-scoped selector and checked the user manages the school."""
    return list(TransferProblem.objects.filter(pupil=pupil, fixed_at__isnull=True))


def transfer_problem_for(pupil: Pupil, problem_id: int) -> TransferProblem:
    """One of the (already visible) pupil's transfer problems; 404 for any other."""
    problem = TransferProblem.objects.filter(pk=problem_id, pupil=pupil).first()
    if problem is None:
        raise Http404("No such problem")
    return problem


def saved_csv_columns(school: School) -> dict[str, str]:
    mapping = CSVColumnMapping.objects.filter(school=school).first()
    return dict(mapping.columns) if mapping else {}


def import_runs(school: School) -> QuerySet[ImportRun]:
    """Past and pending imports at a school; callers check ``manage_school`` first."""
    return ImportRun.objects.filter(school=school).select_related("created_by").order_by("-created_at", "-id")


def get_import_run(school: School, run_id: int) -> ImportRun:
    run = import_runs(school).filter(pk=run_id).first()
    if run is None:
        raise Http404("No such import")
    return run


def upns_by_pupil_id(user: Any, school: School, upns: list[str]) -> dict[str, int]:
    """Pupil ids for UPNs, so a report can link each problem to the pupil's record."""
    return dict(school_pupils(user, school).filter(upn__in=upns).values_list("upn", "pk"))
