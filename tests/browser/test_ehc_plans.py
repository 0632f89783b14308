"""An EHC plan in a real browser: the SENCO goes from the pupil's page to the EHC page, adds a line of
provision linked to the provision map, records advice for the annual review, writes the report and
downloads it as a PDF; the pupil's parent then sees the plan on their page. Axe on every page, at 320 px too."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.provision.models import Intervention, Provision, ProvisionMember, StaffRoleCost
from sendsupport.statutory.models import AnnualReview, EHCPlan, PlanEntry
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_senco_keeps_the_plan_and_its_annual_review(page, senco, ta, other_pupil, other_parent, school):
    plan = EHCPlan.objects.create(pupil=other_pupil, issued_on=date(2025, 6, 1))
    PlanEntry.objects.create(plan=plan, pupil=other_pupil, section="E", text="Ben asks an adult for help in class.")
    AnnualReview.objects.create(plan=plan, pupil=other_pupil, meeting_on=date(2026, 5, 20), held=True)
    intervention = Intervention.objects.create(
        school=school, name="Talk boost", area="communication", description="Language work.", group_size=4,
        session_minutes=30, sessions_per_week=3, delivered_by="ta",
    )  # fmt: skip
    StaffRoleCost.objects.create(school=school, role="ta", hourly_pence=1800)
    group = Provision.objects.create(
        school=school, intervention=intervention, name="Talk boost group", deliverer_role="ta",
        sessions_per_week=3, session_minutes=30, starts_on=date(2026, 9, 7), funding="notional_sen",
    )  # fmt: skip
    ProvisionMember.objects.create(provision=group, pupil=other_pupil, joined_on=date(2026, 9, 7))

    sign_in(page, "senco", PASSWORD)
    page.goto(f"/pupils/{other_pupil.pk}/")
    page.get_by_role("link", name=re.compile("^See EHC requests and plan dates")).click()
    expect(page.get_by_role("heading", name="What Ben needs")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a line to support the plan sets out").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what the plan says.")
    assert_accessible(page)
    page.get_by_label("What the plan says").fill("Talk boost three times a week with a trained TA.")
    page.get_by_label("Provision on the provision map (optional)").select_option(label="Talk boost group")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("On the provision map:")).to_be_visible()
    expect(page.get_by_text(re.compile("projected for the year"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^20 May 2026")).click()
    expect(page.get_by_role("heading", name="Annual review on 20 May 2026")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record advice asked for").click()
    page.get_by_label("Health").check()
    page.get_by_label("Date the advice was asked for").fill("2026-04-01")
    page.get_by_label("Date the advice was received").fill("2026-03-01")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("cannot arrive before it was asked for")
    assert_accessible(page)
    page.get_by_label("Date the advice was received").fill("2026-04-28")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The advice has been recorded.")).to_be_visible()

    page.get_by_role("link", name="Write the report").click()
    assert_accessible(page)
    page.get_by_label("What the parents said").fill("Ben is happier at school.")
    page.get_by_label("Progress towards outcome 1").fill("Asks for help most days.")
    page.get_by_label("Amend the plan").check()
    page.get_by_label("Date the report was sent to the local authority").fill("2026-05-29")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The review report has been saved.")).to_be_visible()
    expect(page.get_by_text("Sent to the local authority on 29 May 2026")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert download.value.suggested_filename == "annual-review-2026-05-20-ben-ward.pdf"

    # Ben's parent sees the plan's sections on their page for Ben.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    sign_in(page, "otherparent", PASSWORD)
    page.goto(f"/your-children/{other_pupil.pk}/")
    expect(page.get_by_role("heading", name="The EHC plan")).to_be_visible()
    expect(page.get_by_text("Talk boost three times a week with a trained TA.")).to_be_visible()
    assert_accessible(page)
