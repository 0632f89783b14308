"""The register page makes the same number of queries for 10 pupils as for 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.pupils.tests.bulk import bulk_register

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20  # 16 today


@pytest.mark.parametrize("count", [10, 500])
@pytest.mark.parametrize(
    "query",
    [{}, {"status": "K", "area": "communication", "year_group": "4"}, {"q": "Pupil"}, {"page": "2"}],
    ids=["all", "filtered", "search", "page-2"],
)
def test_the_register_query_count_does_not_grow(
    count, query, senco, school, class_4a, login, django_assert_max_num_queries
):
    bulk_register(school, count, group=class_4a)
    client = login(senco)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("pupils:register"), query)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 500])
def test_a_teachers_register_query_count_does_not_grow(
    count, teacher, school, class_4a, class_5b, login, django_assert_max_num_queries
):
    bulk_register(school, count, group=class_4a)
    bulk_register(school, count, group=class_5b, first_serial=count)
    client = login(teacher)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("pupils:register"), {"group": class_4a.pk})
    assert response.status_code == 200
    assert f"{count} pupils" in response.content.decode()
