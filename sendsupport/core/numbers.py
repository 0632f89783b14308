"""Whole numbers from text people or programs send: ASCII digits only.

``str.isdigit()`` accepts "²" and ``str.isdecimal()`` accepts "٢" (Arabic-Indic two), and ``int()``
then either raises or turns a look-alike into a number. Every number read from a request, a file or
the environment goes through here, so the rule is one rule.
"""

from __future__ import annotations

import re

ASCII_INTEGER = re.compile(r"-?[0-9]+")
# Far beyond any id, year or count we read; keeps a 10,000-digit string from becoming a huge int.
MAX_DIGITS = 18


def ascii_int(text: object, *, allow_negative: bool = False) -> int | None:
    """The whole number written in ``text`` with ASCII digits 0-9 (spaces around allowed), else None."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not ASCII_INTEGER.fullmatch(text) or len(text.lstrip("-")) > MAX_DIGITS:
        return None
    if text.startswith("-") and not allow_negative:
        return None
    return int(text)


def is_ascii_digits(text: object) -> bool:
    """True for a non-empty run of ASCII digits 0-9 and nothing else (no sign, no spaces)."""
    return isinstance(text, str) and text.isascii() and text.isdigit()
