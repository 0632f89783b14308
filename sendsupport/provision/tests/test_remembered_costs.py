"""The school's costs are worked out once and remembered until a provision record, or the school's
calendar or policy, changes: a second reader pays one query, a change to what the costs are made of
is seen at once, and a note or a concern saved leaves them standing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings

from sendsupport.core import dates
from sendsupport.provision.choices import DelivererRole
from sendsupport.provision.models import Provision, ProvisionMember
from sendsupport.provision.selectors import school_costs
from sendsupport.provision.services.funding import set_role_cost
from sendsupport.provision.services.sessions import register_session
from sendsupport.schools.memo import costs_version, records_version
from sendsupport.schools.models import SchoolPolicy
from sendsupport.support.services.cycles import raise_concern

pytestmark = pytest.mark.django_db


def test_a_second_reader_gets_the_same_answer_for_one_query(provision, school, role_costs, django_assert_num_queries):
    first = school_costs(school)
    assert first.total("planned_year") > 0
    with django_assert_num_queries(1):  # the school's records version, nothing else
        again = school_costs(school)
    assert again is first


def test_a_changed_hourly_cost_is_seen_at_once(provision, school, senco, role_costs):
    before = school_costs(school).total("planned_year")
    set_role_cost(school=school, by=senco, role=DelivererRole.TA, hourly_pence=3600)  # £18 an hour to £36
    after = school_costs(school).total("planned_year")
    assert after == pytest.approx(2 * before, abs=2)  # each provision's total rounds to the penny


def test_another_day_is_worked_out_for_that_day(provision, school, role_costs):
    today = dates.today()
    assert school_costs(school, day=today) is not school_costs(school, day=today + timedelta(days=1))


def test_a_remembered_answer_is_never_changed_by_a_reader(provision, school, role_costs, pupil):
    costs = school_costs(school)
    costs.pupils.get(10**9, [])  # a pupil with no shares, looked up as the pages do
    assert 10**9 not in costs.pupils
    with pytest.raises(KeyError):  # a plain dict: a careless reader fails instead of growing it
        costs.pupils[10**9]  # noqa: B018


@override_settings(REMEMBER_LISTS_SECONDS=0)
def test_with_remembering_off_every_reader_works_them_out(provision, school, role_costs):
    assert school_costs(school) is not school_costs(school)


# A day in the provision fixture's year (it runs from 7 September 2026).
DAY = date(2026, 10, 1)


def half_hour_on_15_september(provision, by, attendance: dict[int, str]) -> None:
    """A session of the group registered as the TA does it, through the service."""
    register_session(
        provision=provision, by=by, held_on=date(2026, 9, 15), minutes=30, attendance=attendance, today=DAY
    )


def test_a_concern_raised_leaves_the_costs_standing(
    provision, school, role_costs, pupil, teacher, django_assert_num_queries
):
    first = school_costs(school, day=DAY)
    records_before = records_version(school.pk)
    raise_concern(pupil=pupil, by=teacher, noticed="Finds it hard to follow spoken instructions", since=DAY)
    assert records_version(school.pk) != records_before  # the to-do list is worked out again
    with django_assert_num_queries(1):  # but the costs are not: a concern changes no cost
        again = school_costs(school, day=DAY)
    assert again is first


def test_a_session_registered_is_in_the_costs_at_once(provision, school, role_costs, pupil, other_pupil, ta):
    before = school_costs(school, day=DAY)
    assert before.total("delivered_to_date") == 0
    half_hour_on_15_september(provision, ta, {pupil.pk: "present", other_pupil.pk: "absent"})
    after = school_costs(school, day=DAY)
    assert after.total("delivered_to_date") == 900  # half an hour of a TA at £18 an hour
    assert after.pupil_total(pupil.pk, "delivered_to_date") == 900  # the one pupil there bears it all


def test_a_change_to_the_schools_teaching_weeks_is_in_the_costs_at_once(provision, school, role_costs):
    costs_before = costs_version(school.pk)
    before = school_costs(school, day=DAY).total("planned_year")
    policy = SchoolPolicy.for_school(school)
    policy.teaching_weeks_per_year = policy.teaching_weeks_per_year - 1
    policy.save()
    assert costs_version(school.pk) != costs_before
    assert school_costs(school, day=DAY).total("planned_year") != before


def test_after_a_session_only_its_provision_is_costed_again(
    provision, school, role_costs, intervention, pupil, other_pupil, ta
):
    reading = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Reading group B",
        deliverer_role=DelivererRole.TEACHER,
        sessions_per_week=2,
        session_minutes=20,
        starts_on=date(2026, 9, 7),
    )
    ProvisionMember.objects.create(provision=reading, pupil=pupil, joined_on=date(2026, 9, 7))
    before = school_costs(school, day=DAY)
    half_hour_on_15_september(provision, ta, {pupil.pk: "present", other_pupil.pk: "present"})
    after = school_costs(school, day=DAY)
    assert after is not before  # the school's costs were read again
    assert after.provisions[reading.pk] is before.provisions[reading.pk]  # the other group's answer stands
    assert after.provisions[provision.pk].delivered_to_date == 900  # half an hour of a TA at £18 an hour
    assert after.pupil_total(pupil.pk, "delivered_to_date") == 450  # Maya bore half of it
