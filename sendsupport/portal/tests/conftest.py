"""Maya's year as her parent sees it: cycle 1 reviewed, cycle 2's plan agreed, a group with the TA,
a shared meeting record and one not shared, the named SENCO, and the LA's Local Offer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

import conftest as root_conftest
from sendsupport.meetings import services as meeting_services
from sendsupport.meetings.tests.conftest import record as record_meeting
from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import Intervention, Provision, ProvisionMember
from sendsupport.schools.models import LocalOfferRead, LocalOfferService, SchoolSenco
from sendsupport.support.tests import helpers

SECOND_OUTCOME = "Read 50 common exception words correctly."


@pytest.fixture(autouse=True)
def fresh_upn_serials(monkeypatch):
    monkeypatch.setattr(root_conftest, "_serials", iter(range(1, 1000)))


def open_second_cycle(pupil, senco, *, agree: bool = True):
    """Cycle 2 from 19 November 2025: the outcome carried from cycle 1 and one more; agreed or a draft."""
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19))
    helpers.assess(second, senco, decided_on=date(2025, 11, 19))
    plan = helpers.plan(second, senco, created_on=date(2025, 11, 19), review_date=date(2026, 2, 13))
    helpers.outcome(plan, senco, description=SECOND_OUTCOME, due_date=date(2026, 2, 13))
    if agree:
        helpers.agree(plan, senco, agreed_on=date(2025, 11, 20))
    second.refresh_from_db()
    return second


def add_group(school, pupil, ta, *, name: str = "Talk Boost group", external: str = "") -> Provision:
    intervention = Intervention.objects.create(
        school=school,
        name=f"{name} (intervention)",
        area="communication",
        description="Small-group games that build listening and talking.",
        group_size=4,
        session_minutes=20,
        sessions_per_week=3,
        delivered_by=DelivererRole.TA,
    )
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name=name,
        deliverer_role=DelivererRole.TA,
        external_deliverer=external,
        sessions_per_week=3,
        session_minutes=20,
        starts_on=timezone.localdate() - timedelta(days=60),
        funding=FundingStream.NOTIONAL_SEN,
        place="The library",
    )
    group.deliverers.add(ta)
    ProvisionMember.objects.create(provision=group, pupil=pupil, joined_on=timezone.localdate() - timedelta(days=30))
    return group


@pytest.fixture
def family(pupil, parent, senco, teacher, ta, school, la):
    """Everything on Maya's portal page."""
    first = helpers.reviewed_cycle(pupil, senco, teacher)
    second = open_second_cycle(pupil, senco)
    group = add_group(school, pupil, ta)
    shared = meeting_services.share_with_parents(meeting=record_meeting(pupil, senco, days_ago=14), by=senco)
    private = record_meeting(pupil, senco, days_ago=3, kind="other")
    SchoolSenco.objects.create(
        school=school, senco=senco, senco_email="senco@school.example", senco_phone="0117 496 0123"
    )
    la.local_offer_url = "https://example.org/local-offer"
    la.sendiass_name = "Bristol SENDIASS"
    la.sendiass_phone = "0117 903 1888"
    la.save()
    LocalOfferService.objects.create(
        local_authority=la,
        service_id="1",
        name="Speech and language drop-in",
        description="For families.",
        url="https://example.org/slt",
    )
    LocalOfferRead.objects.create(local_authority=la, attempted_at=timezone.now(), succeeded=True, services_found=1)
    return {"first": first, "second": second, "group": group, "shared": shared, "private": private}
