"""The EHC request clocks on the SENCO's to-do list (``compliance.ehc_clock_duties``), on fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sendsupport.compliance.basis import Basis, standing_of
from sendsupport.compliance.ehc_clock_duties import EHC_CLOCK_DUTIES, LA_STEP, SCHOOL_ADVICE
from sendsupport.compliance.engine import all_duties, todo_list
from sendsupport.compliance.facts import EHCRequestFacts
from sendsupport.compliance.tests.test_duties import FIGURES, compliant
from sendsupport.statutory.models import EHCRequest

RECEIVED = date(2026, 1, 5)
AGREED = EHCRequestFacts(RECEIVED, "agreed", date(2026, 2, 9))


def gaps(request: EHCRequestFacts, today: date, duty: str):
    facts = compliant(ehc_requests=(request,))
    return [gap for d in EHC_CLOCK_DUTIES for gap in d.check(facts, today, FIGURES) if gap.duty == duty]


def asked(on: date, sent: date | None = None) -> EHCRequestFacts:
    return EHCRequestFacts(RECEIVED, "agreed", date(2026, 2, 9), advice_requested_on=on, advice_sent_on=sent)


def test_the_duties_run_with_the_others_on_the_to_do_list():
    codes = {duty.code for duty in all_duties()}
    assert {SCHOOL_ADVICE, LA_STEP} <= codes


def test_the_schools_advice_shows_from_a_fortnight_before_it_is_due():
    due = date(2026, 2, 10) + timedelta(weeks=6)
    request = asked(date(2026, 2, 10))
    assert gaps(request, due - timedelta(days=15), SCHOOL_ADVICE) == []
    [gap] = gaps(request, due - timedelta(days=14), SCHOOL_ADVICE)
    assert "due by 24 March 2026 (in 14 days)" in gap.message
    assert gap.days_overdue == 0


def test_overdue_advice_says_how_late_and_comes_first():
    due = date(2026, 2, 10) + timedelta(weeks=6)
    [gap] = gaps(asked(date(2026, 2, 10)), due + timedelta(days=3), SCHOOL_ADVICE)
    assert "3 days overdue" in gap.message
    assert gap.urgency == 1 and gap.days_overdue == 3
    assert standing_of(SCHOOL_ADVICE).basis == Basis.STATUTE


def test_advice_sent_is_no_longer_on_the_list():
    assert gaps(asked(date(2026, 2, 10), sent=date(2026, 3, 1)), date(2026, 3, 20), SCHOOL_ADVICE) == []


def test_the_las_decision_shows_when_it_is_near_and_when_it_is_late():
    pending = EHCRequestFacts(RECEIVED, "pending")
    assert gaps(pending, RECEIVED, LA_STEP) == []
    [near] = gaps(pending, date(2026, 2, 10), LA_STEP)
    assert near.message == "The local authority's decision whether to assess is due by 16 February 2026."
    [late] = gaps(pending, date(2026, 2, 20), LA_STEP)
    assert "(4 days ago)" in late.message and late.urgency < near.urgency
    assert standing_of(LA_STEP).basis == Basis.GOOD_PRACTICE  # the authority's duty, not the school's


def test_a_permitted_exception_stops_a_late_step_being_chased():
    late = EHCRequestFacts(RECEIVED, "pending", exception="personal")
    assert gaps(late, date(2026, 2, 20), LA_STEP) == []


def test_the_final_plan_is_chased_after_twenty_weeks_but_not_after_a_decision_not_to_issue():
    twenty = RECEIVED + timedelta(weeks=20)
    [gap] = gaps(AGREED, twenty + timedelta(days=1), LA_STEP)
    assert "final EHC plan was due by 25 May 2026" in gap.message
    refused = EHCRequestFacts(RECEIVED, "agreed", date(2026, 2, 9), no_plan_on=date(2026, 4, 20))
    assert gaps(refused, twenty + timedelta(days=1), LA_STEP) == []


@pytest.mark.django_db
def test_the_to_do_list_reads_the_clocks_from_the_recorded_request(senco, school, pupil):
    today = date(2026, 3, 20)
    request = EHCRequest.objects.create(
        pupil=pupil,
        requested_on=RECEIVED,
        requested_by="school",
        outcome="agreed",
        outcome_on=date(2026, 2, 9),
        advice_requested_on=date(2026, 2, 10),
    )
    found = [item for item in todo_list(senco, school, today=today).items if item.gap.duty == SCHOOL_ADVICE]
    assert len(found) == 1 and found[0].pupil_name == "Maya Evans"
    assert found[0].link.endswith(f"/pupils/{pupil.pk}/ehc/requests/{request.pk}/")
