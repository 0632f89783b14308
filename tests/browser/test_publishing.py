"""The SENCO publishes the SEN information report and the inclusion strategy; anyone reads them signed
out, and they print without the website around them. axe on every page at 1024 and 320 px."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.core.dates import academic_year_bounds, today
from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import FundingAllocation, Intervention, Provision, ProvisionMember, StaffRoleCost
from sendsupport.schools.models import SchoolSenco
from sendsupport.statutory.publishing import services
from sendsupport.statutory.publishing.models import WRITTEN_FIELDS, AccessibilityAction
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def hidden_in_print(page, selector: str) -> bool:
    return page.eval_on_selector_all(selector, "els => els.every(el => getComputedStyle(el).display === 'none')")


def prints_without_the_website(page) -> None:
    page.emulate_media(media="print")
    for selector in (".app-header", ".govuk-footer", ".app-no-print"):
        assert hidden_in_print(page, selector), selector
    expect(page.locator("h1")).to_be_visible()
    page.emulate_media(media="screen")


@pytest.fixture
def nearly_ready(school, senco, ta, pupil):
    """Everything filled in but item 12; a provision paid from the IMF with the year's allocations."""
    SchoolSenco.objects.create(school=school, senco=senco, senco_email="senco@oakfield.example")
    la = school.local_authority
    la.local_offer_url = "https://www.bristol.example/local-offer"
    la.sendiass_phone = "0117 903 8790"
    la.save()
    start, _ = academic_year_bounds(today())
    fields = {name: f"What we do about {name.replace('_', ' ')}." for name in WRITTEN_FIELDS if name != "transition"}
    services.save_draft(
        school=school,
        by=senco,
        plan_starts_on=start,
        plan_ends_on=start.replace(year=start.year + 3) - timedelta(days=1),
        plan_review_on=start.replace(year=start.year + 1),
        strategy_start_year=start.year,
        strategy_aims="Every pupil takes part in the whole life of the school.",
        strategy_review="The governors review it every July.",
        **fields,
    )
    services.save_action(
        school=school,
        by=senco,
        area=AccessibilityAction.Area.PHYSICAL,
        action="Fit a ramp to the Year 3 classroom door",
        owner="Site manager",
        target_on=start + timedelta(days=200),
        status=AccessibilityAction.Status.UNDERWAY,
    )
    StaffRoleCost.objects.create(school=school, role=DelivererRole.TA, hourly_pence=1800)
    intervention = Intervention.objects.create(
        school=school, name="Phonics catch-up", area="cognition", description="Daily phonics.", delivered_by="ta"
    )
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Phonics group A",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=3,
        session_minutes=30,
        starts_on=start,
        funding=FundingStream.IMF,
    )
    ProvisionMember.objects.create(provision=group, pupil=pupil, joined_on=start)
    FundingAllocation.objects.create(
        school=school, start_year=start.year, notional_sen_pence=8_400_000, imf_pence=1_200_000
    )
    return school


def test_the_senco_publishes_and_anyone_reads_and_prints(page, senco, nearly_ready):
    school = nearly_ready
    sign_in(page, "senco", PASSWORD)
    page.get_by_role("link", name=re.compile("^SEN information report, inclusion strategy")).click()
    expect(page.get_by_role("heading", name="SEN information report", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Publish the report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Item 12: Moving between phases")
    assert_accessible(page)

    page.get_by_role("link", name="Write the report's items").click()
    assert_accessible(page)
    page.get_by_label("Moving between phases and preparing for adulthood").fill("We visit every secondary school.")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Every item is filled in: you can publish it.")).to_be_visible()
    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_text("Version 1 of the SEN information report is published.")).to_be_visible()

    page.get_by_role("link", name="Inclusion strategy", exact=True).click()
    expect(page.get_by_role("cell", name="Phonics catch-up").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the strategy").click()
    expect(page.get_by_text("Version 1 of the inclusion strategy is published.")).to_be_visible()
    sign_out(page)

    page.goto(f"/schools/{school.urn}/sen-information-report/")
    expect(page.get_by_role("heading", name="SEN information report")).to_be_visible()
    expect(page.get_by_text("We visit every secondary school.")).to_be_visible()
    expect(page.get_by_text(re.compile("^Last updated: "))).to_be_visible()
    assert_accessible(page)
    prints_without_the_website(page)

    page.get_by_role("link", name="inclusion strategy").click()
    expect(page.get_by_role("heading", name=re.compile("^Inclusion strategy"))).to_be_visible()
    expect(page.get_by_text("£12,000.00")).to_be_visible()
    assert_accessible(page)
    prints_without_the_website(page)
