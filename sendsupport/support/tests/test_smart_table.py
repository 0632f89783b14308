"""The measurability check against real-world outcomes, good and bad: each row gives the outcome, its
baseline and target, and the reasons the check must give (none for a good outcome).

Rows marked "issue" are the false alarms and false reassurances quoted in issue 14."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.support.smart import check_outcome

REVIEW = date(2026, 3, 27)
DUE = date(2026, 3, 20)
MEASURE = "A check by the class teacher every 2 weeks."
GOOD_BASELINE = "Reads 12 of 45 Phase 3 sounds (15/09/2025)."
GOOD_TARGET = "Reads 35 of 45 Phase 3 sounds."

NOT_TARGET = ["target_not_measurable"]
NOT_BASELINE = ["baseline_not_measured"]
VAGUE = ["target_not_measurable", "vague_wording"]

# (description, baseline, target, expected rules)
TABLE = [
    # From the issue: false reassurance (passed before, must warn now).
    ("Improve reading", GOOD_BASELINE, "By 20/03/2026", VAGUE),  # issue: a date is not a measure
    ("Read with more fluency.", GOOD_BASELINE, "Spelling improves with one-to-one support", VAGUE),  # issue
    (
        "Make friends in class.",
        "Plays alone at 5 of 5 playtimes (September 2025).",
        "Has friends by half term",
        NOT_TARGET,
    ),  # issue: "half" in "half term"
    ("Reach the expected standard in reading.", GOOD_BASELINE, "Meets Key Stage 2 expectations", NOT_TARGET),  # issue
    ("Read at age-related expectations.", "Below ARE", GOOD_TARGET, NOT_BASELINE),  # issue: "Below ARE"
    # From the issue: false alarms (failed before, must pass now).
    (
        "Write their name.",
        "Copies 3 of the 9 letters of their name from a card (12/09/2025).",
        "Writes first and last name without a model, every time asked",
        [],
    ),  # issue
    (
        "Move around school at lesson changes.",
        "Needs an adult at 5 of 5 lesson changes.",
        "Moves between lessons independently using the visual timetable",
        [],
    ),  # issue
    # Numbers that name things, not measures.
    ("Read at the level expected.", GOOD_BASELINE, "Reads at Year 3 level", NOT_TARGET),
    ("Write like a KS2 pupil.", GOOD_BASELINE, "Writes at KS2 standard", NOT_TARGET),
    ("Behave like other children.", GOOD_BASELINE, "Behaves as expected for a child aged 7", NOT_TARGET),
    ("Play well.", GOOD_BASELINE, "Plays like other 6-year-olds", NOT_TARGET),
    ("Settle in the mornings.", GOOD_BASELINE, "Settles by the end of spring 2026", NOT_TARGET),
    ("Read every day.", GOOD_BASELINE, "Reads with an adult in the spring term 2026", NOT_TARGET),
    ("Focus on tasks.", GOOD_BASELINE, "Focuses well by 3rd March", NOT_TARGET),
    ("Work with an adult.", GOOD_BASELINE, "Works well in 1:1 sessions", NOT_TARGET),
    ("Join in the group.", GOOD_BASELINE, "Joins in with the one-page profile strategies", NOT_TARGET),
    ("Tidy up.", GOOD_BASELINE, "Tidies up at once when asked", NOT_TARGET),
    ("Know the Phase 3 sounds.", GOOD_BASELINE, "Knows Phase 3 sounds by term 2", NOT_TARGET),
    # Vague wording, with and without a measure.
    ("Get better at maths.", GOOD_BASELINE, "Be better at maths", VAGUE),
    ("Try to stay in the classroom.", GOOD_BASELINE, "Stays in class more", VAGUE),
    ("Develop social skills.", GOOD_BASELINE, "Has good social skills", VAGUE),
    ("Be more confident when speaking.", GOOD_BASELINE, "Is more confident", VAGUE),
    ("Improve handwriting.", GOOD_BASELINE, "Forms 20 of 26 lower-case letters correctly", []),
    ("Work towards reading independently.", GOOD_BASELINE, "Reads a band 5 book with 95% accuracy", []),
    # Good outcomes: numbers, percentages, number words.
    (
        "Read the first 100 high-frequency words on sight.",
        "Reads 35 of the first 100 words (September 2025).",
        "Reads 80 of the first 100 words.",
        [],
    ),
    (
        "Recall number bonds to 10.",
        "Recalls 4 of 11 bonds within 3 seconds.",
        "Recalls all 11 bonds within 3 seconds.",
        [],
    ),
    ("Stay on task in literacy.", "Stays on task for 4 minutes.", "Stays on task for ten minutes.", []),
    ("Ask for help when stuck.", "Asks for help once a week or less.", "Asks for help three times a week.", []),
    ("Join in on the carpet.", "Sits for 2 minutes of carpet time.", "Sits for half of carpet time.", []),
    ("Spell words with 'ai' and 'ay'.", "Spells 3 of 10 unseen words.", "Spells 8 of 10 unseen words.", []),
    ("Improve reading age.", "Reading age of 6 years 4 months (08/09/2025).", "Reading age of 7 years 0 months.", []),
    ("Manage anger at break.", "5 incidents a week.", "No more than 1 incident a week.", []),
    (
        "Come into class calmly.",
        "Settles within 10 minutes on 1 morning in 5.",
        "Settles within 5 minutes on 4 of 5 mornings, including after half term.",
        [],
    ),
    (
        "Use the one-to-one reading time well.",
        "Reads 2 pages in a one-to-one session.",
        "Reads 6 pages in a one-to-one session.",
        [],
    ),
    # Good outcomes: all-or-nothing standards.
    ("Line up safely.", "Needs an adult's hand at 5 of 5 line-ups.", "Lines up without a prompt", []),
    ("Use the toilet.", "Needs help at every visit (observed 10/09/2025).", "Uses the toilet unaided", []),
    ("Start tasks.", "Starts 2 of 10 tasks without an adult.", "Starts work without adult support", []),
    ("Wear the hearing aid.", "Wears it in 3 of 5 lessons.", "Wears the hearing aid every lesson", []),
    ("Put on a coat.", "Needs help with the zip at 5 of 5 home times.", "Always puts on their coat on their own", []),
    ("Hand in homework.", "Hands in 1 of 4 pieces.", "Hands in homework on every occasion", []),
    # Long-term outcomes with an interim step due by the review.
    (
        "By the end of Key Stage 2, read at the expected standard.",
        GOOD_BASELINE,
        "By the review, reads 40 words a minute in a Year 3 text.",
        [],
    ),
    (
        "By the end of Year 6, travel to school independently.",
        "Walks to school with a parent every day (September 2025).",
        "Walks the last 200 metres alone 3 days a week.",
        [],
    ),
    # Baselines: a number or a dated observation.
    (
        "Sit at the table to eat.",
        "Could not sit for lunch on 15/09/2025; left the hall each day.",
        "Sits for 10 minutes of lunch.",
        [],
    ),
    (
        "Follow instructions.",
        "Observed in September: ignores whole-class instructions.",
        "Follows 4 of 5 whole-class instructions.",
        [],
    ),
    ("Follow instructions.", "Working at Year 1 level", "Follows 4 of 5 whole-class instructions.", NOT_BASELINE),
    ("Write sentences.", "Below ARE (September 2025)", "Writes 3 sentences with full stops.", NOT_BASELINE),
    ("Write sentences.", "Struggles with writing.", "Writes 3 sentences with full stops.", NOT_BASELINE),
    ("Count objects.", "Emerging", "Counts 10 objects accurately.", NOT_BASELINE),
    ("Count objects.", "", "Counts 10 objects accurately.", ["no_baseline"]),
    ("Dress for PE.", "Needs help every time, without exception.", "Dresses for PE unaided.", NOT_BASELINE),
    # Everything wrong at once.
    ("Improve behaviour", "Below ARE", "Better behaviour by half term", [*NOT_BASELINE, *VAGUE]),
]


@pytest.mark.parametrize(("description", "baseline", "target", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_the_check_gives_the_expected_verdict_and_reasons(description, baseline, target, expected):
    problems = check_outcome(
        description=description, baseline=baseline, target=target, measure=MEASURE, due_date=DUE, review_date=REVIEW
    )
    assert [p.rule for p in problems] == expected


def test_the_table_has_at_least_forty_outcomes_good_and_bad():
    assert len(TABLE) >= 40
    assert sum(1 for row in TABLE if row[3] == []) >= 15
    assert sum(1 for row in TABLE if row[3]) >= 15


def test_the_reason_names_what_was_set_aside():
    [problem] = check_outcome(
        description="Reach the expected standard.",
        baseline=GOOD_BASELINE,
        target="Meets Key Stage 2 expectations by 20/03/2026",
        measure=MEASURE,
        due_date=DUE,
        review_date=REVIEW,
    )
    assert "'20/03/2026', 'Key Stage 2'" in problem.message
    assert problem.field == "target"


def test_the_baseline_reason_quotes_the_year_group():
    problems = check_outcome(
        description="Read.",
        baseline="Working at Year 1 level",
        target=GOOD_TARGET,
        measure=MEASURE,
        due_date=DUE,
        review_date=REVIEW,
    )
    assert "'Year 1'" in problems[0].message and problems[0].field == "baseline"
