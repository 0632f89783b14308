"""A pupil's page makes the same number of queries with 2 statuses and parents as with 100."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.pupils.tests.bulk import bulk_history

pytestmark = pytest.mark.django_db

MAX_QUERIES = 40  # about 28 today; headroom for the sections other capabilities add to the page


@pytest.mark.parametrize("count", [2, 100])
@pytest.mark.parametrize("persona", ["senco", "teacher", "parent"])
def test_the_pupil_page_query_count_does_not_grow(
    count, persona, personas, pupil, login, django_assert_max_num_queries
):
    bulk_history(pupil, count, user=personas["head"])
    client = login(personas[persona])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("pupils:detail", args=[pupil.pk]))
    assert response.status_code == 200
    if persona != "parent":
        assert response.content.decode().count("Carer") >= count
