"""Every SEN support duty on fixed dates, with no database: the facts in, the gaps out.

Each duty has its trigger, its silence and its boundary dates. The figures are the national
defaults with the default term dates (autumn 1 Sep-19 Dec, spring 5 Jan-31 Mar, summer 15 Apr-22 Jul).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sendsupport.compliance.duties import compulsory_school_age_ends, gaps_for, sort_gaps
from sendsupport.compliance.facts import EHCRequestFacts, PupilFacts, ReviewFacts, SpecialistFacts
from sendsupport.schools.terms import default_terms

TODAY = date(2025, 11, 20)
FIGURES = {
    "parent_meetings_per_year": 3,
    "meeting_record_days": 14,
    "max_review_weeks": 16,
    "plan_grace_days": 28,
    "reviews_before_specialist": 2,
    "ehc_refusal_weeks": 26,
    "follow_up_days": 28,
    "annual_review_months": 12,
    "annual_review_notice_days": 14,
    "phase_transfer_deadline": (2, 15),
    "post16_transfer_deadline": (3, 31),
    "terms": default_terms(2025),
}


def review(held_on: date, expected: bool | None = True, **changes) -> ReviewFacts:
    return ReviewFacts(held_on, expected, True, True, **changes)


def compliant(**changes) -> PupilFacts:
    """A pupil on SEN support for whom every duty is met on TODAY; each test breaks one thing."""
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
        reviews=[review(date(2025, 7, 10))],
        staff_to_acknowledge=[],
        profile_exists=True,
        date_of_birth=date(2016, 5, 1),
        joined_on=date(2020, 9, 1),
        register_started_on=date(2025, 9, 8),
        plan_started_on=date(2025, 9, 20),
        plan_consulted_on=date(2025, 9, 18),
        assessed_on=date(2025, 9, 8),
        meeting_dates=frozenset({date(2025, 10, 1)}),
    )
    return replace(facts, **changes)


def duties(facts: PupilFacts, today: date = TODAY, figures: dict | None = None) -> list[str]:
    return [gap.duty for gap in gaps_for(facts, today, figures or FIGURES)]


def only(facts: PupilFacts, today: date = TODAY, figures: dict | None = None):
    gaps = gaps_for(facts, today, figures or FIGURES)
    assert len(gaps) == 1, [gap.duty for gap in gaps]
    return gaps[0]


def test_it_finds_nothing_for_a_pupil_whose_duties_are_met():
    assert duties(compliant()) == []


# --- Notification (CFA 2014 s.68) ------------------------------------------------------------


def test_it_flags_parents_not_told_that_support_started():
    gap = only(compliant(notified_on=None))
    assert gap.duty == "parent_not_notified"
    assert gap.days_overdue == 73
    assert gap.message.startswith("Parents have not been told") and "73 days ago" in gap.message


def test_a_transfer_pupil_is_counted_from_the_day_they_joined():
    transfer = compliant(notified_on=None, support_started_on=date(2023, 5, 1), joined_on=date(2025, 11, 1))
    gap = only(transfer)
    assert gap.days_overdue == 19 and "19 days ago" in gap.message
    assert only(replace(transfer, joined_on=TODAY)).days_overdue == 0


def test_over_compulsory_school_age_the_young_person_is_told():
    gap = only(compliant(notified_on=None, date_of_birth=date(2009, 7, 1)))
    assert gap.message.startswith("The young person has not been told")


@pytest.mark.parametrize(
    ("born", "ends"),
    [
        (date(2009, 7, 1), date(2025, 6, 27)),  # 16 in July: the school year that ended in 2025
        (date(2009, 8, 31), date(2025, 6, 27)),
        (date(2009, 9, 1), date(2026, 6, 26)),  # 16 on 1 September: the next school year
        (date(2010, 2, 28), date(2026, 6, 26)),
    ],
)
def test_compulsory_school_age_ends_on_the_last_friday_in_june_of_the_year_they_turn_16(born, ends):
    assert compulsory_school_age_ends(born) == ends


def test_a_young_person_on_the_last_day_of_compulsory_school_age_is_still_a_child():
    facts = compliant(notified_on=None, date_of_birth=date(2009, 7, 1))
    assert only(facts, date(2025, 6, 27)).message.startswith("Parents have")
    assert only(facts, date(2025, 6, 28)).message.startswith("The young person")


# --- Meetings with parents (CoP 6.65) ----------------------------------------------------------

LONG_ON_SUPPORT = {"register_started_on": date(2023, 1, 10), "support_started_on": date(2023, 1, 10)}


@pytest.mark.parametrize(
    ("today", "changes", "gap_expected"),
    [
        (date(2025, 9, 2), {"meeting_dates": frozenset()}, None),  # nothing due on 2 September
        (date(2025, 12, 19), {"meeting_dates": frozenset()}, None),  # the autumn term's last day
        (date(2025, 12, 20), {"meeting_dates": frozenset()}, 1),  # autumn has ended: one is due
        (date(2025, 12, 20), {}, None),  # one held in October
        (date(2026, 3, 31), {}, None),  # spring's last day
        (date(2026, 4, 1), {}, 2),
        (date(2026, 8, 1), {"meeting_dates": frozenset({date(2025, 10, 1), date(2026, 2, 1)})}, 3),
        (
            date(2026, 8, 31),  # the summer holiday adds nothing
            {"meeting_dates": frozenset({date(2025, 10, 1), date(2026, 2, 1), date(2026, 5, 1)})},
            None,
        ),
        (
            date(2026, 9, 1),
            {"meeting_dates": frozenset({date(2025, 10, 1)})},
            None,
        ),  # a new year: last year's do not count
    ],
)
def test_meetings_are_expected_about_one_a_term_elapsed(today, changes, gap_expected):
    facts = compliant(**{**LONG_ON_SUPPORT, **changes})
    found = duties(facts, today)
    if gap_expected is None:
        assert "parent_meetings" not in found
    else:
        gap = next(g for g in gaps_for(facts, today, FIGURES) if g.duty == "parent_meetings")
        assert f"{gap_expected} expected by now" in gap.message


@pytest.mark.parametrize(
    ("started", "gap"),
    [
        (date(2025, 10, 25), True),  # on the register by the middle of the autumn term: counted
        (date(2025, 10, 26), False),  # after the middle: the autumn term does not count
    ],
)
def test_a_term_counts_when_the_pupil_was_on_the_register_by_its_middle(started, gap):
    facts = compliant(register_started_on=started, support_started_on=started, meeting_dates=frozenset())
    assert ("parent_meetings" in duties(facts, date(2025, 12, 20))) is gap


def test_a_pupil_who_started_support_in_june_owes_nothing_for_the_year():
    facts = compliant(register_started_on=date(2026, 6, 10), support_started_on=date(2026, 6, 10))
    assert "parent_meetings" not in duties(replace(facts, meeting_dates=frozenset()), date(2026, 8, 1))


def test_a_pupil_who_joined_in_january_is_counted_from_the_day_they_joined():
    facts = compliant(**LONG_ON_SUPPORT, joined_on=date(2026, 1, 10), meeting_dates=frozenset())
    gap = next(g for g in gaps_for(facts, date(2026, 4, 1), FIGURES) if g.duty == "parent_meetings")
    assert "0 meetings with parents this school year; 1 expected by now" in gap.message


def test_pupils_with_ehc_plans_are_measured_and_pupils_off_the_register_are_not():
    facts = compliant(**LONG_ON_SUPPORT, meeting_dates=frozenset())
    assert "parent_meetings" in duties(replace(facts, provision="E"), date(2025, 12, 20))
    assert "parent_meetings" not in duties(replace(facts, provision="N"), date(2025, 12, 20))


def test_the_number_of_meetings_a_year_is_the_schools_figure():
    facts = compliant(**LONG_ON_SUPPORT)
    assert "parent_meetings" not in duties(facts, date(2026, 4, 1), {**FIGURES, "parent_meetings_per_year": 1})
    assert "parent_meetings" in duties(facts, date(2025, 12, 20), {**FIGURES, "parent_meetings_per_year": 6})


@pytest.mark.parametrize(("today", "gap"), [(date(2025, 11, 15), False), (date(2025, 11, 16), True)])
def test_a_meeting_record_not_given_to_the_parents_within_the_days_allowed_is_a_gap(today, gap):
    facts = compliant(unshared_meetings=(date(2025, 11, 1),))
    assert ("meeting_record" in duties(facts, today)) is gap


# --- Reviews and plans (CoP 6.48, 6.54) ---------------------------------------------------------


def test_it_counts_days_a_review_is_overdue():
    assert duties(compliant(plan_review_date=date(2025, 11, 20))) == []
    late = only(compliant(plan_review_date=date(2025, 11, 10)))
    assert late.duty == "review_overdue" and late.days_overdue == 10
    assert "10 days overdue" in late.message


def test_a_reviewed_plan_is_not_overdue():
    assert duties(compliant(plan_review_date=date(2025, 11, 1), plan_reviewed=True)) == []


@pytest.mark.parametrize(("review_date", "gap"), [(date(2026, 1, 10), False), (date(2026, 1, 11), True)])
def test_a_review_date_more_than_the_schools_weeks_ahead_is_a_warning(review_date, gap):
    # The plan began on 20 September 2025; 16 weeks later is 10 January 2026.
    assert (duties(compliant(plan_review_date=review_date)) == ["review_interval"]) is gap


@pytest.mark.parametrize(
    ("today", "changes", "message"),
    [
        (date(2025, 10, 6), {"plan_agreed": False}, None),  # 28 days after the assessment: still in grace
        (date(2025, 10, 7), {"plan_agreed": False}, "still a draft"),
        (date(2025, 10, 7), {"plan_agreed": False, "plan_id": None}, "no SEN support plan"),
        (date(2025, 10, 7), {"plan_consulted_on": None}, "no consultation with the parents"),
        (date(2025, 10, 7), {}, None),
    ],
)
def test_a_plan_is_agreed_with_a_recorded_consultation_after_a_grace_period(today, changes, message):
    facts = compliant(plan_review_date=date(2025, 12, 12), **changes)
    gaps = [g for g in gaps_for(facts, today, FIGURES) if g.duty == "plan_not_agreed"]
    if message is None:
        assert gaps == []
    else:
        assert len(gaps) == 1 and message in gaps[0].message


def test_it_flags_outcomes_that_fail_the_smart_check():
    gap = only(compliant(smart_problems=2))
    assert gap.duty == "outcomes_not_smart" and gap.message == "2 outcomes in the plan fail the SMART check."


def test_it_flags_missing_views_at_the_last_review_only():
    older_gap = [ReviewFacts(date(2025, 3, 1), True, False, False), review(date(2025, 7, 10))]
    assert duties(compliant(reviews=older_gap)) == []
    gap = only(compliant(reviews=[ReviewFacts(date(2025, 7, 10), True, True, False)]))
    assert gap.duty == "views_missing"
    assert "parents' views" in gap.message and "pupil's" not in gap.message


def test_it_names_staff_who_have_not_read_the_passport():
    gap = only(compliant(staff_to_acknowledge=["Tara Hughes", "Tom Nowak"]))
    assert gap.duty == "profile_unread" and "Tara Hughes, Tom Nowak" in gap.message


# --- Specialists (CoP 6.58-6.59) -----------------------------------------------------------------

BELOW_TWICE = [review(date(2025, 3, 1), False), review(date(2025, 7, 1), False)]
ACTIVE = SpecialistFacts(date(2025, 8, 1), consented=True, ended=False)


@pytest.mark.parametrize(
    ("changes", "gap"),
    [
        ({"reviews": [review(date(2025, 3, 1)), review(date(2025, 7, 1), False)]}, False),  # one is not a run
        ({"reviews": BELOW_TWICE}, True),
        (
            {"reviews": [review(date(2025, 1, 1), False), review(date(2025, 3, 1)), review(date(2025, 7, 1), False)]},
            False,
        ),
        ({"reviews": BELOW_TWICE, "specialists": (ACTIVE,)}, False),
        ({"reviews": BELOW_TWICE, "specialists": (replace(ACTIVE, ended=True),)}, True),  # ended: not involved
        ({"reviews": BELOW_TWICE, "specialists": (replace(ACTIVE, consented=False),)}, True),  # no consent
        ({"well_below": True}, True),  # 6.59: working substantially below age expectations
        ({"well_below": True, "specialists": (ACTIVE,)}, False),
        ({"well_below": True, "provision": "E"}, False),
    ],
)
def test_specialists_are_prompted_by_a_run_of_reviews_or_attainment_well_below(changes, gap):
    assert ("involve_specialists" in duties(compliant(**changes))) is gap


def test_the_specialist_prompt_says_why():
    assert "well below age-related expectations" in only(compliant(well_below=True)).message
    assert "2 reviews in a row" in only(compliant(reviews=BELOW_TWICE)).message


# --- Considering an EHC needs assessment (CoP 6.63) ---------------------------------------------

ADVICE = SpecialistFacts(date(2025, 3, 1), consented=True, ended=False, advice_received_on=date(2025, 4, 1))
SHORT_AFTER_ADVICE = [review(date(2025, 7, 10), False, plan_started_on=date(2025, 5, 1))]


@pytest.mark.parametrize(
    ("changes", "gap"),
    [
        ({"severe_or_complex": True}, True),  # the SENCO's flag: no referral needed
        ({"reviews": SHORT_AFTER_ADVICE, "specialists": (ADVICE,)}, True),
        ({"reviews": SHORT_AFTER_ADVICE, "specialists": ()}, False),  # no advice yet
        (  # advice arrived after the reviewed plan began: it could not be acted on yet
            {"reviews": SHORT_AFTER_ADVICE, "specialists": (replace(ADVICE, advice_received_on=date(2025, 7, 9)),)},
            False,
        ),
        (
            {"reviews": [review(date(2025, 7, 10), True, plan_started_on=date(2025, 5, 1))], "specialists": (ADVICE,)},
            False,
        ),
        ({"severe_or_complex": True, "provision": "E"}, False),
    ],
)
def test_an_ehc_needs_assessment_is_prompted_by_the_flag_or_short_progress_after_advice(changes, gap):
    assert ("consider_ehc" in duties(compliant(**changes))) is gap


@pytest.mark.parametrize(
    ("request_", "gap"),
    [
        (EHCRequestFacts(date(2025, 10, 1), "pending"), False),
        (EHCRequestFacts(date(2025, 6, 1), "agreed", date(2025, 7, 10)), False),
        (EHCRequestFacts(date(2025, 4, 1), "refused", date(2025, 5, 22)), False),  # exactly 26 weeks ago
        (EHCRequestFacts(date(2025, 4, 1), "refused", date(2025, 5, 21)), True),
        (EHCRequestFacts(date(2025, 10, 1), "withdrawn", date(2025, 10, 5)), True),
    ],
)
def test_the_ehc_prompt_stops_once_a_request_is_recorded_or_refused_recently(request_, gap):
    facts = compliant(severe_or_complex=True, ehc_requests=(request_,))
    assert ("consider_ehc" in duties(facts)) is gap


# --- Follow-up of a review's next step --------------------------------------------------------


@pytest.mark.parametrize(
    ("next_step", "changes", "today", "gap"),
    [
        ("specialist", {}, date(2025, 10, 29), False),  # 28 days allowed
        ("specialist", {}, date(2025, 10, 30), True),
        ("specialist", {"specialists": (SpecialistFacts(date(2025, 10, 5), True, False),)}, date(2025, 11, 20), False),
        ("specialist", {"specialists": (SpecialistFacts(date(2025, 9, 5), True, False),)}, date(2025, 11, 20), True),
        ("ehc_request", {}, date(2025, 10, 30), True),
        ("ehc_request", {"ehc_requests": (EHCRequestFacts(date(2025, 10, 2), "pending"),)}, date(2025, 11, 20), False),
        ("continue", {}, date(2025, 11, 20), False),
    ],
)
def test_a_reviews_next_step_with_nothing_recorded_after_it_is_a_gap(next_step, changes, today, gap):
    facts = compliant(reviews=[review(date(2025, 10, 1), next_step=next_step)], **changes)
    assert ("follow_up" in duties(facts, today)) is gap


def test_gaps_sort_by_urgency_then_days_overdue():
    gaps = (
        gaps_for(compliant(pupil_id=1, unshared_meetings=(date(2025, 10, 1),)), TODAY, FIGURES)
        + gaps_for(compliant(pupil_id=2, plan_review_date=date(2025, 11, 1)), TODAY, FIGURES)
        + gaps_for(compliant(pupil_id=3, plan_review_date=date(2025, 10, 1)), TODAY, FIGURES)
        + gaps_for(compliant(pupil_id=4, notified_on=None), TODAY, FIGURES)
    )
    assert [(gap.duty, gap.pupil_id) for gap in sort_gaps(gaps)] == [
        ("parent_not_notified", 4),
        ("review_overdue", 3),
        ("review_overdue", 2),
        ("meeting_record", 1),
    ]
