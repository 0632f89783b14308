"""Exact query counts for the imports list and the census report, with 3 rows and with 12.

The same number for both sizes shows there is no N+1; an exact number (not a ceiling) shows any
change at once. When a change of yours moves a number on purpose, update it here and say why in
the commit.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.interop.services.runs import start_import
from sendsupport.interop.tests.conftest import GOOD_CTF, upload

pytestmark = pytest.mark.django_db

# -1 each: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 each: the session is read with its user, in one query (accounts.sessions).
BASELINES = {"interop:runs": 3, "interop:census": 9}


@pytest.mark.parametrize("rows", [3, 12])
def test_the_imports_list_and_the_census_report(rows, senco, school, login, django_assert_num_queries):
    client = login(senco)
    for n in range(rows):
        start_import(school=school, by=senco, kind="ctf", upload=upload(f"f{n}.xml", GOOD_CTF))
        make_pupil(school, provision="K", needs=[("MLD", 1)])
    with django_assert_num_queries(BASELINES["interop:runs"]):
        assert client.get(reverse("interop:runs")).status_code == 200
    with django_assert_num_queries(BASELINES["interop:census"]):
        assert client.get(reverse("interop:census"), {"term": "spring", "year": "2026"}).status_code == 200
