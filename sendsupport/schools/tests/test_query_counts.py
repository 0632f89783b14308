"""Exact query counts for the staff and groups pages, with 10 staff and with 200.

The same number for both sizes shows there is no N+1; an exact number (not a ceiling) shows any
change at once. When a change of yours moves a number on purpose, update it here and say why in
the commit.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.accounts.models import User
from sendsupport.schools.models import Group, Role, StaffMembership

pytestmark = pytest.mark.django_db

# -1 each: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 each: the session is read with its user, in one query (accounts.sessions).
BASELINES = {"schools:staff": 5, "schools:groups": 4}


def bulk_staff(school, count: int) -> None:
    users = User.objects.bulk_create(
        [
            User(username=f"staff{n}", first_name=f"Staff{n}", last_name="Member", email=f"s{n}@example.org")
            for n in range(count)
        ]
    )
    StaffMembership.objects.bulk_create(
        [
            StaffMembership(user=user, school=school, role=Role.TEACHER if n % 2 else Role.TA)
            for n, user in enumerate(users)
        ]
    )
    groups = Group.objects.bulk_create(
        [Group(school=school, name=f"G{n}", kind=Group.Kind.TEACHING) for n in range(count)]
    )
    Group.staff.through.objects.bulk_create(
        [Group.staff.through(group_id=group.pk, user_id=user.pk) for group, user in zip(groups, users, strict=True)]
        + [Group.staff.through(group_id=groups[0].pk, user_id=user.pk) for user in users[1:]]
    )


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize("url_name", ["schools:staff", "schools:groups"])
def test_the_staff_and_groups_pages_query_count_does_not_grow(
    count, url_name, senco, school, login, django_assert_num_queries
):
    bulk_staff(school, count)
    client = login(senco)
    with django_assert_num_queries(BASELINES[url_name]):
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert f"Staff{count - 1} Member" in response.content.decode()
