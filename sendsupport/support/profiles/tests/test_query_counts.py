from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user
from sendsupport.schools.models import Role, StaffMembership
from sendsupport.support.profiles import services
from sendsupport.support.profiles.tests.conftest import write


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
    few = _count(client, url)
    _add_staff(school, class_4a, 10, passport, 2)
    assert _count(client, url) == few


def test_the_versions_page_does_not_grow_with_the_number_of_versions(passport, pupil, senco, login):
    client = login(senco)
    url = reverse("profiles:versions", args=[pupil.pk])
    few = _count(client, url)
    for i in range(6):
        write(pupil, senco, strategies=f"Version {i}")
    assert _count(client, url) == few
