"""Cycles through the API: the list, the staff record of a plan (with SMART problems), the parents' version."""

from __future__ import annotations

from datetime import date

from sendsupport.support.tests import helpers


def test_it_lists_cycles_newest_first_with_plan_and_review(tokens, pupil, cycles, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/cycles", tokens["senco"]).json()
    assert (body["count"], body["pages"]) == (2, 1)
    assert body["items"] == [
        {
            "number": 2,
            "status": "open",
            "opened_on": "2025-11-19",
            "closed_on": None,
            "plan_status": "draft",
            "review_date": "2026-02-13",
            "review_held_on": None,
            "expected_progress": None,
            "next_step": None,
        },
        {
            "number": 1,
            "status": "closed",
            "opened_on": "2025-09-08",
            "closed_on": "2025-11-18",
            "plan_status": "agreed",
            "review_date": "2025-12-12",
            "review_held_on": "2025-11-18",
            "expected_progress": False,
            "next_step": "revise",
        },
    ]
    assert api_get(f"/api/v1/pupils/{pupil.pk}/cycles", tokens["parent"]).json()["items"] == body["items"]


def test_it_pages_the_cycles(tokens, pupil, cycles, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/cycles", tokens["senco"], page_size=1, page=2).json()
    assert (body["count"], body["pages"], [c["number"] for c in body["items"]]) == (2, 2, [1])


def test_staff_see_the_plan_with_smart_problems_and_who_is_responsible(tokens, pupil, teacher, cycles, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/cycles/2", tokens["teacher"]).json()
    plan = body["plan"]
    assert (plan["status"], plan["review_date"], plan["class_teacher"]) == (
        "draft",
        "2026-02-13",
        str(teacher.get_full_name() or teacher.username),
    )
    assert plan["support"].startswith("Talk Boost group")
    assert plan["smart_override_reason"] == ""
    # The outcome partly met in cycle 1 is carried over; the new one is vague.
    carried, outcome = plan["outcomes"]
    assert carried["smart_problems"] == []
    assert (outcome["description"], outcome["area"], outcome["baseline"], outcome["target"]) == (
        "Improve reading.",
        "cognition",
        "",
        "Be better at reading.",
    )
    assert outcome["due_date"] == "2026-02-13"
    assert outcome["responsible"]
    rules_broken = {problem["rule"] for problem in outcome["smart_problems"]}
    assert rules_broken == {"no_baseline", "target_not_measurable", "no_measure", "vague_wording"}
    assert body["review"] is None


def test_a_good_outcome_has_no_smart_problems(tokens, pupil, cycles, api_get):
    [outcome] = api_get(f"/api/v1/pupils/{pupil.pk}/cycles/1", tokens["senco"]).json()["plan"]["outcomes"]
    assert outcome["smart_problems"] == []
    assert outcome["measure"] == helpers.GOOD_OUTCOME["measure"]


def test_the_review_comes_with_each_outcomes_rating(tokens, pupil, cycles, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/cycles/1", tokens["parent"]).json()
    review = body["review"]
    assert (review["held_on"], review["expected_progress"], review["next_step"]) == ("2025-11-18", False, "revise")
    assert review["parent_views"] == helpers.VIEWS["parent_views"]
    assert [(r["outcome"], r["rating"], r["latest_measure"]) for r in review["ratings"]] == [
        (helpers.GOOD_OUTCOME["description"], "partly_met", "6 out of 10")
    ]
    assert body["plan"]["outcomes"][0]["rating"] == "partly_met"


def test_a_parent_sees_the_parents_version_of_the_plan(tokens, pupil, cycles, api_get):
    as_parent = api_get(f"/api/v1/pupils/{pupil.pk}/cycles/2", tokens["parent"]).json()
    plan = as_parent["plan"]
    assert plan["smart_override_reason"] is None
    assert plan["at_home"] == "Play 'Simon says' with two-step instructions."
    carried, outcome = plan["outcomes"]
    assert outcome["smart_problems"] is None
    assert outcome["responsible"] is None
    assert outcome["description"] == "Improve reading."
    text = str(as_parent)
    # Concerns, assessments and notes are never in the API, for anyone.
    for staff_only in ("teacher_assessment", "attainment", "Finds it hard", "notes", "concern"):
        assert staff_only not in text


def test_a_cycle_without_a_plan_has_none(tokens, pupil, senco, api_get):
    helpers.start(pupil, senco, opened_on=date(2025, 9, 8))
    body = api_get(f"/api/v1/pupils/{pupil.pk}/cycles/1", tokens["senco"]).json()
    assert (body["status"], body["plan"], body["review"], body["plan_status"]) == ("open", None, None, None)
