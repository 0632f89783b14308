"""The demo's EHC requests (``sendsupport.demo.ehc_clocks``): what each demo account is meant to find."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from sendsupport.accounts.models import User
from sendsupport.compliance.ehc_clock_duties import LA_STEP, SCHOOL_ADVICE
from sendsupport.compliance.engine import todo_list
from sendsupport.core.dates import today
from sendsupport.pupils.models import PupilContact
from sendsupport.statutory import clocks
from sendsupport.statutory.la.selectors import granted_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", "--no-serve", "--bare")


def test_the_demo_officer_holds_two_requests_and_the_childs_decision_is_due_next_week(demo, client):
    officer = User.objects.get(username="la")
    held = list(granted_requests(officer))
    assert len(held) == 2
    child = PupilContact.objects.get(contact__user__username="parent").pupil
    first = next(row for row in held if row.pupil == child)
    decision = clocks.by_key(clocks.clocks_for(first, today=today()))["decision"]
    assert decision.state == clocks.DUE and decision.days_left(today()) == 7
    other = next(row for row in held if row.pupil != child)
    found = clocks.by_key(clocks.clocks_for(other, today=today()))
    assert found["advice"].state == clocks.DONE_ON_TIME
    assert found["representations"].state == clocks.DUE

    client.force_login(officer)
    html = client.get(reverse("ehc:la_requests")).content.decode()
    assert child.display_name in html and other.pupil.display_name in html
    client.force_login(User.objects.get(username="parent"))
    portal = client.get(reverse("portal:child", args=[child.pk])).content.decode()
    assert "the school asked the local authority for an EHC needs assessment." in portal


def test_the_demo_sencos_to_do_list_shows_what_is_due(demo):
    senco = User.objects.get(username="senco")
    child = PupilContact.objects.get(contact__user__username="parent").pupil
    items = todo_list(senco, child.school, today=today()).items
    duties = {item.gap.duty for item in items}
    assert {SCHOOL_ADVICE, LA_STEP} <= duties
