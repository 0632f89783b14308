"""Exact query counts for the pupils pages, with little data and with a lot (NetBox keeps them per view).

The same number for both sizes shows there is no N+1; an exact number (not a ceiling) shows any
change at once. When a change of yours moves a number on purpose, update it here and say why in
the commit.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.pupils.tests.bulk import bulk_history, bulk_register

pytestmark = pytest.mark.django_db

BASELINES = {
    # the pupil's page, with 2 or 100 SEN statuses and parents
    # -2 for every persona: the support summary reads the latest cycle, the number of cycles and the
    # plan in force from one query of the pupil's cycles (was three). Then -2 for staff and -1 for a
    # parent: the current status and needs come from the histories the page reads anyway (a parent's
    # page did not show the needs history, so it reads that one instead of the current needs).
    # +1 for the SENCO: the to-do section reads the school's records version first; +3: its facts
    # loader now always reads outcomes, assessment scores and annual reviews (by subquery; they were
    # skipped when a list of ids was empty), so the count no longer depends on the pupil's records.
    # -3 for staff, -1 for a parent: the support section (parents told since support began) and the
    # meetings section (current status, start on the register) read the status history the view
    # has already read (``remember_status_history``) instead of three more queries.
    # -2 for staff: the meetings section reads the days parents met the school (meetings attended,
    # offers declined, reviews attended) in one UNION query, not three.
    # -2 for everyone (every signed-in page): the current school comes with the roles, and whether a
    # parent and whether an LA officer are asked in one query.
    # +1 for the SENCO: the school's costs version, under which the year's costs are remembered.
    # +1: the versions under which the page is remembered (audit.remembered_pages); the parent's is not remembered.
    # -1 for everyone: the roles, whether a parent or an LA officer and the versions are one query
    # (accounts.access); -1 more for staff: the versions of their schools come in that query too.
    # -1 for everyone (every signed-in page): the session is read with its user, in one query
    # (accounts.sessions).
    ("pupils:detail", "senco"): 56,  # provision costs run even with no provision; +1 link book; +1 views
    (
        "pupils:detail",
        "teacher",
    ): 19,  # +1 provision; +1 is the teacher chosen to read the link book; +1 the latest views
    (
        "pupils:detail",
        "parent",
    ): 16,  # +2: the link book (parental responsibility, the latest message); +1 the review coming
    # the register, with 10 or 500 pupils
    # the register: its pupils' audit entries are written in one INSERT; +1: the versions under which the page is remembered (audit.remembered_pages)
    # -2: the roles, whether a parent or an LA officer and the versions are one query (accounts.access)
    # -1: the session is read with its user, in one query (accounts.sessions)
    ("pupils:register", "all"): 7,
    ("pupils:register", "filtered"): 7,
    ("pupils:register", "search"): 7,
    ("pupils:register", "page-2"): 7,
    ("pupils:register", "teacher's class"): 8,
    # a class list, with 3 or 120 pupils in the class
    # -3: the identity reads, and the staff schools from the roles; -1: the roles, whether a parent
    # or an LA officer are one query (accounts.access); -1: the session is read with its user, in one
    # query (accounts.sessions)
    ("pupils:class_list", "any"): 5,
}


@pytest.mark.parametrize("count", [2, 100])
@pytest.mark.parametrize("persona", ["senco", "teacher", "parent"])
def test_the_pupil_page(count, persona, personas, pupil, login, django_assert_num_queries):
    bulk_history(pupil, count, user=personas["head"])
    client = login(personas[persona])
    with django_assert_num_queries(BASELINES["pupils:detail", persona]):
        response = client.get(reverse("pupils:detail", args=[pupil.pk]))
    assert response.status_code == 200
    if persona != "parent":
        assert response.content.decode().count("Carer") >= count


QUERIES = {
    "all": {},
    "filtered": {"status": "K", "area": "communication", "year_group": "4"},
    "search": {"q": "Pupil"},
    "page-2": {"page": "2"},
}


@pytest.mark.parametrize("count", [10, 500])
@pytest.mark.parametrize("query", QUERIES)
def test_the_register(count, query, senco, school, class_4a, login, django_assert_num_queries):
    bulk_register(school, count, group=class_4a)
    client = login(senco)
    with django_assert_num_queries(BASELINES["pupils:register", query]):
        response = client.get(reverse("pupils:register"), QUERIES[query])
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 500])
def test_a_teachers_register(count, teacher, school, class_4a, class_5b, login, django_assert_num_queries):
    bulk_register(school, count, group=class_4a)
    bulk_register(school, count, group=class_5b, first_serial=count)
    client = login(teacher)
    with django_assert_num_queries(BASELINES["pupils:register", "teacher's class"]):
        response = client.get(reverse("pupils:register"), {"group": class_4a.pk})
    assert response.status_code == 200
    assert f"{count} pupils" in response.content.decode()
