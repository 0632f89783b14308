"""Fixtures for publishing: a school whose report has every item, a phonics group on the provision map
with its funding, and the report and strategy as published."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import FundingAllocation, Intervention, Provision, ProvisionMember, StaffRoleCost
from sendsupport.schools.models import SchoolSenco
from sendsupport.statutory.publishing import services
from sendsupport.statutory.publishing.models import WRITTEN_FIELDS, AccessibilityAction, Publication

TODAY = date(2026, 11, 20)
BASE = "http://sendsupport.oakfield.example"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("sendsupport.core.dates.today", lambda: TODAY)


def write_everything(school, by, **except_fields):
    fields = {name: f"What we do about {name.replace('_', ' ')}." for name in WRITTEN_FIELDS}
    fields.update(except_fields)
    return services.save_draft(school=school, by=by, **fields)


@pytest.fixture
def complete(school, senco):
    """Every item filled in: written text, a named SENCO with contacts, the LA's Local Offer and SENDIASS,
    and an accessibility plan with an action and a review date."""
    SchoolSenco.objects.create(school=school, senco=senco, senco_email="senco@oakfield.example", senco_phone="0117 000")
    la = school.local_authority
    la.local_offer_url = "https://www.bristol.example/local-offer"
    la.sendiass_name = "SENDIASS Bristol"
    la.sendiass_phone = "0117 903 8790"
    la.save()
    write_everything(school, senco)
    services.save_draft(
        school=school,
        by=senco,
        plan_starts_on=date(2025, 9, 1),
        plan_ends_on=date(2028, 8, 31),
        plan_review_on=date(2027, 7, 1),
    )
    services.save_action(
        school=school,
        by=senco,
        area=AccessibilityAction.Area.PHYSICAL,
        action="Fit a ramp to the Year 3 classroom door",
        owner="Site manager",
        target_on=date(2027, 4, 1),
        status=AccessibilityAction.Status.UNDERWAY,
    )
    return school


@pytest.fixture
def published(complete, senco) -> Publication:
    return services.publish(school=complete, kind=Publication.Kind.REPORT, by=senco, today=TODAY, base_url=BASE)


@pytest.fixture
def funded(school, ta, pupil, other_pupil):
    """A phonics group paid for from the IMF this year, a TA hour at £18, and the year's allocations."""
    StaffRoleCost.objects.create(school=school, role=DelivererRole.TA, hourly_pence=1800)
    intervention = Intervention.objects.create(
        school=school,
        name="Phonics catch-up",
        area="cognition",
        description="Short daily phonics practice in a small group.",
        delivered_by=DelivererRole.TA,
    )
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Phonics group A",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=3,
        session_minutes=30,
        starts_on=date(2026, 9, 7),
        funding=FundingStream.IMF,
    )
    group.deliverers.add(ta)
    for child in (pupil, other_pupil):
        ProvisionMember.objects.create(provision=group, pupil=child, joined_on=date(2026, 9, 7))
    FundingAllocation.objects.create(school=school, start_year=2026, notional_sen_pence=8_400_000, imf_pence=1_200_000)
    return group


@pytest.fixture
def strategy_ready(funded, school, senco):
    services.save_draft(
        school=school,
        by=senco,
        strategy_start_year=2026,
        strategy_aims="Every pupil takes part in the whole life of the school.",
        strategy_review="The governors review it each July.",
    )
    return school


@pytest.fixture
def published_strategy(strategy_ready, senco) -> Publication:
    return services.publish(school=strategy_ready, kind=Publication.Kind.STRATEGY, by=senco, today=TODAY, base_url=BASE)


@pytest.fixture
def training_record(school, senco):
    return services.add_training(
        school=school,
        by=senco,
        course="Autism awareness",
        attended_by="All teaching assistants",
        completed_on=date(2026, 3, 4),
        today=TODAY,
    )


@pytest.fixture
def action(complete):
    return AccessibilityAction.objects.get(school=complete)
