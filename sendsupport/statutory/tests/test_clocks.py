"""The statutory clocks of an EHC needs assessment request (``statutory.clocks``): pure, on fixed dates."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from sendsupport.statutory import clocks
from sendsupport.statutory.clocks import (
    DONE_LATE,
    DONE_ON_TIME,
    DUE,
    NOT_NEEDED,
    OVERDUE,
    WAITING,
    by_key,
    clocks_for,
    next_step,
)

RECEIVED = date(2026, 1, 5)  # a Monday


@dataclass(frozen=True)
class Req:
    """The attributes the clocks read (an EHCRequest or the to-do list's facts have the same)."""

    requested_on: date = RECEIVED
    outcome: str = "pending"
    outcome_on: date | None = None
    advice_requested_on: date | None = None
    advice_sent_on: date | None = None
    no_plan_on: date | None = None
    draft_issued_on: date | None = None
    representations_end_on: date | None = None
    final_issued_on: date | None = None
    exception: str = ""


def states(request, today):
    return {key: clock.state for key, clock in by_key(clocks_for(request, today=today)).items()}


def test_it_counts_six_sixteen_and_twenty_weeks_from_the_day_the_request_was_received():
    found = by_key(clocks_for(Req(outcome="agreed", outcome_on=date(2026, 2, 1)), today=RECEIVED))
    assert found["decision"].due_on == date(2026, 2, 16)
    assert found["no_plan"].due_on == date(2026, 4, 27)
    assert found["final_plan"].due_on == date(2026, 5, 25)


def test_the_decision_is_due_on_the_last_day_and_overdue_the_day_after():
    due = RECEIVED + timedelta(weeks=6)
    assert states(Req(), due)["decision"] == DUE
    assert states(Req(), due + timedelta(days=1))["decision"] == OVERDUE


def test_a_decision_on_the_last_day_is_on_time_and_a_day_later_is_late():
    due = RECEIVED + timedelta(weeks=6)
    assert states(Req(outcome="refused", outcome_on=due), due)["decision"] == DONE_ON_TIME
    late = due + timedelta(days=1)
    assert states(Req(outcome="agreed", outcome_on=late), late)["decision"] == DONE_LATE


def test_while_the_decision_is_awaited_the_later_steps_wait():
    found = states(Req(), RECEIVED)
    assert found == {
        "decision": DUE,
        "advice": WAITING,
        "no_plan": WAITING,
        "representations": WAITING,
        "final_plan": WAITING,
    }


def test_a_refusal_ends_every_later_clock():
    found = states(Req(outcome="refused", outcome_on=date(2026, 2, 10)), date(2026, 9, 1))
    assert found["decision"] == DONE_ON_TIME
    assert {found[key] for key in ("advice", "no_plan", "representations", "final_plan")} == {NOT_NEEDED}


def test_a_withdrawn_request_needs_nothing_more():
    found = states(Req(outcome="withdrawn"), date(2026, 9, 1))
    assert set(found.values()) == {NOT_NEEDED}


def test_the_schools_advice_is_due_six_weeks_after_it_was_asked_for_not_after_the_request():
    asked = date(2026, 2, 20)
    request = Req(outcome="agreed", outcome_on=date(2026, 2, 10), advice_requested_on=asked)
    advice = by_key(clocks_for(request, today=asked))["advice"]
    assert advice.due_on == asked + timedelta(weeks=6)
    assert advice.who == "school"
    assert states(request, asked + timedelta(weeks=6, days=1))["advice"] == OVERDUE
    sent = replace(request, advice_sent_on=asked + timedelta(weeks=6))
    assert states(sent, date(2026, 6, 1))["advice"] == DONE_ON_TIME


def test_until_the_advice_is_asked_for_its_clock_waits():
    request = Req(outcome="agreed", outcome_on=date(2026, 2, 10))
    assert states(request, date(2026, 2, 11))["advice"] == WAITING


def test_after_the_decision_to_assess_the_decision_whether_to_issue_runs_to_sixteen_weeks():
    request = Req(outcome="agreed", outcome_on=date(2026, 2, 10))
    sixteen = RECEIVED + timedelta(weeks=16)
    assert states(request, sixteen)["no_plan"] == DUE
    assert states(request, sixteen + timedelta(days=1))["no_plan"] == OVERDUE
    refused_late = replace(request, no_plan_on=sixteen + timedelta(days=3))
    found = states(refused_late, date(2026, 9, 1))
    assert found["no_plan"] == DONE_LATE
    assert found["final_plan"] == NOT_NEEDED
    assert found["representations"] == NOT_NEEDED


def test_a_draft_plan_means_no_decision_not_to_issue_was_needed():
    request = Req(outcome="agreed", outcome_on=date(2026, 2, 10), draft_issued_on=date(2026, 4, 1))
    assert states(request, date(2026, 4, 2))["no_plan"] == NOT_NEEDED


def test_representations_run_at_least_fifteen_days_counting_the_day_the_draft_was_served():
    draft = date(2026, 4, 1)
    request = Req(outcome="agreed", outcome_on=date(2026, 2, 10), draft_issued_on=draft)
    reps = by_key(clocks_for(request, today=draft))["representations"]
    assert reps.due_on == date(2026, 4, 15)  # 1 April is day 1; 15 April is day 15
    assert reps.minimum
    assert states(request, date(2026, 5, 1))["representations"] == DUE  # a minimum is never overdue


def test_the_final_plan_within_twenty_weeks_is_on_time_and_after_is_late():
    twenty = RECEIVED + timedelta(weeks=20)
    base = Req(
        outcome="agreed",
        outcome_on=date(2026, 2, 10),
        draft_issued_on=date(2026, 4, 1),
        representations_end_on=date(2026, 4, 15),
    )
    assert states(replace(base, final_issued_on=twenty), twenty)["final_plan"] == DONE_ON_TIME
    assert clocks.within_twenty_weeks(replace(base, final_issued_on=twenty)) is True
    late = replace(base, final_issued_on=twenty + timedelta(days=1))
    assert states(late, twenty + timedelta(days=1))["final_plan"] == DONE_LATE
    assert clocks.within_twenty_weeks(late) is False
    assert states(base, twenty + timedelta(days=1))["final_plan"] == OVERDUE


def test_an_exception_excuses_only_the_clocks_the_regulations_allow():
    late = Req(outcome="agreed", outcome_on=date(2026, 3, 1), exception="appointment")
    found = by_key(clocks_for(late, today=date(2026, 9, 1)))
    # reg. 5(4) has no missed-appointment exception for the decision whether to assess; reg. 10(4)(d) does
    # for the final plan.
    assert not found["decision"].excepted
    assert found["final_plan"].excepted
    closed = by_key(clocks_for(replace(late, exception="school_closed"), today=date(2026, 9, 1)))
    assert closed["decision"].excepted
    assert not closed["advice"].excepted


@override_settings(
    EHC_CLOCKS={
        "decision_weeks": 4,
        "advice_weeks": 6,
        "no_plan_weeks": 16,
        "representation_days": 15,
        "final_plan_weeks": 20,
        "advice_notice_days": 14,
        "exceptions": {},
    }
)
def test_the_figures_are_settings_not_literals():
    assert by_key(clocks_for(Req(), today=RECEIVED))["decision"].due_on == RECEIVED + timedelta(weeks=4)


def test_the_next_step_passes_over_representations_once_their_minimum_has_run():
    request = Req(outcome="agreed", outcome_on=date(2026, 2, 10), draft_issued_on=date(2026, 4, 1))
    during = clocks_for(request, today=date(2026, 4, 10))
    assert next_step(during, date(2026, 4, 10)).key == "representations"
    after = clocks_for(request, today=date(2026, 4, 20))
    assert next_step(after, date(2026, 4, 20)).key == "final_plan"


def test_a_finished_request_has_no_next_step():
    request = Req(outcome="refused", outcome_on=date(2026, 2, 1))
    assert next_step(clocks_for(request, today=date(2026, 3, 1)), date(2026, 3, 1)) is None


days = st.integers(min_value=0, max_value=400)


@given(decided=days, today=days, outcome=st.sampled_from(["agreed", "refused"]))
def test_a_decision_is_late_exactly_when_it_is_after_six_weeks(decided, today, outcome):
    on = RECEIVED + timedelta(days=decided)
    request = Req(outcome=outcome, outcome_on=on)
    state = states(request, max(on, RECEIVED + timedelta(days=today)))["decision"]
    assert state == (DONE_LATE if decided > 42 else DONE_ON_TIME)


@given(today=days)
def test_an_open_clock_is_overdue_exactly_when_today_is_past_its_due_date(today):
    day = RECEIVED + timedelta(days=today)
    for clock in clocks_for(Req(outcome="agreed", outcome_on=RECEIVED, advice_requested_on=RECEIVED), today=day):
        if clock.state in (DUE, OVERDUE) and not clock.minimum:
            assert (clock.state == OVERDUE) == (day > clock.due_on)


@pytest.mark.parametrize("exception", ["school_closed", "personal", "away", "appointment"])
def test_every_exception_can_excuse_the_final_plan(exception):
    """reg. 13(3) applies every reason of reg. 10(4)(a)-(d) to the 20 weeks."""
    assert clocks.excuses(exception, "final_plan")
