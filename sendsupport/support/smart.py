"""The SMART check for an outcome: a pure function, with no database, so the plan page, "agree the
plan" and the compliance engine all give the same answer.

An outcome passes when it has a baseline, a measurable target, a way to measure it and a date on or
before the plan's review date, and no vague wording ("improve", "be better at", "try to") unless
the target gives a measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sendsupport.core.dates import in_words

# Words that say nothing measurable by themselves (the list, plus close cousins).
VAGUE_PHRASES = (
    "improve",
    "improves",
    "improved",
    "improving",
    "improvement",
    "be better at",
    "get better at",
    "become better at",
    "try to",
    "try and",
    "work on",
    "work towards",
)

_NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "half",
    "quarter",
    "once",
    "twice",
    "double",
]
_MEASURABLE = re.compile(r"\d|%|\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class SmartProblem:
    """One reason an outcome fails the SMART check. ``field`` names the outcome field to fix."""

    rule: str  # no_description, no_baseline, no_target, target_not_measurable, no_measure, no_date,
    # date_after_review, vague_wording
    field: str
    message: str

    def __str__(self) -> str:
        return self.message


def is_measurable(text: str) -> bool:
    """True when the text carries a number: digits, a percentage or a number word ("three", "half")."""
    return bool(_MEASURABLE.search(text or ""))


def vague_phrases_in(text: str) -> list[str]:
    lowered = " ".join((text or "").lower().split())
    return [phrase for phrase in VAGUE_PHRASES if re.search(r"\b" + re.escape(phrase) + r"\b", lowered)]


def check_outcome(
    *,
    description: str,
    baseline: str,
    target: str,
    measure: str,
    due_date: date | None,
    review_date: date | None,
) -> list[SmartProblem]:
    """Every way the outcome falls short of SMART, in plain English. An empty list means it passes."""
    problems: list[SmartProblem] = []
    description = (description or "").strip()
    baseline = (baseline or "").strip()
    target = (target or "").strip()
    measure = (measure or "").strip()

    if not description:
        problems.append(SmartProblem("no_description", "description", "Say what the pupil will be able to do."))
    if not baseline:
        problems.append(
            SmartProblem(
                "no_baseline",
                "baseline",
                "There is no baseline: say where the pupil is now (with a measure and a date), "
                "so progress can be seen.",
            )
        )
    if not target:
        problems.append(
            SmartProblem(
                "no_target",
                "target",
                "There is no measurable target: say what success looks like, with a number, "
                "for example '8 out of 10 words' or '3 times a week'.",
            )
        )
    elif not is_measurable(target):
        problems.append(
            SmartProblem(
                "target_not_measurable",
                "target",
                "The target has no measure: add a number, for example '8 out of 10 words', "
                "'for 10 minutes' or '3 times a week'.",
            )
        )
    if not measure:
        problems.append(
            SmartProblem(
                "no_measure",
                "measure",
                "Say how progress will be measured, for example a weekly spelling check or an observation.",
            )
        )
    if due_date is None:
        problems.append(SmartProblem("no_date", "due_date", "There is no date: say when the outcome should be met."))
    elif review_date is not None and due_date > review_date:
        problems.append(
            SmartProblem(
                "date_after_review",
                "due_date",
                f"The date ({in_words(due_date)}) is after the plan's review date ({in_words(review_date)}): "
                "an outcome should be due by the review.",
            )
        )
    vague = vague_phrases_in(description) + [
        p for p in vague_phrases_in(target) if p not in vague_phrases_in(description)
    ]
    if vague and not is_measurable(target):
        words = ", ".join(f"'{phrase}'" for phrase in vague)
        problems.append(
            SmartProblem(
                "vague_wording",
                "description",
                f"The wording is vague ({words}) and there is no measure: say exactly what the pupil will do "
                "and how much, for example 'read 40 words a minute' rather than 'improve reading'.",
            )
        )
    return problems


def check(outcome: Any, review_date: date | None) -> list[SmartProblem]:
    """``check_outcome`` for anything with the outcome's attributes (a model row, a form's data)."""
    return check_outcome(
        description=getattr(outcome, "description", ""),
        baseline=getattr(outcome, "baseline", ""),
        target=getattr(outcome, "target", ""),
        measure=getattr(outcome, "measure", ""),
        due_date=getattr(outcome, "due_date", None),
        review_date=review_date,
    )
