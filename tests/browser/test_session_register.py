"""A teaching assistant registers a week of sessions on a 320 px phone, from the home page, with axe-core."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from sendsupport.provision.models import DeliveredSession, Intervention, Provision, ProvisionMember
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def provision(school, ta, pupil, other_pupil) -> Provision:
    """Phonics group A from 7 September 2026, delivered by the TA, with Maya and Ben."""
    intervention = Intervention.objects.create(
        school=school, name="Phonics catch-up", area="cognition", description="Phonics.", delivered_by="ta"
    )
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Phonics group A",
        deliverer_role="ta",
        sessions_per_week=3,
        session_minutes=30,
        starts_on=date(2026, 9, 7),
        funding="notional_sen",
    )
    group.deliverers.add(ta)
    for child in (pupil, other_pupil):
        ProvisionMember.objects.create(provision=group, pupil=child, joined_on=date(2026, 9, 7))
    return group


def test_the_ta_registers_two_days_running_on_a_phone(page, ta, provision, pupil, other_pupil, monkeypatch):
    monkeypatch.setattr("sendsupport.core.dates.today", lambda: date(2026, 9, 15))
    page.set_viewport_size({"width": 320, "height": 700})
    sign_in(page, "ta", PASSWORD)
    page.get_by_role("link", name="Your groups: register today's sessions").click()
    expect(page.get_by_role("heading", name="Your groups")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Register today's session of Phonics group A").click()
    page.get_by_label("Date of the session").fill("2026-09-14")
    page.get_by_role("button", name="Show the register for this date").click()
    page.get_by_role("button", name="Register the session").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say whether Ben Ward was present or absent")
    assert_accessible(page)
    assert not DeliveredSession.objects.exists()

    page.get_by_role("group", name="Maya Evans").get_by_label("Present").check()
    page.get_by_role("group", name="Ben Ward").get_by_label("Absent").check()
    page.get_by_role("button", name="Register the session").click()
    expect(page.get_by_text("The session on 14 September 2026 has been registered.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Register the next session, on Tuesday 15 September 2026").click()
    expect(page.get_by_label("Date of the session")).to_have_value("2026-09-15")
    page.get_by_role("group", name="Maya Evans").get_by_label("Present").check()
    page.get_by_role("group", name="Ben Ward").get_by_label("Present").check()
    page.get_by_label("Note (optional)").fill("Both read the new words.")
    page.get_by_role("button", name="Register the session").click()
    expect(page.get_by_text("The session on 15 September 2026 has been registered.")).to_be_visible()
    expect(page.get_by_role("link", name="Register the next session", exact=False)).to_have_count(0)
    assert_accessible(page)
    assert [s.held_on.day for s in DeliveredSession.objects.order_by("held_on")] == [14, 15]

    page.get_by_role("link", name="Correct the session on 14 September 2026").click()
    expect(page.get_by_role("heading", name="Correct a session")).to_be_visible()
    assert_accessible(page)
