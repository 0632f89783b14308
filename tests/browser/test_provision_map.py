"""The provision map in a real browser with axe, at 1024 and 320 px: the SENCO finds it from home,
groups it, records a pupil's entry measure, reads impact by intervention and one TA's groups."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream
from sendsupport.provision.models import (
    DeliveredSession,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
    StaffRoleCost,
)
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def phonics_group(school, ta, pupil, other_pupil) -> Provision:
    StaffRoleCost.objects.create(school=school, role=DelivererRole.TA, hourly_pence=1800)
    intervention = Intervention.objects.create(
        school=school, name="Phonics catch-up", area="cognition", description="d", delivered_by=DelivererRole.TA
    )
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Phonics group A",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=3,
        session_minutes=30,
        starts_on=date(2026, 9, 7),
        funding=FundingStream.NOTIONAL_SEN,
    )
    group.deliverers.add(ta)
    for child in (pupil, other_pupil):
        ProvisionMember.objects.create(provision=group, pupil=child, joined_on=date(2026, 9, 7))
    session = DeliveredSession.objects.create(provision=group, held_on=date(2026, 9, 8), minutes=30)
    SessionAttendance.objects.create(session=session, pupil=pupil, status=Attendance.PRESENT)
    return group


def test_the_senco_reads_the_map_records_a_measure_and_sees_impact(page, senco, ta, pupil, phonics_group):
    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name="See the provision map").click()
    expect(page.get_by_role("heading", name="Provision map")).to_be_visible()
    expect(page.get_by_role("img", name="Projected cost for the year of each pupil")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Group by").select_option("year_group")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", name="Year group: Year 4")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Phonics group A – entry and exit measures").first.click()
    expect(page.get_by_role("heading", name="Entry and exit measures")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Record the entry measure for {pupil.display_name}").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the score")
    assert_accessible(page)
    page.get_by_label("Score").fill("84")
    page.get_by_label("Scale").fill("Standardised reading score")
    page.get_by_label("Date measured").fill("2026-09-07")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("84.00 (Standardised reading score)")).to_be_visible()

    page.goto("/provision-map/")
    page.get_by_role("link", name="See which interventions work").click()
    expect(page.get_by_role("img", name="Share of each intervention's pupils")).to_be_visible()
    assert_accessible(page)
    page.goto("/provision-map/")
    page.get_by_role("link", name="Ta Person").first.click()
    expect(page.get_by_role("heading", name="Groups delivered by Ta Person")).to_be_visible()
    assert_accessible(page)
