"""Who the signed-in person is (their school, roles, parenthood) is read once per request, not once
per rule: the navigation, the page and every permission check share one reading."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendsupport.accounts.access import MEMO_ATTR, manages, roles_at
from sendsupport.schools.models import Role, StaffMembership

pytestmark = pytest.mark.django_db

MAIN_TABLE = re.compile(r'^SELECT .*? FROM "(\w+)"', re.S)


def reads_of(table: str, queries) -> int:
    """Queries whose main table is ``table`` (subqueries inside other queries do not count)."""
    return sum(1 for q in queries if (m := MAIN_TABLE.match(q["sql"])) and m.group(1) == table)


@pytest.mark.parametrize("path", ["/", "/pupils/{pupil}/", "/pupils/{pupil}/support/"])
def test_a_page_reads_the_roles_once(path, senco, pupil, client):
    client.force_login(senco)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path.format(pupil=pupil.pk))
    assert response.status_code == 200
    assert reads_of("schools_staffmembership", queries.captured_queries) == 1
    assert reads_of("schools_school", queries.captured_queries) == 1  # the current school


def test_the_pupil_rule_does_not_ask_again_for_a_pupil_just_found(senco, pupil, client):
    client.force_login(senco)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/pupils/{pupil.pk}/support/")
    assert reads_of("pupils_pupil", queries.captured_queries) == 1


def test_outside_a_request_roles_are_read_afresh(senco, school):
    assert manages(senco, school)
    StaffMembership.objects.filter(user=senco).update(active=False)
    assert not manages(senco, school)  # no memo outside a request: the change is seen at once


def test_in_a_request_the_memo_answers_for_every_school(senco, school, other_school, django_assert_num_queries):
    setattr(senco, MEMO_ATTR, {})
    StaffMembership.objects.create(user=senco, school=other_school, role=Role.TEACHER)
    with django_assert_num_queries(1):
        assert roles_at(senco, school) == {Role.SENCO}
        assert roles_at(senco, other_school) == {Role.TEACHER}
        assert manages(senco, school) and not manages(senco, other_school)
