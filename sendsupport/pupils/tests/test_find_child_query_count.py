"""The register (SEN only or everyone on roll) and the class list: one exact number of queries, few pupils or many.

Exact baselines per view, as NetBox keeps them (in test_query_counts.BASELINES): a change that adds a query
must change the number there on purpose. Today a page's request, header and navigation take 2 (the session with
its user: accounts.sessions, and one query for the roles with their schools, whether a parent or an LA officer and
the versions: accounts.access);
the register adds the roll's year groups, the count, the page of pupils, their audit entries and the filter's
groups; a chosen class adds reading that group.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.pupils.tests.bulk import bulk_register
from sendsupport.pupils.tests.test_query_counts import BASELINES

pytestmark = pytest.mark.django_db

# One baseline table for the app (test_query_counts.BASELINES): the same page, the same number.
REGISTER_QUERIES = BASELINES["pupils:register", "all"]
REGISTER_WITH_CLASS_QUERIES = BASELINES["pupils:register", "teacher's class"]


@pytest.fixture(params=[3, 120], ids=["few", "many"])
def roll(request, school, class_4a, class_5b):
    bulk_register(school, request.param, group=class_4a)
    bulk_register(school, request.param, group=class_5b, first_serial=request.param)
    return request.param


@pytest.mark.parametrize("persona", ["senco", "teacher"])
@pytest.mark.parametrize(
    "params",
    [{}, {"show": "all"}, {"show": "all", "q": "Pupil0001 4A"}, {"page": "2"}],
    ids=["sen", "everyone", "search", "page-2"],
)
def test_the_register_makes_the_same_queries_for_few_and_many(
    persona, params, personas, roll, login, django_assert_num_queries
):
    client = login(personas[persona])
    with django_assert_num_queries(REGISTER_QUERIES):
        response = client.get(reverse("pupils:register"), params)
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["senco", "teacher"])
def test_the_register_filtered_by_class_makes_the_same_queries(
    persona, personas, roll, class_4a, login, django_assert_num_queries
):
    client = login(personas[persona])
    with django_assert_num_queries(REGISTER_WITH_CLASS_QUERIES):
        response = client.get(reverse("pupils:register"), {"show": "all", "group": class_4a.pk})
    assert f"{roll + 1} pupils on roll" in response.content.decode()  # and Maya, the persona parent's child


@pytest.mark.parametrize("persona", ["senco", "teacher"])
def test_the_class_list_makes_the_same_queries_for_few_and_many(
    persona, personas, roll, class_4a, login, django_assert_num_queries
):
    client = login(personas[persona])
    with django_assert_num_queries(BASELINES["pupils:class_list", "any"]):
        response = client.get(reverse("pupils:class_list", args=[class_4a.pk]))
    assert f"{roll + 1} pupils" in response.content.decode()  # and Maya, the persona parent's child
