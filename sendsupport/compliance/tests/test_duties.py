"""Every duty on fixed dates, with no database: the facts in, the gaps out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sendsupport.compliance.duties import gaps_for, sort_gaps
from sendsupport.compliance.facts import PupilFacts, ReviewFacts

TODAY = date(2025, 11, 20)
FIGURES = {"PARENT_MEETINGS_PER_YEAR": 3, "REVIEWS_BEFORE_SPECIALIST": 2}


def compliant(**changes) -> PupilFacts:
    """A pupil on SEN support for whom every duty is met; each test breaks one thing."""
    facts = PupilFacts(
        pupil_id=1,
        name="Maya Evans",
        year_group="4",
        registration_group_id=10,
        group_ids=frozenset({10}),
        teacher_ids=frozenset({5}),
        provision="K",
        support_started_on=date(2025, 9, 8),
        notified_on=date(2025, 9, 10),
        has_open_cycle=True,
        cycle_id=3,
        plan_id=4,
        plan_agreed=True,
        plan_review_date=date(2025, 12, 12),
        plan_reviewed=False,
        smart_problems=0,
        reviews=[ReviewFacts(date(2025, 7, 10), True, True, True)],
        meetings_this_year=3,
        staff_to_acknowledge=[],
        profile_exists=True,
        specialist_since=None,
    )
    return replace(facts, **changes)


def duties(facts: PupilFacts, today: date = TODAY) -> list[str]:
    return [gap.duty for gap in gaps_for(facts, today, FIGURES)]


def test_it_finds_nothing_for_a_pupil_whose_duties_are_met():
    assert duties(compliant()) == []


def test_it_flags_parents_not_told_that_support_started():
    gaps = gaps_for(compliant(notified_on=None), TODAY, FIGURES)
    assert [gap.duty for gap in gaps] == ["parent_not_notified"]
    assert gaps[0].days_overdue == 73
    assert "73 days ago" in gaps[0].message


def test_it_counts_days_a_review_is_overdue():
    on_time = compliant(plan_review_date=date(2025, 11, 20))
    assert duties(on_time) == []
    late = gaps_for(compliant(plan_review_date=date(2025, 11, 10)), TODAY, FIGURES)
    assert [gap.duty for gap in late] == ["review_overdue"]
    assert late[0].days_overdue == 10
    assert "10 days overdue" in late[0].message


def test_a_reviewed_plan_is_not_overdue():
    assert duties(compliant(plan_review_date=date(2025, 11, 1), plan_reviewed=True)) == []


def test_it_counts_meetings_with_parents_and_what_is_still_to_hold():
    gaps = gaps_for(compliant(meetings_this_year=1), TODAY, FIGURES)
    assert [gap.duty for gap in gaps] == ["parent_meetings"]
    assert "1 of 3 meetings" in gaps[0].message
    assert "2 still to hold before 31 August (40 weeks left)" in gaps[0].message


def test_the_number_of_meetings_is_a_setting():
    assert duties(compliant(meetings_this_year=3), TODAY) == []
    gaps = gaps_for(compliant(meetings_this_year=3), TODAY, {**FIGURES, "PARENT_MEETINGS_PER_YEAR": 4})
    assert [gap.duty for gap in gaps] == ["parent_meetings"]


def test_pupils_with_ehc_plans_are_not_held_to_sen_support_duties():
    facts = compliant(provision="E", notified_on=None, meetings_this_year=0, plan_agreed=False)
    assert duties(facts) == []


def test_it_flags_a_draft_plan_and_a_missing_plan():
    assert duties(compliant(plan_agreed=False)) == ["plan_not_agreed"]
    gaps = gaps_for(compliant(plan_agreed=False, plan_id=None), TODAY, FIGURES)
    assert "no SEN support plan" in gaps[0].message


def test_it_flags_outcomes_that_fail_the_smart_check():
    gaps = gaps_for(compliant(smart_problems=2), TODAY, FIGURES)
    assert [gap.duty for gap in gaps] == ["outcomes_not_smart"]
    assert gaps[0].message == "2 outcomes in the plan fail the SMART check."


def test_it_flags_missing_views_at_the_last_review_only():
    older_gap = [ReviewFacts(date(2025, 3, 1), True, False, False), ReviewFacts(date(2025, 7, 10), True, True, True)]
    assert duties(compliant(reviews=older_gap)) == []
    latest_gap = [ReviewFacts(date(2025, 7, 10), True, True, False)]
    gaps = gaps_for(compliant(reviews=latest_gap), TODAY, FIGURES)
    assert [gap.duty for gap in gaps] == ["views_missing"]
    assert "parents' views" in gaps[0].message and "pupil's" not in gaps[0].message


def test_it_names_staff_who_have_not_read_the_passport():
    gaps = gaps_for(compliant(staff_to_acknowledge=["Tara Hughes", "Tom Nowak"]), TODAY, FIGURES)
    assert [gap.duty for gap in gaps] == ["profile_unread"]
    assert "Tara Hughes, Tom Nowak" in gaps[0].message


def test_two_reviews_below_expected_progress_prompt_specialists():
    one = [ReviewFacts(date(2025, 3, 1), True, True, True), ReviewFacts(date(2025, 7, 1), False, True, True)]
    assert duties(compliant(reviews=one)) == []
    two = [ReviewFacts(date(2025, 3, 1), False, True, True), ReviewFacts(date(2025, 7, 1), False, True, True)]
    assert duties(compliant(reviews=two)) == ["involve_specialists"]
    broken_run = [
        ReviewFacts(date(2025, 1, 1), False, True, True),
        ReviewFacts(date(2025, 3, 1), True, True, True),
        ReviewFacts(date(2025, 7, 1), False, True, True),
    ]
    assert duties(compliant(reviews=broken_run)) == []


def test_specialists_and_still_below_expected_prompt_an_ehc_needs_assessment():
    reviews = [ReviewFacts(date(2025, 3, 1), False, True, True), ReviewFacts(date(2025, 7, 1), False, True, True)]
    involved = compliant(reviews=reviews, specialist_since=date(2025, 4, 1))
    assert duties(involved) == ["consider_ehc"]
    before_any_review = compliant(reviews=reviews, specialist_since=date(2025, 8, 1))
    assert duties(before_any_review) == []
    improving = compliant(
        reviews=[*reviews, ReviewFacts(date(2025, 10, 1), True, True, True)], specialist_since=date(2025, 4, 1)
    )
    assert duties(improving) == []


def test_gaps_sort_by_urgency_then_days_overdue():
    gaps = (
        gaps_for(compliant(pupil_id=1, meetings_this_year=0), TODAY, FIGURES)
        + gaps_for(compliant(pupil_id=2, plan_review_date=date(2025, 11, 1)), TODAY, FIGURES)
        + gaps_for(compliant(pupil_id=3, plan_review_date=date(2025, 10, 1)), TODAY, FIGURES)
        + gaps_for(compliant(pupil_id=4, notified_on=None), TODAY, FIGURES)
    )
    assert [(gap.duty, gap.pupil_id) for gap in sort_gaps(gaps)] == [
        ("parent_not_notified", 4),
        ("review_overdue", 3),
        ("review_overdue", 2),
        ("parent_meetings", 1),
    ]
