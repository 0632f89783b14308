"""Exact query counts for the API routes, with little data and with a lot (NetBox keeps them per view).

The same number for both sizes shows there is no N+1; an exact number (not a ceiling) shows any
change at once. When a change of yours moves a number on purpose, update it here and say why in
the commit. Each count includes the token look-up.
"""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.support.tests import helpers

BASELINES = {
    # -1 for staff (-2 for the remembered pupil list, whose versions come too): the roles, whether a
    # parent or an LA officer and the versions are one query (accounts.access). A parent's token check
    # already answered whether a parent: no change.
    "api:list_pupils": 7,  # +1: the versions under which the page is remembered (audit.remembered_pages); with the audit entries in one INSERT; the roles and whether a parent, read once (the plan then uses the school index)
    "api:list_sen_statuses": 7,  # the roles and whether a parent, read once a request
    "api:list_needs": 6,  # asked second: the token's last use is written at most once a minute
    "api:list_cycles": 7,
    "api:get_cycle": 8,
    "api:list_meetings": 9,
    "api:list_planned_meetings": 10,  # with who is invited, the staff and the replies, one query each
    "api:list_planned_meetings parent": 9,  # the parent's own replies only; no invited or staff lists
    "api:list_link_book": 9,
    "api:list_parent_views": 7,
    "api:list_pupil_views": 6,  # asked second: the token's last use is written at most once a minute
}


@pytest.mark.parametrize("many", [False, True], ids=["5 pupils", "35 pupils"])
def test_the_pupil_list(many, school, class_4a, tokens, api_get, django_assert_num_queries, add_pupil):
    for serial in range(33 if many else 3):
        add_pupil(school, first=f"P{serial}", provision="K", needs=[("MLD", 1)], registration_group=class_4a)
    with django_assert_num_queries(BASELINES["api:list_pupils"]):
        response = api_get("/api/v1/pupils", tokens["senco"], page_size=100)
    assert response.json()["count"] == (35 if many else 5)  # with Maya and Ben from the personas


def test_statuses_and_needs(pupil, tokens, api_get, django_assert_num_queries):
    with django_assert_num_queries(BASELINES["api:list_sen_statuses"]):
        assert api_get(f"/api/v1/pupils/{pupil.pk}/sen-statuses", tokens["senco"]).status_code == 200
    with django_assert_num_queries(BASELINES["api:list_needs"]):
        assert api_get(f"/api/v1/pupils/{pupil.pk}/needs", tokens["senco"]).status_code == 200


@pytest.mark.parametrize("more", [0, 6], ids=["1 cycle", "7 cycles"])
def test_the_cycle_list(more, tokens, pupil, senco, teacher, api_get, django_assert_num_queries):
    helpers.reviewed_cycle(pupil, senco, teacher)
    opened = date(2025, 11, 19)
    for _ in range(more):
        cycle = helpers.start(pupil, senco, opened_on=opened, teacher=teacher)
        helpers.assess(cycle, senco, decided_on=opened)
        plan = helpers.plan(cycle, senco, created_on=opened, review_date=date(2026, 2, 13))
        helpers.outcome(plan, senco)
        helpers.agree(plan, senco, agreed_on=opened)
        helpers.review(plan, senco, held_on=opened)
    with django_assert_num_queries(BASELINES["api:list_cycles"]):
        body = api_get(f"/api/v1/pupils/{pupil.pk}/cycles", tokens["senco"], page_size=100).json()
    assert body["count"] == 1 + more
    assert all(item["review_held_on"] for item in body["items"])


def test_one_cycle(tokens, pupil, cycles, api_get, django_assert_num_queries):
    with django_assert_num_queries(BASELINES["api:get_cycle"]):
        assert api_get(f"/api/v1/pupils/{pupil.pk}/cycles/1", tokens["senco"]).status_code == 200


def test_the_meeting_list(tokens, pupil, meetings, api_get, django_assert_num_queries):
    with django_assert_num_queries(BASELINES["api:list_meetings"]):
        assert api_get(f"/api/v1/pupils/{pupil.pk}/meetings", tokens["senco"]).json()["count"] == 2


@pytest.mark.parametrize("more", [0, 6], ids=["3 meetings", "9 meetings"])
def test_the_planned_meeting_list(more, pupil, senco, planned_meetings, tokens, api_get, django_assert_num_queries):
    from datetime import time, timedelta

    from django.utils import timezone

    from sendsupport.meetings import planning

    for days in range(more):
        planning.confirm_meeting(
            pupil=pupil,
            by=senco,
            on=timezone.localdate() + timedelta(days=30 + days),
            starts=time(9, 0),
            ends=time(9, 30),
            place="The hall",
            invited=list(planning.invitable_parents(pupil)),
            staff=[senco],
            base_url="http://testserver/",
        )
    path = f"/api/v1/pupils/{pupil.pk}/planned-meetings"
    with django_assert_num_queries(BASELINES["api:list_planned_meetings"]):
        assert api_get(path, tokens["senco"]).json()["count"] == 3 + more
    with django_assert_num_queries(BASELINES["api:list_planned_meetings parent"]):
        assert api_get(path, tokens["parent"]).json()["count"] == 2 + more


@pytest.mark.parametrize("more", [0, 6], ids=["2 entries", "8 entries"])
def test_the_link_book(more, pupil, parent, senco, link_book, tokens, api_get, django_assert_num_queries):
    from sendsupport.linkbook import services as linkbook_services

    for number in range(more):
        entry = linkbook_services.write_entry(
            pupil=pupil, by=parent, side="home", kind="news", text=f"News {number}", base_url="http://testserver"
        )
        linkbook_services.reply(thread=entry, by=senco, side="school", text="Thank you.", base_url="http://testserver")
    with django_assert_num_queries(BASELINES["api:list_link_book"]):
        assert api_get(f"/api/v1/pupils/{pupil.pk}/link-book", tokens["senco"]).json()["count"] == 2 + more


@pytest.mark.parametrize("more", [0, 6], ids=["1 each", "7 each"])
def test_the_views(more, pupil, parent, ta, views_given, tokens, api_get, django_assert_num_queries):
    from conftest import TODAY
    from sendsupport.support.voice import services as voice_services

    for _ in range(more):
        voice_services.send_parent_views(
            pupil=pupil, cycle_id=views_given["cycle"].pk, by=parent, going_well="Still reading."
        )
        voice_services.record_pupil_views(pupil=pupil, by=ta, going_well_face=4, today=TODAY)
    with django_assert_num_queries(BASELINES["api:list_parent_views"]):
        assert api_get(f"/api/v1/pupils/{pupil.pk}/parent-views", tokens["senco"]).json()["count"] == 2 + more
    with django_assert_num_queries(BASELINES["api:list_pupil_views"]):
        assert api_get(f"/api/v1/pupils/{pupil.pk}/pupil-views", tokens["senco"]).json()["count"] == 1 + more
