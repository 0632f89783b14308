"""Exact query counts for the pages that list pupils, with one row and with many.

The same number for little data and for a lot shows there is no N+1; an exact number shows any
change at once. When a change moves a number on purpose, update it here and say why.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.statutory.inclusion import services

pytestmark = pytest.mark.django_db

# -1 each: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 each: the session is read with its user, in one query (accounts.sessions).
BASELINES = {
    "inclusion:activities": 3,
    "inclusion:activity": 6,
    "inclusion:decisions": 4,
    "inclusion:exams": 5,
    "inclusion:pupil": 8,
}


def _more_pupils(school, class_4a, n, start):
    return [
        make_pupil(
            school, first=f"Pupil{i}", last="Extra", registration_group=class_4a, provision="K", needs=[("SPLD", 1)]
        )
        for i in range(start, start + n)
    ]


def _add(trip, pupils, senco, extras=True):
    for pupil in pupils:
        services.record_place(activity=trip, pupil=pupil, by=senco, adjustments="A buddy")
        services.record_decision(
            activity=trip,
            pupil=pupil,
            by=senco,
            reason="resources",
            explanation="x",
            adjustments_considered="y",
            decided_on=date(2025, 11, 19),
            today=TODAY,
        )
        if not extras:
            continue
        services.record_arrangement(
            pupil=pupil,
            by=senco,
            series="KS2 May 2027",
            arrangement="reader",
            evidence="Normal way of working",
            today=TODAY,
        )
        services.save_adjustment(
            pupil=pupil, by=senco, kind="aid", description="A slope", since=date(2025, 9, 1), today=TODAY
        )


def _pages(trip, pupil):
    return {
        "inclusion:activities": reverse("inclusion:activities"),
        "inclusion:activity": reverse("inclusion:activity", args=[trip.pk]),
        "inclusion:decisions": reverse("inclusion:decisions"),
        "inclusion:exams": reverse("inclusion:exams"),
        "inclusion:pupil": reverse("inclusion:pupil", args=[pupil.pk]),
    }


def _check(client, pages, django_assert_num_queries):
    for name, url in pages.items():
        with django_assert_num_queries(BASELINES[name]):
            assert client.get(url).status_code == 200, name


def test_the_lists_do_not_grow_with_the_number_of_pupils(
    trip, other_trip, pupil, school, class_4a, senco, login, django_assert_num_queries
):
    client = login(senco)
    pages = _pages(trip, pupil)
    _add(trip, [pupil], senco)
    _check(client, pages, django_assert_num_queries)
    _add(trip, _more_pupils(school, class_4a, 6, 0), senco)
    _add(other_trip, [pupil], senco, extras=False)  # a second activity and decision for Maya
    services.record_arrangement(
        pupil=pupil, by=senco, series="KS2 May 2027", arrangement="scribe", evidence="Slow handwriting", today=TODAY
    )
    services.save_adjustment(pupil=pupil, by=senco, kind="service", description="A TA", since=date(2025, 9, 1))
    _check(client, pages, django_assert_num_queries)
