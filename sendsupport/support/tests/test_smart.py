"""The SMART check: a pure function, tested without a database on fixed dates."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.support.smart import check_outcome, is_measurable

REVIEW = date(2025, 12, 12)
GOOD = {
    "description": "Read the first 100 high-frequency words on sight.",
    "baseline": "Reads 35 of the first 100 words (September 2025).",
    "target": "Reads 80 of the first 100 words.",
    "measure": "A word-card check every 3 weeks.",
    "due_date": date(2025, 12, 5),
    "review_date": REVIEW,
}


def rules(**changes) -> list[str]:
    return [problem.rule for problem in check_outcome(**{**GOOD, **changes})]


def test_it_passes_a_smart_outcome():
    assert check_outcome(**GOOD) == []


def test_it_says_when_the_baseline_is_missing():
    problems = check_outcome(**{**GOOD, "baseline": "  "})
    assert [p.rule for p in problems] == ["no_baseline"]
    assert problems[0].field == "baseline"
    assert "where the pupil is now" in str(problems[0])


def test_it_says_when_there_is_no_target():
    assert rules(target="") == ["no_target"]


def test_it_says_when_the_target_has_no_number():
    assert rules(target="Reads most of the words confidently.") == ["target_not_measurable"]


@pytest.mark.parametrize(
    "target", ["8 out of 10 words", "95% accuracy", "three times a week", "for half of the lesson", "once a day"]
)
def test_it_accepts_numbers_percentages_and_number_words(target):
    assert is_measurable(target)
    assert rules(target=target) == []


def test_it_says_how_it_will_be_measured_is_missing():
    assert rules(measure="") == ["no_measure"]


def test_it_says_when_there_is_no_date():
    assert rules(due_date=None) == ["no_date"]


def test_it_flags_a_date_after_the_review_and_names_both_dates():
    problems = check_outcome(**{**GOOD, "due_date": date(2025, 12, 13)})
    assert [p.rule for p in problems] == ["date_after_review"]
    assert "13 December 2025" in problems[0].message and "12 December 2025" in problems[0].message


def test_a_date_on_the_review_day_is_fine():
    assert rules(due_date=REVIEW) == []


def test_without_a_review_date_only_a_missing_date_matters():
    assert rules(due_date=date(2030, 1, 1), review_date=None) == []


@pytest.mark.parametrize("wording", ["Improve reading.", "Be better at spelling.", "Try to sit still on the carpet."])
def test_it_flags_vague_wording_without_a_measure(wording):
    problems = check_outcome(**{**GOOD, "description": wording, "target": "Reads more fluently."})
    assert "vague_wording" in [p.rule for p in problems]
    vague = next(p for p in problems if p.rule == "vague_wording")
    assert vague.field == "description"
    assert "'improve reading'" in vague.message or "vague" in vague.message


@pytest.mark.parametrize("wording", ["Improve reading.", "Be better at spelling.", "Try to sit still on the carpet."])
def test_vague_wording_with_a_measure_passes(wording):
    assert rules(description=wording, target="Reads 80 of the first 100 words.") == []


def test_vague_wording_in_the_target_counts_too():
    assert "vague_wording" in rules(target="Try to improve.")


def test_vague_words_inside_other_words_do_not_count():
    # "tryst" and "improvised" are not "try to" or "improve"
    assert rules(description="Act out an improvised scene with a partner.") == []


def test_it_lists_every_problem_of_an_empty_outcome():
    problems = check_outcome(description="", baseline="", target="", measure="", due_date=None, review_date=REVIEW)
    assert [p.rule for p in problems] == ["no_description", "no_baseline", "no_target", "no_measure", "no_date"]


def test_the_issue_example_improve_reading_fails_on_every_count():
    problems = rules(
        description="Improve reading", baseline="", target="Be better at reading", measure="", due_date=date(2026, 1, 9)
    )
    assert problems == ["no_baseline", "target_not_measurable", "no_measure", "date_after_review", "vague_wording"]
