"""Every read of activities, decisions, adjustments and access arrangements, scoped by the user.

Pages pass a pupil already found with ``pupil_for`` or an activity found with ``activity_for``;
every query starts from ``visible_to(user)``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import rules
from django.db.models import Count, QuerySet
from django.http import Http404

from sendsupport.accounts import access
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import on_roll_at, with_current_sen
from sendsupport.schools.models import School
from sendsupport.statutory.inclusion.models import (
    AccessArrangement,
    Activity,
    ActivityDecision,
    ActivityPlace,
    Adjustment,
)


def activity_for(user: Any, activity_id: int, rule: str) -> Activity:
    """The activity, if the user is staff at its school and passes ``rule`` on it; 404 otherwise."""
    activity = Activity.objects.visible_to(user).select_related("school", "lead").filter(pk=activity_id).first()
    if activity is None or not rules.test_rule(rule, user, activity):
        raise Http404("Not found")
    return activity


def activities_for(user: Any, school: School) -> QuerySet[Activity]:
    """The school's activities with their counts: every one for the SENCO and head, the ones they lead
    for other staff. Newest first."""
    found = Activity.objects.visible_to(user).filter(school=school)
    if not access.manages(user, school):
        found = found.filter(lead=user)
    return (
        found.select_related("lead")
        .annotate(place_count=Count("places", distinct=True), decision_count=Count("decisions", distinct=True))
        .order_by("-starts_on", "name", "id")
    )


def places_on(user: Any, activity: Activity) -> list[ActivityPlace]:
    """The pupils with SEN taking part that the user may see, by name."""
    return list(
        ActivityPlace.objects.visible_to(user)
        .filter(activity=activity)
        .select_related("pupil", "pupil__registration_group")
        .order_by("pupil__legal_last_name", "pupil__legal_first_name", "id")
    )


def decisions_on(user: Any, activity: Activity) -> list[ActivityDecision]:
    return list(
        ActivityDecision.objects.visible_to(user)
        .filter(activity=activity)
        .select_related("pupil", "decided_by")
        .order_by("-decided_on", "-id")
    )


def decisions_at(user: Any, school: School) -> list[ActivityDecision]:
    """Every decision at the school that a pupil could not take part, with names (SENCO and head)."""
    return list(
        ActivityDecision.objects.visible_to(user)
        .filter(activity__school=school)
        .select_related("pupil", "activity", "decided_by")
        .order_by("-decided_on", "-id")
    )


def pupils_with_sen(user: Any, school: School) -> list[Pupil]:
    """Pupils on roll on SEN support or with an EHC plan that the user may see, for choosing who takes part."""
    return list(
        with_current_sen(on_roll_at(user, school))
        .filter(current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN])
        .order_by("legal_last_name", "legal_first_name", "pk")
    )


def adjustments_of(user: Any, pupil: Pupil) -> list[Adjustment]:
    """Every adjustment and aid recorded for the pupil, current ones first."""
    return list(Adjustment.objects.visible_to(user).filter(pupil=pupil).order_by("ended_on", "-since", "-id"))


def current_adjustments(user: Any, pupil: Pupil, *, today: date) -> list[Adjustment]:
    """What is provided now, for the passport (staff and the pupil's parents)."""
    return list(Adjustment.objects.visible_to(user).filter(pupil=pupil).current(today).order_by("since", "id"))


def adjustment_of(user: Any, pupil: Pupil, adjustment_id: int) -> Adjustment:
    found = Adjustment.objects.visible_to(user).filter(pupil=pupil, pk=adjustment_id).first()
    if found is None:
        raise Http404("Not found")
    return found


def arrangements_of(user: Any, pupil: Pupil) -> list[AccessArrangement]:
    return list(AccessArrangement.objects.visible_to(user).filter(pupil=pupil).order_by("-series", "arrangement"))


def places_of(user: Any, pupil: Pupil) -> list[ActivityPlace]:
    return list(
        ActivityPlace.objects.visible_to(user)
        .filter(pupil=pupil)
        .select_related("activity")
        .order_by("-activity__starts_on", "-id")
    )


def decisions_of(user: Any, pupil: Pupil) -> list[ActivityDecision]:
    """Decisions about the pupil: staff who see the pupil read them; so do the parents who were told
    (``family_decisions``), through their own page."""
    return list(
        ActivityDecision.objects.visible_to(user)
        .filter(pupil=pupil)
        .select_related("activity")
        .order_by("-decided_on", "-id")
    )


def family_decisions(user: Any, pupil: Pupil) -> list[ActivityDecision]:
    """For a parent's portal page: the decisions about their child. ``ActivityDecision`` is staff-only
    data (its ``visible_to``), so this reads through the pupils the parent sees: their own children,
    with parental responsibility, the people the decision was sent to."""
    from sendsupport.pupils.rules import can_see_pupil  # the rules import the pupils' selectors

    decisions = ActivityDecision.objects.filter(pupil=pupil)
    # The page has already found that the user sees the child (``portal.selectors.get_child``): the
    # scope would only ask again.
    if not can_see_pupil(user, pupil):
        decisions = decisions.filter(pupil__in=Pupil.objects.visible_to(user).values("pk"))
    return list(decisions.select_related("activity").order_by("-decided_on", "-id"))


def exam_series_at(user: Any, school: School) -> list[str]:
    """The exam series with arrangements at the school, newest written first."""
    return list(
        AccessArrangement.objects.visible_to(user)
        .filter(pupil__school=school)
        .values_list("series", flat=True)
        .distinct()
        .order_by("series")
    )


def exams_list(user: Any, school: School, series: str) -> list[dict[str, Any]]:
    """The exams officer's list for one series: each pupil with their arrangements and evidence."""
    rows: dict[int, dict[str, Any]] = {}
    arrangements = (
        AccessArrangement.objects.visible_to(user)
        .filter(pupil__school=school, series=series)
        .select_related("pupil", "pupil__registration_group")
        .order_by("pupil__legal_last_name", "pupil__legal_first_name", "pupil_id", "arrangement")
    )
    for item in arrangements:
        row = rows.setdefault(item.pupil_id, {"pupil": item.pupil, "arrangements": []})
        row["arrangements"].append(item)
    return list(rows.values())
