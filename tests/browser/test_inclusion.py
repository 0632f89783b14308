"""Inclusion in a real browser: the SENCO adds a trip, records a pupil's adjustments, is refused a
decision without a lawful reason and then records one, records an exam access arrangement and an
aid, and sees the exams list and the passport; axe on every page, at 1024 and 320 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.statutory.inclusion.models import ActivityDecision
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_senco_records_inclusion_from_the_home_page(page, senco, teacher, parent, pupil):
    sign_in(page, "senco", PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="Trips, clubs and events", exact=True).click()
    expect(page.get_by_role("heading", name="Trips, clubs and events")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a trip, club or event").click()
    page.get_by_label("Name of the activity").fill("Year 4 trip to the M Shed museum")
    page.get_by_label("Day trip or visit").check()
    page.get_by_label("Date (or first date)").fill("2026-12-03")
    page.get_by_label("Staff lead").select_option(value=str(teacher.pk))
    assert_accessible(page)
    page.get_by_role("button", name="Save the activity").click()
    expect(page.get_by_role("heading", name="Year 4 trip to the M Shed museum")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a pupil taking part, with their adjustments").click()
    page.get_by_label("Pupil", exact=True).select_option(label="Maya Evans, 4A (SEN support)")
    page.get_by_label("Adjustments made so they can take part").fill("Ear defenders and a visual timetable.")
    page.get_by_role("button", name="Save the adjustments").click()
    expect(page.get_by_role("cell", name="Ear defenders and a visual timetable.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record that a pupil cannot take part").click()
    page.get_by_label("Pupil", exact=True).select_option(label="Maya Evans, 4A (SEN support)")
    page.get_by_label("Why taking part is not reasonably practicable").fill("The only accessible coach was booked.")
    page.get_by_label("Reasonable adjustments considered").fill("Another coach company; a taxi with a TA.")
    page.get_by_role("button", name="Record the decision and tell the parents").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose one of the three reasons the law allows")
    assert not ActivityDecision.objects.exists()
    assert_accessible(page)
    page.get_by_label("Taking part is not compatible with the efficient use of resources").check()
    page.get_by_role("button", name="Record the decision and tell the parents").click()
    expect(page.get_by_text("Maya Evans's parents have been sent an email")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name=re.compile("^See adjustments, exam access arrangements and activities")).click()
    assert_accessible(page)
    page.get_by_role("link", name="Add an exam access arrangement").click()
    page.get_by_label("Exam series").fill("Key Stage 2 tests May 2027")
    page.get_by_label("Arrangement", exact=True).select_option(label="Reader")
    page.get_by_label("Evidence", exact=True).fill("Reading age well below her age; a reader in class every day.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Reader for Maya Evans in Key Stage 2 tests May 2027 has been saved.")).to_be_visible()

    page.get_by_role("link", name="Add a reasonable adjustment or auxiliary aid").click()
    page.get_by_label("Auxiliary aid (equipment)").check()
    page.get_by_label("What is provided").fill("A writing slope and a pencil grip")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("A writing slope and a pencil grip")).to_be_visible()

    page.goto("/")
    page.get_by_role("link", name="exam access arrangements").click()
    expect(page.get_by_role("heading", name="Exam access arrangements: Key Stage 2 tests May 2027")).to_be_visible()
    expect(page.get_by_text("Reading age well below her age")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/pupils/{pupil.pk}/passport/")
    expect(page.get_by_role("heading", name="Adjustments and aids")).to_be_visible()
    expect(page.get_by_text("A writing slope and a pencil grip")).to_be_visible()
    assert_accessible(page)
