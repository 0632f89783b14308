""" "Today", injectable: services take ``today`` so rules can be tested on fixed dates."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()
