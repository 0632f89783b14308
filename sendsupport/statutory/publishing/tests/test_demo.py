"""The lived-in demo: last year's report published (its review notice on the to-do list), this year's
strategy published, and this year's draft with one item left to write."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from sendsupport.compliance.school_duties import school_items
from sendsupport.schools.models import School
from sendsupport.statutory.publishing import selectors
from sendsupport.statutory.publishing.models import Publication

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 1)


def test_the_demo_has_a_published_report_and_strategy_and_a_draft_nearly_done(monkeypatch, client):
    monkeypatch.setattr("sendsupport.demo.management.commands.demo.today", lambda: DAY)
    monkeypatch.setattr("sendsupport.core.dates.today", lambda: DAY)
    call_command("demo", "--no-serve")
    school = School.objects.get(name="Oakfield Primary School")
    report = Publication.objects.get(school=school, kind="report")
    assert report.published_on == date(2026, 1, 1)
    assert Publication.objects.filter(school=school, kind="strategy").count() == 1
    assert school.sen_information_report_url.endswith(reverse("publishing:public_report", args=[school.urn]))
    assert [i.code for i in school_items(school, today=DAY) if i.code.startswith("sen_report")] == [
        "sen_report_review_due"
    ]
    missing = selectors.missing_report_items(selectors.report_contents(school, today=DAY))
    assert missing == ["Item 12: Moving between phases and preparing for adulthood"]
    strategy = selectors.strategy_contents(school, today=DAY)
    assert strategy["activities"] and strategy["has_allocation"]
    assert client.get(reverse("publishing:public_report", args=[school.urn])).status_code == 200
    assert client.get(reverse("publishing:public_strategy", args=[school.urn])).status_code == 200
