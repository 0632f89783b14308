"""Exact query counts for "My groups", the register and the sessions list, the same for little and
much data (no query for each group, member or session). When a change moves a number on purpose,
update it here and say why in the commit. Each count includes the session with its user (one query)
and their roles."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.provision.models import DeliveredSession, Provision, ProvisionMember, SessionAttendance

TODAY = date(2026, 9, 16)
# -1 each: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 each: the session is read with its user, in one query (accounts.sessions).
BASELINES = {
    "provision:sessions_my_groups": 4,
    "provision:sessions_add": 5,
    "provision:sessions_list": 7,  # with the count for the pages
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("sendsupport.core.dates.today", lambda: TODAY)


def grow(provision: Provision, ta, *, groups: int, members: int, sessions: int) -> None:
    """More groups the TA delivers, more members in the phonics group, more sessions registered."""
    school = provision.school
    for number in range(groups):
        extra = Provision.objects.create(
            school=school,
            intervention=provision.intervention,
            name=f"Group {number}",
            deliverer_role="ta",
            sessions_per_week=2,
            session_minutes=20,
            starts_on=date(2026, 9, 7),
            funding="imf",
        )
        extra.deliverers.add(ta)
    pupils = [make_pupil(school, first=f"Pupil{number}", last="Extra") for number in range(members)]
    for pupil in pupils:
        ProvisionMember.objects.create(provision=provision, pupil=pupil, joined_on=date(2026, 9, 7))
        for extra in Provision.objects.filter(name__startswith="Group "):
            ProvisionMember.objects.create(provision=extra, pupil=pupil, joined_on=date(2026, 9, 7))
    for number in range(sessions):
        session = DeliveredSession.objects.create(
            provision=provision, held_on=date(2026, 9, 7) + timedelta(days=number), minutes=30, recorded_by=ta
        )
        for pupil in pupils:
            SessionAttendance.objects.create(session=session, pupil=pupil, status="present")


SIZES = pytest.mark.parametrize("many", [False, True], ids=["little", "much"])


def count(client, ta, name, args, django_assert_num_queries):
    client.force_login(ta)
    client.get(reverse("home"))  # the session is read once, as on any page after signing in
    with django_assert_num_queries(BASELINES[name]):
        assert client.get(reverse(name, args=args)).status_code == 200


@SIZES
@pytest.mark.django_db
def test_my_groups(many, client, ta, provision, django_assert_num_queries):
    grow(provision, ta, groups=6 if many else 1, members=8 if many else 1, sessions=5 if many else 1)
    count(client, ta, "provision:sessions_my_groups", [], django_assert_num_queries)


@SIZES
@pytest.mark.django_db
def test_the_register(many, client, ta, provision, django_assert_num_queries):
    grow(provision, ta, groups=0, members=12 if many else 1, sessions=0)
    count(client, ta, "provision:sessions_add", [provision.pk], django_assert_num_queries)


@SIZES
@pytest.mark.django_db
def test_the_sessions_list(many, client, ta, provision, django_assert_num_queries):
    grow(provision, ta, groups=0, members=6 if many else 1, sessions=9 if many else 1)
    count(client, ta, "provision:sessions_list", [provision.pk], django_assert_num_queries)
