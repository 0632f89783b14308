"""The governors' report section: every decision, never a name; counts under 5 withheld."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.module_loading import import_string

from conftest import TODAY
from sendsupport.statutory.inclusion import services
from sendsupport.statutory.inclusion.governors import inclusion_decisions_section

pytestmark = pytest.mark.django_db


def test_it_is_listed_for_the_governors_report():
    assert "sendsupport.statutory.inclusion.governors.inclusion_decisions_section" in settings.GOVERNOR_REPORT_SECTIONS
    for path in settings.GOVERNOR_REPORT_SECTIONS:
        assert callable(import_string(path))


def test_it_lists_decisions_without_names_even_where_staff_wrote_them(
    decision, school, other_pupil, other_trip, senco, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 2  # two decisions: enough to be described
    services.record_decision(
        activity=other_trip,
        pupil=other_pupil,
        by=senco,
        reason="resources",
        explanation="ben WARD needs two adults at night and none could go.",
        adjustments_considered="Asked Ben's grandmother to come; a second TA.",
        decided_on=date(2025, 11, 19),
        today=TODAY,
    )
    section = inclusion_decisions_section(school, today=TODAY)
    html = render_to_string(section["template"], section)
    for name in (other_pupil.legal_first_name, other_pupil.legal_last_name, other_pupil.upn):
        assert name.lower() not in html.lower()
    assert "Year 5 residential" in html
    assert "the pupil needs two adults at night" in html
    assert "A day visit instead of the nights away" in html
    assert "The efficient use of resources".lower() in html.lower()


def test_small_counts_are_withheld(decision, school):
    section = inclusion_decisions_section(school, today=TODAY)
    assert str(section["total"]) == "withheld"
    assert all(str(count) in {"0", "withheld"} for _, count in section["by_reason"])
    # One decision described beside a withheld total would give the count (and the child) away.
    assert section["decisions"] == [] and section["details_withheld"]
    html = render_to_string(section["template"], section)
    assert "Year 5 residential" not in html and "too few decisions this year to describe them" in html


def test_a_decision_from_last_year_is_not_in_this_years_report(decision, school):
    section = inclusion_decisions_section(school, today=date(2026, 9, 2))
    assert section["decisions"] == [] and str(section["total"]) == "0"
