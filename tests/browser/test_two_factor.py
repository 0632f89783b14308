"""Two-factor sign-in in a real browser: set-up with the QR code, recovery codes, the code page; axe on each.

Also the school's switch on the settings page and the governor's figures with small numbers withheld.
"""

from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conftest import PASSWORD, make_pupil
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def app_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_a_senco_sets_up_two_factor_sign_in_and_signs_in_with_a_recovery_code(page, senco, settings):
    settings.TWO_FACTOR_REQUIRED = True
    sign_in(page, "senco", PASSWORD)
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)

    wrong = "000000" if app_code(senco) != "000000" else "111111"
    page.get_by_label("Code", exact=True).fill(wrong)
    page.get_by_role("button", name="Check the code").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is wrong")
    assert_accessible(page)

    page.get_by_label("Code", exact=True).fill(app_code(senco))
    page.get_by_role("button", name="Check the code").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in is set up")).to_be_visible()
    codes = page.locator(".app-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have kept my recovery codes").click()
    expect(page.get_by_role("link", name="Two-factor sign-in")).to_be_visible()

    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_text("10 of 10")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "senco", PASSWORD)
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("You used a recovery code. You have 9 left.")).to_be_visible()

    page.goto("/school-settings/")
    page.get_by_role("link", name="Change who must use two-factor sign-in").click()
    assert_accessible(page)
    page.get_by_label("Yes, everyone who works here").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Every member of staff must now use two-factor sign-in.")).to_be_visible()
    assert_accessible(page)


def test_the_governors_figures_withhold_small_numbers(page, governor, school):
    for _ in range(6):
        make_pupil(school, provision="K", needs=[("SLCN", 1)])
    make_pupil(school, year_group="6", provision="E", needs=[("HI", 1)])
    sign_in(page, "governor", PASSWORD)
    page.goto("/overview/")
    expect(page.get_by_role("row", name="Sensory and/or physical withheld")).to_be_visible()
    expect(page.get_by_text("A count of fewer than 5 is withheld")).to_be_visible()
    assert_accessible(page)
