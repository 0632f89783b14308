"""The SENCO's to-do list: every duty for every pupil on the register, most urgent first.

The list is one line per pupil with all their gaps (``lines``), filterable by duty and by basis
in law, and paged by the view; ``items`` keeps one entry per gap for callers that want them.
Everything is computed in memory from facts gathered in a fixed number of queries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from django.urls import reverse

from sendsupport.compliance.basis import Basis, Standing, standing_of
from sendsupport.compliance.concerns import CONCERN_DUTY, merge_concerns
from sendsupport.compliance.duties import DUTIES, Duty, Gap
from sendsupport.compliance.ehc_clock_duties import EHC_CLOCK_DUTIES
from sendsupport.compliance.ehc_plan_duties import EHC_PLAN_DUTIES
from sendsupport.compliance.facts import PupilFacts
from sendsupport.compliance.figures import school_figures
from sendsupport.compliance.loader import school_facts
from sendsupport.compliance.provision_duties import PROVISION_DUTIES, merge_provisions
from sendsupport.schools.memo import already_known, records_version, remembered
from sendsupport.schools.models import School


def all_duties() -> list[Duty]:
    """The duties in ``duties.py`` and those defined beside it, in the order the summary lists them."""
    return [CONCERN_DUTY, *DUTIES, *EHC_PLAN_DUTIES, *EHC_CLOCK_DUTIES, *PROVISION_DUTIES]


def duty_titles() -> dict[str, str]:
    return {duty.code: duty.title for duty in all_duties()}


@dataclass(frozen=True)
class TodoFilters:
    year_group: str = ""
    group_id: int | None = None
    teacher_id: int | None = None
    duty: str = ""  # a duty code: only pupils with this gap, and only this gap shown
    basis: Basis | None = None  # only gaps of this strength in law

    def keep(self, facts: PupilFacts) -> bool:
        if self.year_group and facts.year_group != self.year_group:
            return False
        if self.group_id and self.group_id not in facts.group_ids:
            return False
        return not (self.teacher_id and self.teacher_id not in facts.teacher_ids)

    def keep_gap(self, gap: Gap) -> bool:
        if self.duty and gap.duty != self.duty:
            return False
        return not (self.basis is not None and standing_of(gap.duty).basis != self.basis)


@dataclass(frozen=True)
class TodoItem:
    gap: Gap
    pupil_name: str
    facts: PupilFacts = field(repr=False, compare=False)
    title: str = ""
    standing: Standing = field(default_factory=lambda: standing_of(""))

    @cached_property
    def link(self) -> str:
        """Where the gap is fixed, worked out only for the items a page shows: the list has a
        thousand items and the home page shows a handful, so a ``reverse()`` for each was waste."""
        return fix_link(self.gap, self.facts)


@dataclass
class TodoLine:
    """One pupil and every gap found for them, most urgent first."""

    pupil_id: int
    pupil_name: str
    items: list[TodoItem]

    @property
    def first(self) -> TodoItem:
        return self.items[0]

    def sort_key(self) -> tuple:
        gap = self.first.gap
        return (gap.urgency, self.first.standing.basis, -gap.days_overdue, self.pupil_name, self.pupil_id)


@dataclass
class TodoList:
    lines: list[TodoLine] = field(default_factory=list)  # one per pupil, most urgent first
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (code, title, pupils), every duty
    pupils_checked: int = 0

    @cached_property
    def items(self) -> list[TodoItem]:
        """One per gap, most urgent first: sorted only when asked for, as the pages show lines."""
        return sorted((item for line in self.lines for item in line.items), key=gap_sort_key)

    @property
    def summary(self) -> list[tuple[str, str, int, Standing]]:
        """The counts with each duty's basis in law, for the summary by duty."""
        return [(code, title, count, standing_of(code)) for code, title, count in self.counts]


def most_urgent(lines: list[TodoLine], count: int) -> list[TodoLine]:
    """The ``count`` most urgent pupils, but varied: first the most urgent pupil for each duty that
    leads someone's line, then the next most urgent. After an import, 60 pupils share the same top
    gap; the home page should still show that a concern or a meeting is waiting too."""
    picked: list[TodoLine] = []
    seen: set[str] = set()
    for line in lines:
        if len(picked) < count and line.first.gap.duty not in seen:
            seen.add(line.first.gap.duty)
            picked.append(line)
    for line in lines:
        if len(picked) >= count:
            break
        if line not in picked:
            picked.append(line)
    return sorted(picked, key=TodoLine.sort_key)


def fix_link(gap: Gap, facts: PupilFacts) -> str:
    """Where the gap is fixed: the page that records what is missing."""
    pupil = facts.pupil_id
    cycle = facts.cycle_number
    if gap.fix == "concern" and facts.open_concerns:
        return reverse("support:concern", args=[pupil, facts.open_concerns[0].concern_id])
    if gap.fix == "notification":
        return reverse("support:notify_pupil", args=[pupil])
    if gap.fix == "review" and gap.duty == "review_overdue" and cycle:
        return reverse("support:review_new", args=[pupil, cycle])
    if gap.fix == "plan" and cycle:
        name = "support:plan" if facts.plan_id else "support:plan_new"
        return reverse(name, args=[pupil, cycle])
    if gap.fix == "meetings":
        return reverse("meetings:add", args=[pupil])
    if gap.fix == "meetings_list":
        return reverse("meetings:list", args=[pupil])
    if gap.fix == "ehc_request":
        return reverse("ehc_evidence:start", args=[pupil])
    if gap.fix == "ehc_clocks" and gap.fix_id:
        return reverse("ehc:request", args=[pupil, gap.fix_id])
    if gap.fix == "ehc_plan":
        return reverse("statutory:pupil", args=[pupil])
    if gap.fix == "specialists":
        return reverse("specialists:add", args=[pupil])
    if gap.fix == "passport":
        return reverse("profiles:passport", args=[pupil])
    if gap.fix == "provision" and gap.fix_id:
        return reverse("provision:costs_provision", args=[gap.fix_id])
    if gap.fix == "provision_review" and gap.fix_id:
        return reverse("provision:costs_review", args=[gap.fix_id])
    if gap.fix == "top_up":
        return reverse("provision:top_up_add", args=[pupil])
    return reverse("support:timeline", args=[pupil])


def gap_sort_key(item: TodoItem) -> tuple:
    """Most urgent first; at equal urgency the stronger duty in law; then the longest overdue."""
    return (item.gap.urgency, item.standing.basis, -item.gap.days_overdue, item.gap.pupil_id)


@dataclass(frozen=True)
class CheckedPupil:
    """One pupil's facts and every gap found in them, before any filter."""

    facts: PupilFacts
    gaps: tuple[Gap, ...]


def checked_pupils(user: Any, school: School, *, today: date, pupil_ids: list[int] | None = None) -> list[CheckedPupil]:
    """Every duty checked for the pupils ``user`` may see at ``school`` (or only ``pupil_ids``).

    Remembered between requests until any of the school's records changes (``schools.memo``):
    the home page, the to-do list and the pupil pages all start from this. A pupil page takes its
    pupil's part of the whole school's answer when this process has it (the SENCO usually comes
    from the home page or the to-do list), and works out that one pupil otherwise."""
    version = records_version(school.pk)
    whole_school = ("checked", getattr(user, "pk", None), school.pk, today, None, version)
    if pupil_ids is None:
        return remembered(whole_school, lambda: _check(user, school, today, None))
    known = already_known(whole_school)
    if known is not None:
        wanted = set(pupil_ids)
        return [one for one in known if one.facts.pupil_id in wanted]
    these_pupils = (*whole_school[:4], tuple(pupil_ids), version)
    return remembered(these_pupils, lambda: _check(user, school, today, pupil_ids))


def _check(user: Any, school: School, today: date, pupil_ids: list[int] | None) -> list[CheckedPupil]:
    facts_all = merge_concerns(school_facts(user, school, today, pupil_ids), user, school, pupil_ids, today)
    facts_all = merge_provisions(facts_all, user, school, today)
    numbers = school_figures(school, today)
    duties = all_duties()
    return [
        CheckedPupil(facts, tuple(gap for duty in duties for gap in duty.check(facts, today, numbers)))
        for facts in facts_all
    ]


def todo_list(
    user: Any,
    school: School,
    *,
    today: date,
    filters: TodoFilters = TodoFilters(),
    pupil_ids: list[int] | None = None,
) -> TodoList:
    """The to-do list for the pupils ``user`` may see at ``school`` (or only ``pupil_ids``)."""
    checked = [one for one in checked_pupils(user, school, today=today, pupil_ids=pupil_ids) if filters.keep(one.facts)]
    duties = all_duties()
    titles = duty_titles()
    per_pupil: dict[int, list[TodoItem]] = {}
    counted: Counter[str] = Counter()
    for one in checked:
        counted.update({gap.duty for gap in one.gaps})
        kept = [
            TodoItem(gap, one.facts.name, one.facts, titles.get(gap.duty, gap.duty), standing_of(gap.duty))
            for gap in one.gaps
            if filters.keep_gap(gap)
        ]
        if kept:
            per_pupil[one.facts.pupil_id] = sorted(kept, key=gap_sort_key)
    lines = sorted(
        (TodoLine(pupil_id, items[0].pupil_name, items) for pupil_id, items in per_pupil.items()),
        key=TodoLine.sort_key,
    )
    return TodoList(
        lines=lines,
        counts=[(duty.code, duty.title, counted.get(duty.code, 0)) for duty in duties],
        pupils_checked=len([one for one in checked if one.facts.provision in ("K", "E")]),
    )
