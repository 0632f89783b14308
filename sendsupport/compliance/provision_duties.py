"""Duties about the provision a pupil receives, beside those in ``duties.py``:

- a provision planned but no session registered for two weeks (is the help the pupil's needs call
  for being made? CFA 2014 s.66, best endeavours);
- a pupil whose provision is projected to cost more than the element 2 threshold this year with no
  element 3 top-up recorded or requested;
- a provision past its end date that was never reviewed.

``merge_provisions`` adds the facts these need to the register's facts in a fixed number of
queries: the pupils' memberships, the last session of each provision, the year's costs (from
``provision.selectors.school_costs``, so the figure agrees with the funding page) and the top-ups.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import rules
from django.db.models import F, Max, Q

from sendsupport.compliance.basis import Basis, register
from sendsupport.compliance.duties import Duty, Gap
from sendsupport.compliance.facts import ProvisionDutyFacts, PupilFacts
from sendsupport.core.dates import academic_year_bounds, in_words
from sendsupport.provision.costing import pence_in_words
from sendsupport.provision.models import DeliveredSession, ProvisionMember, TopUp
from sendsupport.provision.selectors import school_costs
from sendsupport.schools.models import School

# Two weeks without a session registered: long enough for a missed week, short enough to act on.
NO_SESSION_DAYS = 14
NO_SESSIONS = "provision_no_sessions"
NO_TOP_UP = "threshold_no_top_up"
NOT_REVIEWED = "provision_not_reviewed"


def _relevant(today: date) -> Q:
    """Memberships of a provision running today (the pupil still in it), or of one that ended without a
    review (the pupil in it when it ended)."""
    running = (
        Q(provision__starts_on__lte=today)
        & (Q(provision__ends_on__isnull=True) | Q(provision__ends_on__gte=today))
        & Q(joined_on__lte=today)
        & (Q(left_on__isnull=True) | Q(left_on__gte=today))
    )
    ended = Q(provision__ends_on__lt=today, provision__reviewed_on__isnull=True) & (
        Q(left_on__isnull=True) | Q(left_on__gte=F("provision__ends_on"))
    )
    return running | ended


def merge_provisions(facts: list[PupilFacts], user: Any, school: School, today: date) -> list[PupilFacts]:
    """Each pupil's running and unreviewed provisions, and (for those who may see costs) the year's
    projected cost and whether a top-up is recorded. A fixed number of queries, none with no pupils."""
    ids = [f.pupil_id for f in facts]
    if not ids:
        return facts
    wanted = set(ids)
    memberships = ProvisionMember.objects.filter(_relevant(today), provision__school=school)
    # The school's memberships, kept for these pupils here rather than by a list of hundreds of ids in
    # the query, which Django turns into parameters one by one: a school has far fewer memberships.
    rows = [
        row
        for row in memberships.order_by("provision__name", "provision_id").values_list(
            "pupil_id",
            "provision_id",
            "provision__name",
            "provision__starts_on",
            "provision__ends_on",
            "provision__reviewed_on",
        )
        if row[0] in wanted
    ]
    last_session = dict(
        # The last session of every provision someone is relevantly in; only the listed pupils' are read.
        DeliveredSession.objects.filter(provision__in=memberships.order_by().values("provision_id"))
        .order_by()
        .values("provision_id")
        .annotate(last=Max("held_on"))
        .values_list("provision_id", "last")
    )
    provisions: dict[int, dict[int, ProvisionDutyFacts]] = defaultdict(dict)
    for pupil_id, provision_id, name, starts_on, ends_on, reviewed_on in rows:
        provisions[pupil_id][provision_id] = ProvisionDutyFacts(
            provision_id, name, starts_on, ends_on, last_session.get(provision_id), reviewed_on
        )
    for f in facts:
        f.provisions = tuple(provisions.get(f.pupil_id, {}).values())
    if not rules.test_rule("provision.view_costs", user, school):
        return facts  # costs stay unknown to anyone who may not see them
    # The school's costs, as the funding page reads them: a pupil's share depends only on the
    # provisions they are in (each is costed whole), so the listed pupils' totals are the same as
    # with only their provisions; and the school's costs are remembered until a provision record
    # changes, so a to-do list worked out again after a note or a concern does not cost the year again.
    costs = school_costs(school, day=today)
    start_year = academic_year_bounds(today)[0].year
    top_ups = TopUp.objects.filter(pupil__school=school, start_year=start_year).values_list("pupil_id", flat=True)
    with_top_up = set(top_ups) & wanted
    for f in facts:
        f.projected_cost_pence = costs.pupil_total(f.pupil_id, "projected_year")
        f.top_up_this_year = f.pupil_id in with_top_up
    return facts


def no_sessions_registered(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """A running provision whose last session (or its start, if none) is more than two weeks ago."""
    gaps = []
    for provision in facts.provisions:
        if not (provision.starts_on <= today and (provision.ends_on is None or today <= provision.ends_on)):
            continue
        since = provision.last_session_on or provision.starts_on
        days = (today - since).days
        if days <= NO_SESSION_DAYS:
            continue
        what = (
            f"the last was on {in_words(provision.last_session_on)}"
            if provision.last_session_on
            else f"none since it started on {in_words(provision.starts_on)}"
        )
        gaps.append(
            Gap(
                NO_SESSIONS,
                facts.pupil_id,
                f"No session of {provision.name} has been registered for {days} days ({what}): check it is "
                "happening, and that sessions are registered.",
                urgency=5,
                days_overdue=days - NO_SESSION_DAYS,
                fix="provision",
                fix_id=provision.provision_id,
            )
        )
    return gaps


def over_threshold_without_top_up(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    threshold = figures["element2_threshold_pence"]
    if facts.projected_cost_pence is None or facts.projected_cost_pence <= threshold or facts.top_up_this_year:
        return []
    return [
        Gap(
            NO_TOP_UP,
            facts.pupil_id,
            f"The pupil's provision is projected to cost {pence_in_words(facts.projected_cost_pence)} this year, "
            f"more than the {pence_in_words(threshold)} the school meets (element 2), and no element 3 top-up is "
            "recorded or requested: ask the local authority for top-up funding, or record its answer.",
            urgency=6,
            fix="top_up",
        )
    ]


def ended_without_review(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    gaps = []
    for provision in facts.provisions:
        if provision.ends_on is None or provision.ends_on >= today or provision.reviewed_on is not None:
            continue
        days = (today - provision.ends_on).days
        gaps.append(
            Gap(
                NOT_REVIEWED,
                facts.pupil_id,
                f"{provision.name} ended on {in_words(provision.ends_on)} and has not been reviewed: record "
                "whether it worked and what happens next.",
                urgency=6,
                days_overdue=days,
                fix="provision_review",
                fix_id=provision.provision_id,
            )
        )
    return gaps


PROVISION_DUTIES = [
    Duty(NO_SESSIONS, "No session of a provision for two weeks", "CFA 2014 s.66", no_sessions_registered),
    Duty(NO_TOP_UP, "Over the element 2 threshold with no top-up", "High needs funding", over_threshold_without_top_up),
    Duty(NOT_REVIEWED, "Provision ended, never reviewed", "CoP 6.54", ended_without_review),
]
# Not breaches in themselves: signs that provision is not being made, paid for or reviewed as it should.
register(NO_SESSIONS, Basis.GOOD_PRACTICE, "CFA 2014 s.66 (best endeavours)")
register(NO_TOP_UP, Basis.GOOD_PRACTICE, "Notional SEN budget and high needs funding guidance (element 3)")
register(NOT_REVIEWED, Basis.GOOD_PRACTICE, "CoP 6.54")
