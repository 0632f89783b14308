"""The duties for pupils with EHC plans (CFA 2014 s.44; SEND Regulations 2014 reg. 18 and 20), on fixed dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sendsupport.compliance.duties import gaps_for
from sendsupport.compliance.facts import AnnualReviewFacts, EHCPlanFacts
from sendsupport.compliance.tests.test_duties import FIGURES, compliant

PLAN = EHCPlanFacts(issued_on=date(2025, 1, 15))


def ehc(plan: EHCPlanFacts = PLAN, **changes):
    return compliant(provision="E", ehc_plan=plan, **changes)


def gaps(facts, today: date, duty: str):
    return [gap for gap in gaps_for(facts, today, FIGURES) if gap.duty == duty]


def held(on: date) -> AnnualReviewFacts:
    return AnnualReviewFacts(on, date(2020, 1, 1), date(2020, 1, 1), held=True)


def booked(on: date, invited: date | None = None, advice: date | None = None) -> AnnualReviewFacts:
    return AnnualReviewFacts(on, invited, advice, held=False)


def test_a_pupil_with_an_ehc_plan_and_nothing_due_has_no_gaps():
    assert gaps_for(ehc(), date(2025, 11, 20), FIGURES) == []


def test_a_pupil_on_the_register_as_E_with_no_plan_recorded_is_asked_for_its_dates():
    found = gaps_for(compliant(provision="E"), date(2025, 11, 20), FIGURES)
    assert [gap.duty for gap in found] == ["ehc_plan_missing"]
    assert gaps_for(compliant(provision="K"), date(2025, 11, 20), FIGURES) == []


@pytest.mark.parametrize(
    ("plan", "today", "expected"),
    [
        (PLAN, date(2025, 12, 17), None),  # due 15/01/2026: 29 days ahead, still time to invite
        (PLAN, date(2025, 12, 18), "no meeting is booked"),  # 28 days: invite now
        (replace(PLAN, annual_reviews=(booked(date(2026, 1, 10)),)), date(2025, 12, 18), None),
        (PLAN, date(2026, 1, 15), "no meeting is booked"),
        (PLAN, date(2026, 1, 16), "1 day overdue"),
        (replace(PLAN, annual_reviews=(booked(date(2026, 1, 20)),)), date(2026, 1, 16), "1 day overdue"),
        (replace(PLAN, annual_reviews=(held(date(2026, 1, 10)),)), date(2026, 2, 1), None),  # next due 10/01/2027
        (replace(PLAN, annual_reviews=(held(date(2026, 1, 10)),)), date(2027, 1, 11), "1 day overdue"),
    ],
)
def test_the_annual_review_is_due_within_12_months_of_the_plan_and_of_each_review(plan, today, expected):
    found = gaps(ehc(plan), today, "annual_review_due")
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].message


def test_the_annual_review_interval_is_a_figure():
    assert gaps(ehc(), date(2025, 7, 16), "annual_review_due") == []
    shorter = {**FIGURES, "annual_review_months": 6}
    assert gaps_for(ehc(), date(2025, 7, 16), shorter)[0].duty == "annual_review_due"


TO_SECONDARY = replace(PLAN, issued_on=date(2024, 3, 1), annual_reviews=(held(date(2025, 2, 20)),))


@pytest.mark.parametrize(
    ("plan", "today", "expected"),
    [
        (replace(TO_SECONDARY, next_transfer_on=date(2026, 9, 1)), date(2025, 8, 31), None),  # window not open
        (replace(TO_SECONDARY, next_transfer_on=date(2026, 9, 1)), date(2025, 9, 1), "by 15 February 2026."),
        (replace(TO_SECONDARY, next_transfer_on=date(2026, 9, 1)), date(2026, 2, 15), "by 15 February 2026."),
        (replace(TO_SECONDARY, next_transfer_on=date(2026, 9, 1)), date(2026, 2, 16), "(1 day overdue)"),
        (
            replace(TO_SECONDARY, next_transfer_on=date(2026, 9, 1), next_transfer_to_post16=True),
            date(2026, 3, 31),
            "by 31 March 2026.",
        ),
        (
            replace(TO_SECONDARY, next_transfer_on=date(2026, 9, 1), next_transfer_to_post16=True),
            date(2026, 4, 1),
            "(1 day overdue)",
        ),
        (
            replace(
                TO_SECONDARY,
                next_transfer_on=date(2026, 9, 1),
                annual_reviews=(held(date(2025, 2, 20)), held(date(2025, 12, 1))),
            ),
            date(2026, 1, 10),
            None,
        ),
        (replace(TO_SECONDARY, next_transfer_on=None), date(2026, 2, 16), None),
    ],
)
def test_the_phase_transfer_review_is_held_in_time_for_15_february_or_31_march(plan, today, expected):
    found = gaps(ehc(plan), today, "phase_transfer_review")
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].message


@pytest.mark.parametrize(
    ("review", "today", "expected"),
    [
        (booked(date(2025, 12, 10)), date(2025, 11, 25), None),  # 15 days before: still time
        (booked(date(2025, 12, 10)), date(2025, 11, 26), "invitations for the meeting on 10 December 2025 have not been"),
        (booked(date(2025, 12, 10), date(2025, 11, 26), date(2025, 11, 26)), date(2025, 12, 1), None),
        (booked(date(2025, 12, 10), date(2025, 11, 27), date(2025, 11, 20)), date(2025, 12, 1), "invitations for"),
        (booked(date(2025, 12, 10), date(2025, 11, 20), None), date(2025, 11, 26), "advice for the meeting"),
        (held(date(2025, 12, 10)), date(2025, 12, 11), None),
    ],
)
def test_annual_review_invitations_and_advice_go_out_two_weeks_ahead(review, today, expected):
    plan = replace(PLAN, issued_on=date(2025, 1, 20), annual_reviews=(review,))
    found = gaps(ehc(plan), today, "annual_review_notice")
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].message
