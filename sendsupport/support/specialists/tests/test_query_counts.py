"""Exact query counts, with little data and with a lot.

The same number for little data and for a lot shows there is no N+1; an exact number (not a
ceiling) shows any change at once. When a change of yours moves a number on purpose, update it
here and say why in the commit.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.support.specialists.tests.conftest import refer

# -1: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1: the session is read with its user, in one query (accounts.sessions).
BASELINES = {"specialists:list": 5}


def test_the_list_page_does_not_grow_with_the_number_of_involvements(pupil, senco, login):
    client = login(senco)
    url = reverse("specialists:list", args=[pupil.pk])
    refer(pupil, senco)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count() == BASELINES["specialists:list"]
    for kind in ("educational_psychologist", "occupational_therapist", "camhs", "specialist_teacher") * 2:
        refer(pupil, senco, professional_type=kind)
    assert count() == BASELINES["specialists:list"]
