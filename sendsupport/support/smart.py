"""The measurability check for an outcome: a pure function, with no database, so the plan page, the
outcome page and the compliance engine all give the same answer.

It is a warning, never a gate. SMART outcomes are good practice: the Code of Practice asks for them
in EHC plans (CoP 9.66); for SEN support, chapter 6 asks for the expected impact on progress and a
clear review date (CoP 6.48). A plan is agreed whatever this check says.

An outcome reads as measurable when it has a baseline holding a number or a dated observation, a
target holding a measure, a way to measure it and a date on or before the plan's review date. A
measure is a number, a percentage, a number word, or an all-or-nothing standard ("every time",
"without a prompt", "independently"). Numbers that only name a date, a year group, a key stage, an
age or sit inside an idiom ("one-to-one", "half term", "at once") are not measures. A long-term
outcome ("by the end of Key Stage 2 ...") is fine: the target is the interim step due by the review.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sendsupport.core.dates import in_words

# Words that say nothing measurable by themselves; only reported when the target has no measure.
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
    "develop",
    "more confident",
    "as much as possible",
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
]
_SMALL_NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)"
_MONTH = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_MONTH_OR_MAY = r"(?:" + _MONTH + r"|may)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

# Dates, which anchor a baseline in time but are not measures. Compiled once, at import.
_DATE_PARTS = (
    r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b",  # 20/03/2026, 20-3-26
    r"\b\d{4}-\d{2}-\d{2}\b",  # 2026-03-20
    r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH_OR_MAY + r"\b(?:,?\s+" + _YEAR + r"\b)?",  # 20th March 2026
    r"\b" + _MONTH_OR_MAY + r"\s+" + _DAY + r"\b(?:,?\s+" + _YEAR + r"\b)?",  # March 20, 2026
    r"\b" + _MONTH_OR_MAY + r"\.?\s+" + _YEAR + r"\b",  # March 2026, May 2026
    r"\b(?:autumn|spring|summer)(?:\s+term)?(?:\s+[12])?\s+" + _YEAR + r"\b",  # autumn term 2025
    r"\b" + _YEAR + r"\b",  # a bare year
)
_DATE = re.compile("|".join(_DATE_PARTS), re.IGNORECASE)
# A looser time anchor for a baseline's observation: a month named alone or a term ("in September").
_WHEN = re.compile(r"\b" + _MONTH + r"\b|\b(?:autumn|spring|summer)\s+(?:term|half\s*term|[12])\b", re.IGNORECASE)

# Numbers that name something rather than measure it: year groups, key stages, ages, phonics phases,
# half-term names, and idioms. Removed before looking for a measure.
_NOT_MEASURES = re.compile(
    "|".join(
        (
            r"(?<!\d\s)\b(?:school\s+)?years?\s+"
            + _SMALL_NUMBER
            + r"(?:\s*(?:-|–|to|and|or)\s*"
            + _SMALL_NUMBER
            + r")?\b",
            r"\byr\s*\d{1,2}\b",
            r"\by\d{1,2}\b",
            r"\bkey\s+stages?\s+(?:\d|one|two|three|four|five)\b",
            r"\bks\s*\d\b",
            r"(?<!reading )(?<!spelling )\baged?\s+\d{1,2}(?:\s*(?:-|–|to)\s*\d{1,2})?\b",
            r"\b" + _SMALL_NUMBER + r"[\s\-]*years?[\s\-]*olds?\b",
            r"\bunder[\s\-]*(?:\d|fives?)s?\b",
            r"\bphase\s+\d\b",
            r"\bterms?\s+\d\b",
            r"\b(?:autumn|spring|summer)\s*[12]\b",
            r"\bone[\s\-]*(?:to|on)[\s\-]*one\b",
            r"\b1\s*(?::|-|to)\s*1\b",
            r"\bhalf[\s\-]*term(?:ly|s)?\b",
            r"\ball\s+at\s+once\b",
            r"\bat\s+once\b",
            r"\bonce\s+upon\b",
            r"\bfirst\s+and\s+last\b",
            r"\bno[\s\-]+one\b",
            r"\bone[\s\-]+page\b",
            r"\bone\s+another\b",
            r"\bone\s+day\b",
        )
    ),
    re.IGNORECASE,
)

# Numbers, percentages and number words that measure ("8 out of 10", "95%", "three times a week").
_NUMBERS = re.compile(r"\d|%|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
# All-or-nothing standards: measurable without a number, because it either happens or it does not.
_ALL_OR_NOTHING = re.compile(
    r"\b(?:every|each)\s+(?:time|lesson|day|morning|afternoon|session|occasion|week)\b"
    r"|\bon\s+(?:every|each)\s+occasion\b"
    r"|\bwithout\s+(?:a|an|any)?\s*(?:adult\s+)?(?:prompts?|prompting|model|reminders?|help|support)\b"
    r"|\bwithout\s+being\s+(?:prompted|reminded|asked|told)\b"
    r"|\b(?:independently|unaided|unprompted|unassisted|always|never)\b"
    r"|\bon\s+(?:his|her|their)\s+own\b",
    re.IGNORECASE,
)
_VAGUE = {phrase: re.compile(r"\b" + re.escape(phrase) + r"\b") for phrase in VAGUE_PHRASES}
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


@dataclass(frozen=True)
class SmartProblem:
    """One reason an outcome may not be measurable. ``field`` names the outcome field to look at."""

    rule: str  # no_description, no_baseline, baseline_not_measured, no_target, target_not_measurable,
    # no_measure, no_date, date_after_review, vague_wording
    field: str
    message: str

    def __str__(self) -> str:
        return self.message


def _without(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(" ", text)


def not_measures(text: str) -> list[str]:
    """The parts of the text that hold a number but do not measure anything (dates, year groups,
    key stages, ages, idioms), in order, as written."""
    found = [m.group(0) for m in _DATE.finditer(text or "")]
    found += [m.group(0) for m in _NOT_MEASURES.finditer(_without(_DATE, text or ""))]
    return [part.strip() for part in found if _NUMBERS.search(part)]


def _measure_text(text: str) -> str:
    return _without(_NOT_MEASURES, _without(_DATE, text or ""))


def has_number(text: str) -> bool:
    """True when a number is left once dates, year groups, key stages, ages and idioms are set aside."""
    return bool(_NUMBERS.search(_measure_text(text)))


def is_all_or_nothing(text: str) -> bool:
    """True for a standard met only when it always holds: "every time", "without a prompt", "independently"."""
    return bool(_ALL_OR_NOTHING.search(text or ""))


def is_measurable(text: str) -> bool:
    """True when the text carries a measure: a number (not a date, year group, key stage, age or
    idiom), a percentage, a number word, or an all-or-nothing standard."""
    return has_number(text) or is_all_or_nothing(text)


def is_dated_observation(text: str) -> bool:
    """A date (or a named month or term) with at least three words saying what was seen."""
    if not (_DATE.search(text or "") or _WHEN.search(text or "")):
        return False
    rest = _without(_WHEN, _without(_DATE, text))
    return len(_WORD.findall(rest)) >= 3


def vague_phrases_in(text: str) -> list[str]:
    lowered = " ".join((text or "").lower().split())
    return [phrase for phrase, pattern in _VAGUE.items() if pattern.search(lowered)]


def _ignored(text: str) -> str:
    parts = not_measures(text)
    if not parts:
        return ""
    quoted = ", ".join(f"'{part}'" for part in dict.fromkeys(parts))
    return f" ({quoted} names a date, a year group, a key stage, an age or is a turn of phrase, not a measure)"


def _baseline_problems(baseline: str) -> list[SmartProblem]:
    if not baseline:
        return [
            SmartProblem(
                "no_baseline",
                "baseline",
                "There is no baseline: say where the pupil is now (with a number or the date it was seen), "
                "so progress can be seen.",
            )
        ]
    if has_number(baseline) or is_dated_observation(baseline):
        return []
    return [
        SmartProblem(
            "baseline_not_measured",
            "baseline",
            f"The baseline has no number and no dated observation{_ignored(baseline)}: say what the pupil does now, "
            "for example 'Reads 12 of 45 Phase 3 sounds' or 'On 15/09/2025 needed an adult to start every task'.",
        )
    ]


def _target_problems(target: str) -> list[SmartProblem]:
    if not target:
        return [
            SmartProblem(
                "no_target",
                "target",
                "There is no measurable target: say what success looks like, with a number or an all-or-nothing "
                "standard, for example '8 out of 10 words', '3 times a week' or 'every time, without a prompt'.",
            )
        ]
    if is_measurable(target):
        return []
    return [
        SmartProblem(
            "target_not_measurable",
            "target",
            f"The target has no measure{_ignored(target)}: add a number or an all-or-nothing standard, for example "
            "'8 out of 10 words', 'for 10 minutes', '3 times a week' or 'every time, without a prompt'.",
        )
    ]


def _date_problems(due_date: date | None, review_date: date | None) -> list[SmartProblem]:
    if due_date is None:
        return [SmartProblem("no_date", "due_date", "There is no date: say when the outcome should be met.")]
    if review_date is not None and due_date > review_date:
        return [
            SmartProblem(
                "date_after_review",
                "due_date",
                f"The date ({in_words(due_date)}) is after the plan's review date ({in_words(review_date)}): "
                "set the step the pupil should reach by the review; a longer-term aim can stay in the wording.",
            )
        ]
    return []


def check_outcome(
    *,
    description: str,
    baseline: str,
    target: str,
    measure: str,
    due_date: date | None,
    review_date: date | None,
) -> list[SmartProblem]:
    """Every reason the outcome may not be measurable, in plain English. An empty list means none."""
    return list(_checked(description or "", baseline or "", target or "", measure or "", due_date, review_date))


# The check is a pure function of the outcome's words and dates, and the to-do list asks it about every
# open plan's outcomes on every request: remembering the answers (per process) saves most of its time.
@functools.lru_cache(maxsize=50_000)
def _checked(
    description: str, baseline: str, target: str, measure: str, due_date: date | None, review_date: date | None
) -> tuple[SmartProblem, ...]:
    description = (description or "").strip()
    baseline = (baseline or "").strip()
    target = (target or "").strip()
    measure = (measure or "").strip()

    problems: list[SmartProblem] = []
    if not description:
        problems.append(SmartProblem("no_description", "description", "Say what the pupil will be able to do."))
    problems += _baseline_problems(baseline)
    problems += _target_problems(target)
    if not measure:
        problems.append(
            SmartProblem(
                "no_measure",
                "measure",
                "Say how progress will be measured, for example a weekly spelling check or an observation.",
            )
        )
    problems += _date_problems(due_date, review_date)
    vague = list(dict.fromkeys(vague_phrases_in(description) + vague_phrases_in(target)))
    if vague and not is_measurable(target):
        words = ", ".join(f"'{phrase}'" for phrase in vague)
        problems.append(
            SmartProblem(
                "vague_wording",
                "description",
                f"The wording is vague ({words}) and the target has no measure: say exactly what the pupil will do "
                "and how much, for example 'read 40 words a minute' rather than 'improve reading'.",
            )
        )
    return tuple(problems)


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
