"""Who the signed-in person is (their school, roles, parenthood) is read once per request, not once
per rule: the navigation, the page and every permission check share one reading."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendsupport.accounts.access import (
    MEMO_ATTR,
    is_la_officer,
    is_parent,
    manages,
    memoised_page_versions,
    memoised_school_ids,
    reach,
    remember_standing,
    roles_at,
)
from sendsupport.schools.memo import page_versions, records_changed
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
    # The roles, with their schools, whether a parent or an LA officer, and the records versions
    # of the user's schools are asked together, in one query.
    asking = [q["sql"] for q in queries.captured_queries if '"pupils_contact"' in q["sql"] and "EXISTS" in q["sql"]]
    assert len(asking) == 1
    for table in ("schools_school", "pupils_contact", "schools_localauthoritymembership", "schools_recordsversion"):
        assert f'"{table}"' in asking[0], table
    assert sum('"schools_localauthoritymembership"' in q["sql"] for q in queries.captured_queries) == 1
    # No other query reads the roles, and the current school comes joined to them.
    assert reads_of("schools_staffmembership", queries.captured_queries) == 0
    assert reads_of("schools_school", queries.captured_queries) == 0


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


def test_the_memo_keeps_the_school_chosen_in_the_session(senco, school, other_school, client):
    from sendsupport.accounts.school_context import SESSION_KEY

    StaffMembership.objects.create(user=senco, school=other_school, role=Role.SENCO)
    client.force_login(senco)
    first_by_name = min((school, other_school), key=lambda s: (s.name, s.pk))
    chosen = other_school if first_by_name == school else school
    response = client.get("/")
    assert response.context["current_school"] == first_by_name  # nothing chosen: the first by name
    session = client.session
    session[SESSION_KEY] = chosen.pk
    session.save()
    response = client.get("/")
    assert response.context["current_school"] == chosen
    StaffMembership.objects.filter(user=senco, school=chosen).update(active=False)
    response = client.get("/")
    assert response.context["current_school"] == first_by_name  # a school left is never current


def test_parent_and_la_flags_in_a_request_match_outside_it(senco, la_officer, parent):
    from sendsupport.accounts.access import is_la_officer, is_parent

    for user, a_parent, officer in ((senco, False, False), (la_officer, False, True), (parent, True, False)):
        assert (is_parent(user), is_la_officer(user)) == (a_parent, officer)  # outside a request: read afresh
        setattr(user, MEMO_ATTR, {})
        assert (is_parent(user), is_la_officer(user)) == (a_parent, officer)  # in a request: one query for both


def test_a_parent_with_no_role_is_answered_by_the_same_one_query(parent, django_assert_num_queries):
    setattr(parent, MEMO_ATTR, {})
    with django_assert_num_queries(1):
        assert is_parent(parent) and not is_la_officer(parent)
        assert reach(parent) == ((), True, False)
        versions = memoised_page_versions(parent, [])
    assert versions == page_versions([])


def test_the_versions_read_with_the_roles_are_those_of_the_users_schools(senco, school, other_school):
    StaffMembership.objects.create(user=senco, school=other_school, role=Role.TEACHER)
    records_changed([school.pk])  # a version for one school, none yet for the other
    setattr(senco, MEMO_ATTR, {})
    both = [other_school.pk, school.pk]
    assert memoised_page_versions(senco, both) == page_versions(both)
    assert memoised_page_versions(senco, [school.pk]) is None  # not their schools: asked on its own
    records_changed([other_school.pk])
    assert memoised_page_versions(senco, both) != page_versions(both)  # read once, for this request


def test_a_standing_already_recorded_is_kept(la_officer):
    setattr(la_officer, MEMO_ATTR, {})
    remember_standing(la_officer, parent=True, la_officer=True)
    assert memoised_school_ids(la_officer) == []
    assert is_parent(la_officer) and is_la_officer(la_officer)


def test_a_page_finds_the_signed_in_user_itself_on_the_request(senco, client):
    """Not behind Django's and django-otp's lazy stand-ins: the same person, with django-otp's fields."""
    client.force_login(senco)
    request = client.get("/").wsgi_request
    assert type(request.user) is type(senco)
    assert request.user.pk == senco.pk
    assert request.user.is_verified() is False  # django-otp's fields were set before the unwrapping
    assert getattr(request.user, MEMO_ATTR)  # the memo this request filled


def test_a_visitor_finds_the_anonymous_user_itself_on_the_request(client):
    request = client.get("/health/").wsgi_request
    assert type(request.user) is AnonymousUser
    assert request.user.is_verified() is False
