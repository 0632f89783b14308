"""The demo's EHC plans look like a year of use: every plan in force has its sections and provision on
the map, past reviews have advice and reports sent to the LA, one review is three weeks away with
half its advice in, and one report is due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from sendsupport.accounts.models import User
from sendsupport.compliance.engine import todo_list
from sendsupport.demo.school import DEMO_URN
from sendsupport.schools.models import School
from sendsupport.statutory.models import AnnualReview, EHCPlan

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


def test_the_demo_has_a_year_of_ehc_plans_and_reviews(monkeypatch):
    monkeypatch.setattr("sendsupport.demo.management.commands.demo.today", lambda: TODAY)
    call_command("demo", "--no-serve")
    school = School.objects.get(urn=DEMO_URN)
    plans = list(EHCPlan.objects.filter(pupil__school=school, ceased_on__isnull=True))
    assert len(plans) >= 3
    for plan in plans:
        sections = set(plan.entries.values_list("section", flat=True))
        assert sections == {"B", "E", "F"}, plan
        assert plan.entries.filter(section="F", provision__isnull=False).exists(), plan
    held = AnnualReview.objects.filter(pupil__school=school, held=True)
    sent = held.filter(report_sent_on__isnull=False)
    assert sent.count() >= held.count() - 1
    assert all(r.report_sent_on - r.meeting_on <= timedelta(days=14) for r in sent)
    upcoming = AnnualReview.objects.get(pupil__school=school, meeting_on=TODAY + timedelta(days=21))
    assert upcoming.invitations_sent_on is not None
    advice = list(upcoming.advice_requests.all())
    assert 0 < len([a for a in advice if a.received_on]) < len(advice)
    senco = User.objects.get(username="senco")
    duties = {item.gap.duty for item in todo_list(senco, school, today=TODAY).items}
    assert "annual_review_report" in duties and "annual_review_advice" not in duties
