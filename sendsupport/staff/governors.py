"""The report for governors: the governing body's best-endeavours duty (CFA 2014 s.66), in numbers.

The report is built from sections. ``settings.GOVERNOR_REPORT_SECTIONS`` lists them, in order, as
dotted paths to functions with this contract::

    def my_section(school: School, *, today: date) -> dict:
        return {"template": "myapp/governors_section.html", "title": "EHC needs assessment requests",
                "id": "ehc-requests", **context}

- ``today`` is the day the report is "as at": today for the current school year, the year's last
  day for an earlier year (so a section that counts "this school year" counts the chosen year).
- ``title`` and ``id`` (optional) name the section in the page's contents list. The template is rendered on
  its own (no request: no forms, no CSRF) with the section's context plus ``school``, ``start_year``,
  ``year_words``, ``as_at`` and ``withheld_note``, and the same HTML goes into the web page and the
  PDF. Start it with ``<h2 class="govuk-heading-m" id="{{ id }}">{{ title }}</h2>``; use GOV.UK
  table markup (the PDF styles plain tables and headings itself).
- Return ``{}`` (or None) to leave the section out, for example when the school does not use the
  feature.
- Governors see no pupil: a section returns counts and money only, never a name, a UPN or a
  per-pupil line, and every count goes through ``sendsupport.core.suppression.suppress`` with the
  sums a reader could check declared, so a count under the threshold cannot be read or worked out.
  ``tests/test_governors_see_no_names.py`` opens the report with every section in it.

This module's own sections are the register, provision and spending against the notional SEN
budget, and meetings and reviews held on time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.module_loading import import_string

from sendsupport.compliance import duties
from sendsupport.compliance.facts import AnnualReviewFacts, EHCPlanFacts, PupilFacts
from sendsupport.compliance.figures import school_figures
from sendsupport.core import dates
from sendsupport.core.suppression import Shown, Sum, suppress, suppress_column
from sendsupport.meetings.selectors import parent_meeting_dates
from sendsupport.provision.models import FundingAllocation
from sendsupport.provision.selectors_funding import day_for_year, funding_summary
from sendsupport.pupils.codes import BroadArea, Provision, broad_area
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus, on_roll_q
from sendsupport.pupils.selectors import ShareableFigures, shareable_figures
from sendsupport.schools.models import School
from sendsupport.statutory.models import AnnualReview, EHCPlan
from sendsupport.support.choices import CycleStatus, PlanStatus
from sendsupport.support.models import Cycle, Plan, Review

# How many school years back the report offers, at most, when records go back that far.
YEARS_OFFERED = 6


def this_year(today: date | None = None) -> int:
    return dates.academic_start_year(today or dates.today())


def years_offered(school: School, *, today: date) -> list[int]:
    """The school years a governor can choose, newest first: back to the first year the school kept
    records here (its first funding allocation or its first cycle of SEN support), at most
    ``YEARS_OFFERED``. Not the register's history: statuses imported from before would offer years
    with no meetings or reviews recorded, and the report would read as if none were held."""
    current = this_year(today)
    first_allocation = (
        FundingAllocation.objects.filter(school=school).order_by("start_year").values_list("start_year", flat=True)
    ).first()
    first_cycle = Cycle.objects.filter(pupil__school=school).order_by("opened_on").values_list("opened_on", flat=True)
    first_cycle_on = first_cycle.first()
    known = [year for year in (first_allocation, first_cycle_on and dates.academic_start_year(first_cycle_on)) if year]
    earliest = max(min([current, *known]), current - YEARS_OFFERED + 1)
    return list(range(current, earliest - 1, -1))


def year_words(start_year: int) -> str:
    return f"{start_year} to {start_year + 1}"


def report_day(start_year: int, *, today: date) -> date:
    """The day the report is as at: today in the current year, the last day of an earlier year."""
    return day_for_year(start_year, today)


def section_functions() -> list[Callable[..., dict[str, Any] | None]]:
    return [import_string(path) for path in settings.GOVERNOR_REPORT_SECTIONS]


@dataclass(frozen=True)
class Section:
    title: str
    id: str
    html: str  # rendered from the section's template and context


def report_sections(school: School, *, today: date, shared: dict[str, Any]) -> list[Section]:
    """Every section in ``GOVERNOR_REPORT_SECTIONS`` for ``school`` as at ``today``, rendered with
    ``shared`` (the page's common context); empty ones left out."""
    found = []
    for section in section_functions():
        context = section(school, today=today)
        if not context:
            continue
        html = render_to_string(context["template"], {**shared, **context})
        # A section written to the bare contract ({"template": ...}) still shows; it is only left out of
        # the contents list, which needs a title and an id to link to.
        found.append(Section(title=context.get("title", ""), id=context.get("id", ""), html=html))
    return found


# --- The register ---------------------------------------------------------------------------------


def register_section(school: School, *, today: date) -> dict[str, Any]:
    """Pupils by status and primary need. This year: the overview's own figures. An earlier year: the
    register as it stood on the year's last day, read from the status and needs history, with the same
    sums declared for suppression (support and plans add up to the pupils with SEN, and so do the areas)."""
    current = this_year(today) == this_year()
    return {
        "template": "schools/governors/register.html",
        "title": "Pupils on the SEN register",
        "id": "register",
        "current": current,
        "figures": shareable_figures(school) if current else register_as_at(school, today),
    }


def register_as_at(school: School, day: date) -> ShareableFigures:
    """The register on ``day`` from its history: who was on roll, their status, and their primary need
    then. Three queries. Year groups are left out: a pupil's year group is kept only as it is now."""
    on_roll = Pupil.objects.on_roll(day).filter(school=school, on_roll_from__lte=day).count()
    register = _pupils_on_register(school, day)
    primary = dict(
        SENNeed.objects.filter(pupil_id__in=list(register), rank=1, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("pupil_id", "start_date", "pk")
        .values_list("pupil_id", "need_type")
    )
    values: dict[Any, int] = {"on_roll": on_roll, "K": 0, "E": 0}
    values.update({("area", area.label): 0 for area in BroadArea})
    for pupil_id, (status, _, _) in register.items():
        values[status] += 1
        if pupil_id in primary:
            values[("area", broad_area(primary[pupil_id]).label)] += 1
    values["sen"] = values["K"] + values["E"]
    sums = [Sum("sen", ["K", "E"]), Sum("sen", [("area", area.label) for area in BroadArea])]
    shown = suppress(values, sums, hidden=["sen"])
    return ShareableFigures(
        on_roll=shown["on_roll"],
        sen_support=shown["K"],
        ehc_plan=shown["E"],
        by_area=[(area.value, area.label, shown[("area", area.label)]) for area in BroadArea],
        by_year_group=[],
    )


# --- Provision and spending -----------------------------------------------------------------------


def spending_section(school: School, *, today: date) -> dict[str, Any]:
    """The year's allocations against the cost of provision, planned and delivered, in totals only.

    Every figure comes from ``provision.selectors_funding.funding_summary`` (the funding page's own
    arithmetic). It is asked with no user, so its list of pupils over the threshold is empty: this
    section never names or lists a pupil."""
    start_year = this_year(today)
    summary = funding_summary(None, school, start_year, today=today)
    costs = summary.costs
    # Every pupil with a share of a provision running in the year, costed or not; no total is shown
    # beside it, so it is withheld on its own when small.
    (pupils_with_provision,) = suppress_column([len(costs.pupils)])
    return {
        "template": "schools/governors/spending.html",
        "title": "Provision and spending",
        "id": "spending",
        "summary": summary,
        "allocation": summary.allocation,
        "planned_to_date": costs.total("planned_to_date"),
        "delivered_to_date": costs.total("delivered_to_date"),
        "planned_year": costs.total("planned_year"),
        "projected_year": summary.projected_total,
        "provisions_running": len(costs.provisions),
        "uncosted": len(costs.uncosted),
        "pupils_with_provision": pupils_with_provision,
        "by_stream": [(label, pence) for label, pence in summary.by_stream if pence],
        "year_over": today >= dates.academic_year_end(start_year),
        "shortfall": -summary.left_over if summary.left_over is not None and summary.left_over < 0 else None,
    }


# --- Meetings and reviews held on time ------------------------------------------------------------


@dataclass(frozen=True)
class OnTime:
    """Reviews or meetings due in the year, split three ways; each figure as shown (small ones withheld)."""

    due: Shown
    on_time: Shown
    late: Shown
    not_yet: Shown  # due, not held, and now overdue (or, for meetings, fewer held than expected)

    @classmethod
    def of(cls, on_time: int, late: int, not_yet: int) -> OnTime:
        values = {"due": on_time + late + not_yet, "on_time": on_time, "late": late, "not_yet": not_yet}
        shown = suppress(values, [Sum("due", ["on_time", "late", "not_yet"])])
        return cls(**shown)


def _pupils_on_register(school: School, day: date) -> dict[int, tuple[str, date, date]]:
    """Pupils on roll on ``day`` and on the register that day: {id: (status, start of the unbroken time
    on the register, the day they joined the roll)}. Read from the status history, so an earlier year
    is counted as it was then. Two queries."""
    joined = dict(
        Pupil.objects.on_roll(day).filter(school=school, on_roll_from__lte=day).values_list("pk", "on_roll_from")
    )
    rows = (
        SENStatus.objects.filter(pupil_id__in=list(joined), start_date__lte=day)
        .order_by("pupil_id", "-start_date", "-id")
        .values_list("pupil_id", "provision", "start_date")
    )
    found: dict[int, tuple[str, date, date]] = {}
    broken: set[int] = set()
    for pupil_id, provision, start_date in rows:
        if pupil_id in broken:
            continue
        if provision not in (Provision.SEN_SUPPORT, Provision.EHC_PLAN):
            broken.add(pupil_id)
            continue
        current = found.get(pupil_id)
        found[pupil_id] = (current[0] if current else provision, start_date, joined[pupil_id])
    return found


def _facts(*, pupil_id: int, provision: str, **known: Any) -> PupilFacts:
    """A pupil's facts as the to-do list's rules read them, with only what a figure here needs: the
    report asks the rules themselves whether something was on time, never a second definition."""
    return PupilFacts(
        pupil_id=pupil_id,
        name="",
        year_group="",
        registration_group_id=None,
        group_ids=frozenset(),
        teacher_ids=frozenset(),
        provision=provision,
        support_started_on=None,
        **known,
    )


def _parent_meetings(school: School, day: date, figures: dict) -> OnTime:
    """Pupils on the register who met their parents as often as expected by ``day``: the to-do list's
    own rule (``compliance.duties.too_few_parent_meetings``) asked of each pupil as at that day."""
    register = _pupils_on_register(school, day)
    year_start, year_end = dates.academic_year_bounds(day)
    met = parent_meeting_dates(list(register), year_start, year_end)
    for pupil_id, held_on in Review.objects.filter(
        pupil_id__in=list(register), parents_attended=True, held_on__gte=year_start, held_on__lte=day
    ).values_list("pupil_id", "held_on"):
        met[pupil_id].add(held_on)  # a review the parents attended is a meeting with them (CoP 6.65)
    enough = short = 0
    for pupil_id, (status, on_register_from, joined_on) in register.items():
        facts = _facts(
            pupil_id=pupil_id,
            provision=status,
            joined_on=joined_on,
            register_started_on=on_register_from,
            meeting_dates=frozenset(d for d in met.get(pupil_id, ()) if d <= day),
        )
        if duties.too_few_parent_meetings(facts, day, figures):
            short += 1
        else:
            enough += 1
    return OnTime.of(enough, 0, short)


def _support_reviews(school: School, day: date, figures: dict) -> OnTime:
    """SEN support plans whose review date fell in the year up to ``day``: reviewed by that date, reviewed
    after it, or still not reviewed. "On time" is the to-do list's: ``duties.review_overdue`` asked on the
    day of the review finds nothing overdue."""
    year_start, _ = dates.academic_year_bounds(day)
    plans = (
        Plan.objects.filter(
            on_roll_q(day, prefix="pupil__"),
            pupil__school=school,
            status=PlanStatus.AGREED,
            review_date__gte=year_start,
            review_date__lte=day,
        )
        # A plan never reviewed counts only while its cycle is open, as on the to-do list: a cycle
        # closed without a review (the pupil moved to an EHC plan) has no review left to hold.
        .filter(Q(review__isnull=False) | Q(cycle__status=CycleStatus.OPEN))
        .values_list("pk", "pupil_id", "review_date", "review__held_on")
    )
    on_time = late = not_yet = 0
    for plan_id, pupil_id, review_date, held_on in plans:
        as_at = held_on if held_on is not None and held_on <= day else day
        facts = _facts(
            pupil_id=pupil_id,
            provision=Provision.SEN_SUPPORT,
            plan_id=plan_id,
            plan_agreed=True,
            plan_review_date=review_date,
            plan_reviewed=False,  # as it stood on the day before the review was recorded
        )
        overdue = bool(duties.review_overdue(facts, as_at, figures))
        if held_on is None or held_on > day:
            not_yet += overdue
            continue
        if overdue:
            late += 1
        else:
            on_time += 1
    return OnTime.of(on_time, late, not_yet)


def _annual_reviews(school: School, day: date, figures: dict) -> OnTime:
    """EHC plans whose annual review fell due in the year up to ``day``: held by the due date, held after
    it, or not yet held. The due date is the to-do list's (``duties.annual_review_due``: twelve months
    from the plan or its last review), asked as at the day of each review meeting."""
    year_start, _ = dates.academic_year_bounds(day)
    plans = list(
        EHCPlan.objects.filter(on_roll_q(day, prefix="pupil__"), pupil__school=school, issued_on__lte=day)
        .exclude(ceased_on__lt=year_start)
        .values_list("pk", "pupil_id", "issued_on", "ceased_on")
    )
    reviews: dict[int, list[AnnualReviewFacts]] = defaultdict(list)
    for row in (
        AnnualReview.objects.filter(plan_id__in=[plan[0] for plan in plans], held=True, meeting_on__lte=day)
        .order_by("meeting_on", "id")
        .values("plan_id", "meeting_on", "invitations_sent_on", "advice_circulated_on", "held")
    ):
        reviews[row.pop("plan_id")].append(AnnualReviewFacts(**row))
    on_time = late = not_yet = 0
    months = figures["annual_review_months"]
    for plan_id, pupil_id, issued_on, ceased_on in plans:
        held = reviews.get(plan_id, [])
        # Walk the plan's reviews in order: each one answers the review due after the one before.
        for index in range(len(held) + 1):
            before = tuple(held[:index])
            last = max([issued_on, *(r.meeting_on for r in before)])
            due = duties._add_months(last, months)
            if not year_start <= due <= day or (ceased_on is not None and ceased_on < due):
                continue
            meeting = held[index] if index < len(held) else None
            facts = _facts(
                pupil_id=pupil_id,
                provision=Provision.EHC_PLAN,
                ehc_plan=EHCPlanFacts(issued_on=issued_on, annual_reviews=before),
            )
            gaps = duties.annual_review_due(facts, meeting.meeting_on if meeting else day, figures)
            overdue = any(gap.days_overdue > 0 for gap in gaps)
            if meeting is None:
                not_yet += overdue
            elif overdue:
                late += 1
            else:
                on_time += 1
    return OnTime.of(on_time, late, not_yet)


def timeliness_section(school: School, *, today: date) -> dict[str, Any]:
    """Meetings with parents against the school's yearly number, SEN support reviews on time, and EHC
    plan annual reviews on time, for the school year holding ``today`` up to that day."""
    figures = school_figures(school, today)
    return {
        "template": "schools/governors/timeliness.html",
        "title": "Meetings and reviews held on time",
        "id": "on-time",
        "meetings_per_year": figures["parent_meetings_per_year"],
        "meetings": _parent_meetings(school, today, figures),
        "support_reviews": _support_reviews(school, today, figures),
        "annual_reviews": _annual_reviews(school, today, figures),
        "annual_review_months": figures["annual_review_months"],
    }
