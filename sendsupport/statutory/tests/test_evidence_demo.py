"""The demo walk: the to-do prompt for a pupil ready for a request, with nothing started; and a pack
sent last year for a pupil who now has a plan."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from sendsupport.accounts.models import User
from sendsupport.compliance.engine import todo_list
from sendsupport.demo.school import DEMO_URN
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import School
from sendsupport.statutory.evidence.pack import build_pack
from sendsupport.statutory.models import EvidencePack

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


def test_the_demo_has_a_pupil_ready_for_a_request_and_a_pack_sent_last_year(monkeypatch):
    monkeypatch.setattr("sendsupport.demo.management.commands.demo.today", lambda: TODAY)
    call_command("demo", "--no-serve")
    school = School.objects.get(urn=DEMO_URN)
    senco = User.objects.get(username="senco")
    child = Pupil.objects.get(contact_links__contact__user__username="parent")

    prompts = [item for item in todo_list(senco, school, today=TODAY).items if item.gap.duty == "consider_ehc"]
    assert prompts, "no 'Consider an EHC needs assessment' prompt in the demo"
    ready = Pupil.objects.get(pk=prompts[0].gap.pupil_id)
    assert ready != child
    assert not EvidencePack.objects.filter(pupil=ready).exists()
    data = build_pack(senco, ready, today=TODAY)
    assert data.less_than_expected_in_a_row >= 2
    assert any(s.advice for s in data.specialists)
    assert data.costs.provisions and data.costs.projected_year_pence > 0
    assert data.meetings and data.pupil_views

    # Last year's pack for a pupil who now has a plan (the parent's child's, sent this term, is the other).
    sent = EvidencePack.objects.select_related("request").exclude(pupil=child).get(sent_on__isnull=False)
    assert sent.pupil.ehc_plans.exists()
    assert EvidencePack.objects.filter(pupil=child, sent_on__isnull=False, sent_pdf__isnull=False).exists()
    assert (sent.request.requested_by, sent.request.outcome) == ("school", "agreed")
    assert sent.sent_on < TODAY.replace(month=9, day=1)
