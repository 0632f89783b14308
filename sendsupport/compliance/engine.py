"""The SENCO's to-do list: every duty for every pupil on the register, most urgent first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse

from sendsupport.compliance.duties import DUTIES, Gap, gaps_for, sort_gaps
from sendsupport.compliance.facts import PupilFacts
from sendsupport.compliance.figures import school_figures
from sendsupport.compliance.loader import school_facts
from sendsupport.schools.models import School


@dataclass(frozen=True)
class TodoFilters:
    year_group: str = ""
    group_id: int | None = None
    teacher_id: int | None = None

    def keep(self, facts: PupilFacts) -> bool:
        if self.year_group and facts.year_group != self.year_group:
            return False
        if self.group_id and self.group_id not in facts.group_ids:
            return False
        return not (self.teacher_id and self.teacher_id not in facts.teacher_ids)


@dataclass(frozen=True)
class TodoItem:
    gap: Gap
    pupil_name: str
    link: str


@dataclass
class TodoList:
    items: list[TodoItem] = field(default_factory=list)
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (code, title, count), every duty
    pupils_checked: int = 0


def fix_link(gap: Gap, facts: PupilFacts) -> str:
    """Where the gap is fixed: the page that records what is missing."""
    pupil = facts.pupil_id
    cycle = facts.cycle_number
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
    if gap.fix in ("ehc_request", "ehc_plan"):
        return reverse("statutory:pupil", args=[pupil])
    if gap.fix == "specialists":
        return reverse("specialists:add", args=[pupil])
    if gap.fix == "passport":
        return reverse("profiles:passport", args=[pupil])
    return reverse("support:timeline", args=[pupil])


def todo_list(user: Any, school: School, *, today: date, filters: TodoFilters = TodoFilters()) -> TodoList:
    all_facts = [facts for facts in school_facts(user, school, today) if filters.keep(facts)]
    by_pupil = {facts.pupil_id: facts for facts in all_facts}
    gaps: list[Gap] = []
    numbers = school_figures(school, today)
    for facts in all_facts:
        gaps.extend(gaps_for(facts, today, numbers))
    gaps = sort_gaps(gaps)
    counted = Counter(gap.duty for gap in gaps)
    return TodoList(
        items=[TodoItem(gap, by_pupil[gap.pupil_id].name, fix_link(gap, by_pupil[gap.pupil_id])) for gap in gaps],
        counts=[(duty.code, duty.title, counted.get(duty.code, 0)) for duty in DUTIES],
        pupils_checked=len(all_facts),
    )
