"""The demo shows a year of inclusion records: activities, decisions, adjustments, exam arrangements."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import TODAY
from sendsupport.accounts.tests.helpers import sign_in
from sendsupport.statutory.inclusion.models import (
    AccessArrangement,
    Activity,
    ActivityDecision,
    ActivityPlace,
    Adjustment,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_inclusion_records_that_the_senco_and_parent_see(monkeypatch):
    # The demo is built on the day the pages are read (this app's tests fix "today"): the command took
    # its "today" when first imported, which another test may have done with the real date.
    monkeypatch.setattr("sendsupport.demo.management.commands.demo.today", lambda: TODAY)
    call_command("demo", "--no-serve", "--bare")
    assert Activity.objects.count() == 6
    assert ActivityPlace.objects.values("pupil").distinct().count() >= 10
    assert ActivityDecision.objects.count() == 2
    assert ActivityDecision.objects.filter(parents_told_on__isnull=False).exists()
    assert AccessArrangement.objects.filter(series__startswith="Key Stage 2 tests May").count() >= 8
    assert not AccessArrangement.objects.filter(evidence="").exists()

    senco = Client()
    sign_in(senco, "senco", "demo-password")
    html = senco.get(reverse("inclusion:activities")).content.decode()
    assert "Year 6 residential to Condover Hall" in html and "Sports day" in html
    assert "Key Stage 2 tests May" in senco.get(reverse("inclusion:exams")).content.decode()

    child = Adjustment.objects.filter(pupil__contact_links__contact__user__username="parent").first().pupil
    parent = Client()
    sign_in(parent, "parent", "demo-password")
    html = parent.get(reverse("profiles:passport", args=[child.pk])).content.decode()
    assert "Adjustments and aids" in html and "Ear defenders and a wobble cushion" in html
