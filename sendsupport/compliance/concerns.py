"""The duty "concern raised, not yet looked at": a teacher's worry must reach the SENCO.

Most pupils with a concern are not on the SEN register yet, so the register's facts do not hold
them: ``open_concern_facts`` finds them in ONE query and ``merge_concerns`` adds them to the facts
the engine checks (a pupil not on the register gets facts that raise no other duty).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sendsupport.compliance.duties import Duty, Gap
from sendsupport.compliance.facts import ConcernFacts, PupilFacts
from sendsupport.core.dates import in_words
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import School
from sendsupport.support.models import Concern

# After the duties of the register's pupils that the law names, before meetings and plans.
CONCERN_URGENCY = 3


def open_concern_facts(
    user: Any, school: School, pupil_ids: list[int] | None = None, today: date | None = None
) -> tuple[dict[int, list[ConcernFacts]], dict[int, PupilFacts]]:
    """Open concerns per pupil (oldest first), and bare facts for each pupil concerned; one query."""
    pupils = Pupil.objects.visible_to(user).on_roll(today).filter(school=school)
    if pupil_ids is not None:
        pupils = pupils.filter(pk__in=pupil_ids)
    rows = (
        Concern.objects.filter(pupil__in=pupils, cycle__isnull=True, looked_at_on__isnull=True)
        .select_related("pupil", "raised_by")
        .order_by("raised_on", "id")
    )
    concerns: dict[int, list[ConcernFacts]] = defaultdict(list)
    bare: dict[int, PupilFacts] = {}
    for concern in rows:
        pupil = concern.pupil
        raised_by = concern.raised_by
        concerns[pupil.pk].append(
            ConcernFacts(
                concern_id=concern.pk,
                raised_on=concern.raised_on,
                raised_by=(raised_by.get_full_name() or raised_by.username) if raised_by else "someone who has left",
            )
        )
        bare.setdefault(
            pupil.pk,
            PupilFacts(
                pupil_id=pupil.pk,
                name=pupil.display_name,
                year_group=pupil.year_group,
                registration_group_id=pupil.registration_group_id,
                group_ids=frozenset({pupil.registration_group_id} if pupil.registration_group_id else ()),
                teacher_ids=frozenset(),
                provision="N",
                support_started_on=None,
            ),
        )
    return concerns, bare


def merge_concerns(
    facts: list[PupilFacts], user: Any, school: School, pupil_ids: list[int] | None = None, today: date | None = None
) -> list[PupilFacts]:
    """The register's facts with each pupil's open concerns, plus pupils off the register who have one."""
    concerns, bare = open_concern_facts(user, school, pupil_ids, today)
    known = {f.pupil_id for f in facts}
    for f in facts:
        f.open_concerns = concerns.get(f.pupil_id, [])
    for pupil_id, extra in bare.items():
        if pupil_id not in known:
            extra.open_concerns = concerns[pupil_id]
            facts.append(extra)
    return facts


def concern_not_looked_at(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """One gap per pupil, dated from the oldest open concern (the others are counted in the message)."""
    if not facts.open_concerns:
        return []
    oldest = facts.open_concerns[0]
    days = max((today - oldest.raised_on).days, 0)
    age = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
    more = len(facts.open_concerns) - 1
    return [
        Gap(
            "concern_open",
            facts.pupil_id,
            f"{oldest.raised_by} raised a concern on {in_words(oldest.raised_on)} ({age}); not yet looked at."
            + (f" {more} more concern{'s' if more != 1 else ''} waiting." if more else ""),
            urgency=CONCERN_URGENCY,
            days_overdue=days,
            fix="concern",
        )
    ]


CONCERN_DUTY = Duty("concern_open", "Concern raised, not yet looked at", "CoP 6.36-6.38", concern_not_looked_at)
