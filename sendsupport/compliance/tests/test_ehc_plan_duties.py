"""The annual review's advice and report duties (SEND Regulations 2014 reg. 20), as pure functions, and
on the SENCO's to-do list from the records."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.compliance.ehc_plan_duties import advice_not_in, report_not_sent
from sendsupport.compliance.engine import todo_list
from sendsupport.compliance.facts import AnnualReviewFacts, EHCPlanFacts, PupilFacts
from sendsupport.compliance.figures import national_figures
from sendsupport.statutory.models import AdviceRequest, AnnualReview, EHCPlan

FIGURES = national_figures()
MEETING = date(2026, 3, 20)  # advice due in by 6 March (14 days before); report due by 3 April


def facts(*reviews: AnnualReviewFacts, provision: str = "E") -> PupilFacts:
    return PupilFacts(
        pupil_id=1,
        name="Ben Ward",
        year_group="5",
        registration_group_id=None,
        group_ids=frozenset(),
        teacher_ids=frozenset(),
        provision=provision,
        support_started_on=None,
        ehc_plan=EHCPlanFacts(issued_on=date(2025, 6, 1), annual_reviews=reviews),
    )


def review(*, held=False, waiting=0, sent=None, meeting_on=MEETING) -> AnnualReviewFacts:
    return AnnualReviewFacts(meeting_on, date(2026, 3, 1), None, held, report_sent_on=sent, advice_waiting=waiting)


def test_advice_still_awaited_when_it_must_be_circulated_is_a_gap():
    assert advice_not_in(facts(review(waiting=2)), date(2026, 3, 5), FIGURES) == []
    (gap,) = advice_not_in(facts(review(waiting=2)), date(2026, 3, 8), FIGURES)
    assert gap.days_overdue == 2
    assert "2 pieces of advice" in gap.message and "6 March 2026" in gap.message


def test_no_gap_when_all_advice_is_in_or_the_meeting_was_held_or_there_is_no_plan_in_force():
    assert advice_not_in(facts(review(waiting=0)), date(2026, 3, 8), FIGURES) == []
    assert advice_not_in(facts(review(waiting=1, held=True)), date(2026, 3, 25), FIGURES) == []
    assert advice_not_in(facts(review(waiting=1), provision="K"), date(2026, 3, 8), FIGURES) == []


def test_the_report_is_due_within_the_named_figure_after_the_meeting():
    (due,) = report_not_sent(facts(review(held=True)), date(2026, 3, 25), FIGURES)
    assert "due by 3 April 2026" in due.message and due.days_overdue == 0
    (late,) = report_not_sent(facts(review(held=True)), date(2026, 4, 10), FIGURES)
    assert late.days_overdue == 7 and "7 days overdue" in late.message and late.urgency < due.urgency
    assert report_not_sent(facts(review(held=True, sent=date(2026, 3, 30))), date(2026, 4, 10), FIGURES) == []


def test_the_figure_is_a_setting(settings):
    settings.SENDSUPPORT = {**settings.SENDSUPPORT, "ANNUAL_REVIEW_REPORT_DAYS": 28}
    (gap,) = report_not_sent(facts(review(held=True)), date(2026, 4, 10), national_figures())
    assert "due by 17 April 2026" in gap.message


def test_only_the_latest_review_held_needs_its_report():
    older = review(held=True, meeting_on=date(2025, 3, 20))
    latest = review(held=True, meeting_on=MEETING, sent=date(2026, 3, 30))
    assert report_not_sent(facts(older, latest), date(2026, 4, 10), FIGURES) == []


@pytest.mark.django_db
def test_the_to_do_list_finds_them_from_the_records(other_pupil, senco, school):
    today = date(2026, 3, 8)
    ehc_plan = EHCPlan.objects.create(pupil=other_pupil, issued_on=date(2024, 6, 1))
    upcoming = AnnualReview.objects.create(
        plan=ehc_plan, pupil=other_pupil, meeting_on=MEETING, invitations_sent_on=date(2026, 3, 1)
    )
    AdviceRequest.objects.create(review=upcoming, pupil=other_pupil, source="ep", asked_on=date(2026, 2, 1))
    AdviceRequest.objects.create(
        review=upcoming, pupil=other_pupil, source="parent", asked_on=date(2026, 2, 1), received_on=date(2026, 2, 20)
    )
    AnnualReview.objects.create(plan=ehc_plan, pupil=other_pupil, meeting_on=date(2025, 5, 20), held=True)
    found = {item.gap.duty: item.gap for item in todo_list(senco, school, today=today).items}
    assert "1 piece of advice" in found["annual_review_advice"].message
    assert "20 May 2025" in found["annual_review_report"].message
    assert found["annual_review_report"].days_overdue > 0
