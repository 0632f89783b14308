""" "Today", injectable: services take ``today`` so rules can be tested on fixed dates."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def in_words(day: date) -> str:
    """A date as people write it: "1 December 2026" (messages and hints; inputs take 2026-12-01)."""
    return f"{day.day} {day:%B %Y}"
