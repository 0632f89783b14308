"""Exact query counts for the governors' overview and the LA overview, with little data and with a lot.

The same number for a small and a large register (and for an authority of 2 schools and of 30) shows
the counts come from grouped queries, not a query per school or per pupil. When a change of yours
moves a number on purpose, update it here and say why in the commit.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from sendsupport.core.suppression import suppress_column
from sendsupport.pupils.tests.bulk import bulk_register
from sendsupport.schools.models import School

pytestmark = pytest.mark.django_db

# The session with its user (one query: accounts.sessions), the roles with whether a parent or an LA
# officer (one query: accounts.access), the schools, one grouped query for every school's counts (was
# two: the on-roll totals and the SEN counts read the pupils apiece); and before the counts, the schools' records versions (under which each
# web process remembers the counts: asked again with nothing changed, the grouped query is skipped).
# +1: the versions under which the page is remembered (audit.remembered_pages).
# -1: the roles, whether a parent or an LA officer and the versions are one query (accounts.access);
# the LA overview names its area's schools, so still reads their versions on its own. The governors'
# overview -2: its versions (the governor's school) come in that query too.
# -1 each: the session is read with its user, in one query (accounts.sessions).
LA_OVERVIEW = 6
GOVERNORS_OVERVIEW = 4


def more_schools(la, count: int) -> list[School]:
    return [
        School.objects.create(
            urn=f"{200000 + n}", local_authority=la, estab=f"{3000 + n}", name=f"School {n:02d}", phase="primary"
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("schools", [1, 29])
def test_the_la_overview_counts_every_school_in_one_query(
    schools, la, school, la_officer, login, django_assert_num_queries
):
    others = more_schools(la, schools)
    for n, each in enumerate([school, *others]):
        bulk_register(each, 10 + n, first_serial=0)
    client = login(la_officer)
    with django_assert_num_queries(LA_OVERVIEW):
        response = client.get("/local-authority/")
    html = response.content.decode()
    for n, each in enumerate([school, *others]):
        row = re.search(rf"<td class=\"govuk-table__cell\">{each.name}</td>(.*?)</tr>", html, re.S).group(1)
        on_roll = 10 + n
        plans = len(range(0, on_roll, 4))  # bulk_register gives every fourth pupil a plan
        expected = [str(shown) for shown in suppress_column([on_roll, on_roll - plans, plans])]
        assert re.findall(r'govuk-table__cell--numeric">([^<]*)</td>', row) == expected, each.name


def test_the_la_overview_remembers_its_counts_until_a_pupil_changes(
    la, school, la_officer, login, django_assert_num_queries
):
    other = more_schools(la, 1)[0]
    bulk_register(other, 12, first_serial=0)
    pupils = bulk_register(school, 12, first_serial=100)
    client = login(la_officer)
    client.get("/local-authority/")
    with django_assert_num_queries(LA_OVERVIEW - 1):
        client.get("/local-authority/")
    leaver = pupils[0]
    leaver.on_roll_until = date(2025, 9, 1)  # a pupil saved as having left: that school's figure changes
    leaver.save()
    html = client.get("/local-authority/").content.decode()
    row = re.search(rf"<td class=\"govuk-table__cell\">{school.name}</td>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r'govuk-table__cell--numeric">([^<]*)</td>', row)[0] == str(suppress_column([11, 8, 3])[0])


@pytest.mark.parametrize("count", [10, 500])
def test_the_governors_overview(count, school, governor, login, django_assert_num_queries):
    bulk_register(school, count)
    client = login(governor)
    with django_assert_num_queries(GOVERNORS_OVERVIEW):
        response = client.get("/overview/")
    assert response.status_code == 200
