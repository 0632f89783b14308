"""The school's costs are worked out once and remembered until any of its records changes (as the
to-do list is): a second reader pays one query, and a change through the application is seen at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings

from sendsupport.core import dates
from sendsupport.provision.choices import DelivererRole
from sendsupport.provision.selectors import school_costs
from sendsupport.provision.services.funding import set_role_cost

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
