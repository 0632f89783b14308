"""Date hints are worked out from today, and messages write dates in words, not as 01/12/2026."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.core import forms as core_forms
from sendsupport.core.dates import in_words
from sendsupport.meetings.forms import MeetingForm
from sendsupport.support.forms import ConcernForm, PlanForm


@pytest.fixture
def december_2026(monkeypatch):
    monkeypatch.setattr(core_forms, "today", lambda: date(2026, 12, 1))


def test_dates_in_messages_are_in_words():
    assert in_words(date(2026, 12, 1)) == "1 December 2026"
    assert in_words(date(2025, 9, 15)) == "15 September 2025"


def test_hints_follow_today_not_the_year_the_form_was_written(december_2026):
    assert str(ConcernForm.base_fields["noticed"].help_text) == ""
    assert str(PlanForm.base_fields["review_date"].help_text).endswith("For example 2027-02-23.")
    assert str(ConcernForm.base_fields["since"].help_text) == "An approximate date is fine, for example 2026-10-02."
    assert str(MeetingForm.base_fields["held_on"].help_text).startswith("For example 2026-11-24.")


def test_a_bad_date_message_gives_an_example_from_today(december_2026):
    form = PlanForm(data={"review_date": "2026-02-30"})
    form.is_valid()
    assert form.errors["review_date"] == ["Enter the review date as a real date, for example 2026-12-01."]
