"""A teacher's concern reaches the SENCO: raised in class 4A, seen on the SENCO's home page, taken up into a cycle.

axe-core (WCAG 2.2 A and AA) runs on every page the journey visits, at 1024 and 320 px wide.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_pupil, make_user
from sendsupport.schools.models import Role, StaffMembership
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def go(page, role: str, name: str, *, exact: bool = False) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=exact).first.click()
    assert_accessible(page)


def test_a_teachers_concern_reaches_the_senco_who_starts_a_cycle(page, senco, teacher, school, class_4a, class_5b):
    today = timezone.localdate()
    # Another school teacher, of class 5B: she must not be pre-filled as Ella's class teacher.
    other = make_user("otherteacher")
    StaffMembership.objects.create(user=other, school=school, role=Role.TEACHER)
    class_5b.staff.add(other)
    ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a, serial=997)

    sign_in(page, "teacher", PASSWORD)
    page.goto(f"/pupils/{ella.pk}/support/")
    assert_accessible(page)
    go(page, "link", "Raise a concern")
    page.get_by_label("What have you noticed?").fill("Ella avoids writing and says her hand hurts.")
    page.get_by_label("Since when?").fill((today - timedelta(days=30)).isoformat())
    go(page, "button", "Raise the concern")
    expect(page.locator("main")).to_contain_text("The SENCO sees it on their home page")
    go(page, "link", "Home")
    expect(page.locator("main")).to_contain_text("Concerns you raised")
    expect(page.locator("main")).to_contain_text("Not yet looked at by the SENCO")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()

    sign_in(page, "senco", PASSWORD)
    main = page.locator("main")
    expect(main).to_contain_text("Concern raised, not yet looked at")
    expect(main).to_contain_text("Ella Kelly")
    assert_accessible(page)
    go(page, "link", "raised a concern on")
    expect(page.get_by_role("heading", name="Concern raised on")).to_be_visible()
    go(page, "link", "Start a cycle from this concern")
    expect(page.get_by_label("Class teacher")).to_have_value(str(teacher.pk))
    expect(page.get_by_label("Raised on")).to_be_checked()
    go(page, "button", "Start the cycle")
    expect(page.get_by_role("heading", name="SEN support cycle 1")).to_be_visible()
    go(page, "link", "Home")
    expect(page.locator("main")).not_to_contain_text("Concern raised, not yet looked at")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()

    sign_in(page, "teacher", PASSWORD)
    expect(page.locator("main")).to_contain_text("The SENCO started SEN support assessment (cycle 1)")
    assert_accessible(page)
