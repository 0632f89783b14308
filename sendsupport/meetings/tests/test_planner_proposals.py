"""The planner's proposals: the yearly number spread over the terms, moved to review dates, never in
the past, skipping terms that already have a meeting."""

from __future__ import annotations

from datetime import date

from sendsupport.meetings.planner import propose, slots
from sendsupport.schools.terms import default_terms

TERMS = default_terms(2026)  # autumn 1 Sep-19 Dec 2026, spring 5 Jan-31 Mar 2027, summer 15 Apr-22 Jul 2027


def test_it_proposes_one_meeting_in_the_middle_of_each_term():
    found = propose(per_year=3, terms=TERMS, review_dates=[], taken=[], today=date(2026, 8, 20))
    assert [p.term for p in found] == ["autumn", "spring", "summer"]
    for proposal, term in zip(found, TERMS, strict=True):
        assert term.start <= proposal.on <= term.end
        assert proposal.on.weekday() < 5
        assert abs((proposal.on - term.midpoint).days) <= 2


def test_it_proposes_at_least_the_schools_number_even_when_it_is_more_than_the_terms():
    assert len(slots(6, TERMS)) == 6
    found = propose(per_year=6, terms=TERMS, review_dates=[], taken=[], today=date(2026, 8, 20))
    assert len(found) == 6 and [p.term for p in found].count("spring") == 2


def test_it_moves_the_meeting_to_the_plan_review_date_in_its_term():
    review = date(2027, 2, 10)
    found = propose(per_year=3, terms=TERMS, review_dates=[review], taken=[], today=date(2026, 8, 20))
    assert found[1].on == review and "plan review" in found[1].why


def test_it_skips_terms_with_a_meeting_held_or_planned_and_proposes_nothing_in_the_past():
    found = propose(per_year=3, terms=TERMS, review_dates=[], taken=[date(2026, 10, 1)], today=date(2026, 12, 15))
    assert [p.term for p in found] == ["spring", "summer"]
    late = propose(per_year=3, terms=TERMS, review_dates=[], taken=[], today=date(2026, 12, 1))
    # The autumn term's middle has passed but the term has not ended: as soon as there is notice.
    assert late[0].term == "autumn" and late[0].on >= date(2026, 12, 8)
    after = propose(per_year=3, terms=TERMS, review_dates=[], taken=[], today=date(2026, 12, 18))
    assert [p.term for p in after] == ["spring", "summer"]
