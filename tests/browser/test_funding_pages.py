"""Costs and funding in a real browser with axe, at 1024 and 320 px: the SENCO sets hourly costs,
adds an extra cost to a provision, records the year's funding and a pupil's element 3 top-up."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.core import dates
from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import Intervention, Provision, ProvisionMember
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_senco_costs_provision_and_records_funding(page, senco, school, pupil, fix_today):
    # Early in the year, so that the one-to-one, with nothing yet delivered, is projected over £6,000.
    fix_today(date(2026, 10, 5))
    start, _ = dates.academic_year_bounds(dates.today())
    intervention = Intervention.objects.create(
        school=school, name="One-to-one reading", area="cognition", description="x", delivered_by=DelivererRole.TEACHER
    )
    support = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Reading 1:1",
        one_to_one=True,
        deliverer_role=DelivererRole.TEACHER,
        sessions_per_week=5,
        session_minutes=60,
        starts_on=start,
        funding=FundingStream.NOTIONAL_SEN,
    )
    ProvisionMember.objects.create(provision=support, pupil=pupil, joined_on=start)

    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name="Hourly costs of staff and extra costs of provision").click()
    expect(page.get_by_role("heading", name="Costs of provision")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Set the hourly cost of a teacher").click()
    page.get_by_label("The cost of an hour").fill("0")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be more than £0.00")
    assert_accessible(page)
    page.get_by_label("The cost of an hour").fill("45.00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("£45.00 an hour")).to_be_visible()

    page.get_by_role("link", name="Reading 1:1").click()
    expect(page.get_by_role("heading", name="Costs of Reading 1:1")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What it is for").fill("Reading scheme books")
    page.get_by_label("The amount").fill("-3")
    page.get_by_role("button", name="Add the cost").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The amount cannot be negative")
    assert_accessible(page)
    page.get_by_label("The amount").fill("35.00")
    page.get_by_label("Date", exact=True).fill(start.isoformat())
    page.get_by_role("button", name="Add the cost").click()
    expect(page.get_by_text("The extra cost has been added")).to_be_visible()
    page.get_by_role("link", name="Record the review").click()
    assert_accessible(page)

    page.goto("/")
    page.get_by_role("link", name="Funding and the cost of provision against the element 2 threshold").click()
    expect(page.get_by_role("heading", name="Funding and the cost of provision")).to_be_visible()
    expect(page.get_by_role("link", name=pupil.display_name, exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record the notional SEN budget and Inclusive Mainstream Fund allocation").click()
    page.get_by_label("Notional SEN budget").fill("84000")
    page.get_by_label("Inclusive Mainstream Fund allocation").fill("12000.00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The year's funding has been recorded")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/pupils/{pupil.pk}/")
    page.get_by_role("link", name="See the cost of provision against the element 2 threshold").click()
    expect(page.get_by_text("Over the threshold", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record element 3 top-up funding").click()
    page.get_by_label("Amount a year").fill("3000.00")
    page.get_by_label("Date requested").fill(dates.today().isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The top-up has been recorded")).to_be_visible()
    assert_accessible(page)
