"""Exact query counts, with little data and with a lot.

The same number for little data and for a lot shows there is no N+1; an exact number (not a
ceiling) shows any change at once. When a change of yours moves a number on purpose, update it
here and say why in the commit.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user
from sendsupport.schools.models import Role, StaffMembership
from sendsupport.support.profiles import services
from sendsupport.support.profiles.tests.conftest import write

# -1 each: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 each: the session is read with its user, in one query (accounts.sessions).
BASELINES = {"profiles:passport": 14, "profiles:versions": 5}  # 17 own words (voice), 18 adjustments (inclusion)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_staff(school, group, n, passport, start):
    for i in range(start, start + n):
        user = make_user(f"staff{i}")
        StaffMembership.objects.create(user=user, school=school, role=Role.TA)
        group.staff.add(user)
        if i % 2:
            services.acknowledge(profile=passport, by=user)


def test_the_passport_page_does_not_grow_with_the_number_of_staff(passport, pupil, school, class_4a, senco, login):
    client = login(senco)
    url = reverse("profiles:passport", args=[pupil.pk])
    _add_staff(school, class_4a, 2, passport, 0)
    assert _count(client, url) == BASELINES["profiles:passport"]
    _add_staff(school, class_4a, 10, passport, 2)
    assert _count(client, url) == BASELINES["profiles:passport"]


def test_the_versions_page_does_not_grow_with_the_number_of_versions(passport, pupil, senco, login):
    client = login(senco)
    url = reverse("profiles:versions", args=[pupil.pk])
    assert _count(client, url) == BASELINES["profiles:versions"]
    for i in range(6):
        write(pupil, senco, strategies=f"Version {i}")
    assert _count(client, url) == BASELINES["profiles:versions"]
