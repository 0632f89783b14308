"""Unique Pupil Number: 13 characters with a check letter (DfE algorithm, see DOMAIN.md)."""

from __future__ import annotations

import re

# Check letters and temporary-UPN final letters: A-Z without I, O and S.
CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
# ASCII only, spelled out: ``\d`` also matches "٢" and other digits that look like ours.
_SHAPE = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")


class UPNError(ValueError):
    """A UPN that breaks a rule; the message says which, in plain English."""


def _value(char: str) -> int:
    if "0" <= char <= "9":
        return ord(char) - ord("0")
    return CHECK_LETTERS.index(char)


def check_letter(body: str) -> str:
    """The check letter for the 12 characters that follow it."""
    total = sum(_value(char) * position for position, char in enumerate(body, start=2))
    return CHECK_LETTERS[total % 23]


def validate_upn(raw: str) -> str:
    """Return the UPN in canonical form, or raise UPNError naming the broken rule."""
    upn = (raw or "").strip().upper()
    if len(upn) != 13:
        raise UPNError(f"A UPN must be 13 characters long; this one has {len(upn)}.")
    if not _SHAPE.match(upn):
        raise UPNError("A UPN must be a letter, then 11 digits, then a digit (or a letter for a temporary UPN).")
    for char in (upn[0], upn[12]):
        if char.isalpha() and char not in CHECK_LETTERS:
            raise UPNError(f"A UPN cannot contain the letter {char} (I, O and S are never used).")
    expected = check_letter(upn[1:])
    if upn[0] != expected:
        raise UPNError(f"The check letter is wrong: for these digits it should be {expected}, not {upn[0]}.")
    return upn


def is_temporary(upn: str) -> bool:
    return upn[-1].isalpha()


def make_upn(la_number: str, estab: str, year: int, serial: int) -> str:
    """Build a valid permanent UPN (used by the demo and the synthetic-data generator)."""
    body = f"{la_number}{estab}{year % 100:02d}{serial:03d}"
    return check_letter(body) + body
