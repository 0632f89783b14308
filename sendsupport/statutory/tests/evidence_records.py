"""Builders for the evidence pack tests: a pupil's record of the kind an EHC request rests on.

Two reviewed cycles with less than expected progress, specialist advice, the pupil's and a parent's
views, a meeting, and a costed phonics group. Made through the services where they exist.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from sendsupport.meetings.models import Meeting
from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import Intervention, Provision, ProvisionMember, StaffRoleCost
from sendsupport.statutory.models import EvidencePack
from sendsupport.support.choices import NextStep
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.tests import helpers
from sendsupport.support.voice.models import ParentViews, PupilViews


def two_cycles_short_of_expected(pupil: Any, senco: Any, teacher: Any, *, cycles: int = 2) -> None:
    """One or two reviewed cycles, each finding less than expected progress, the first from 8 September
    2025 (the support helpers' fixed dates), the second squeezed into the day after its review."""
    first = helpers.reviewed_cycle(pupil, senco, teacher, next_step=NextStep.SPECIALIST)
    if cycles < 2:
        return
    opened = first.review.held_on
    cycle = helpers.start(pupil, senco, opened_on=opened, teacher=teacher)
    helpers.assess(cycle, senco, decided_on=opened)
    plan = helpers.plan(cycle, senco, created_on=opened, review_date=date(2025, 11, 19))
    helpers.outcome(plan, senco, due_date=date(2025, 11, 19))
    helpers.agree(plan, senco, agreed_on=opened)
    helpers.review(plan, senco, held_on=date(2025, 11, 19), next_step=NextStep.EHC_REQUEST)


def specialist_advice(pupil: Any, senco: Any) -> SpecialistInvolvement:
    return SpecialistInvolvement.objects.create(
        pupil=pupil,
        professional_type=SpecialistInvolvement.Professional.SPEECH_AND_LANGUAGE_THERAPIST,
        organisation="Northshire Speech and Language Therapy",
        reason="Receptive language well below age.",
        referral_date=date(2025, 9, 20),
        parental_consent=True,
        consent_date=date(2025, 9, 20),
        advice_received_on=date(2025, 10, 10),
        advice="Daily receptive language work in a small group; visual timetable.",
        how_plan_used_it="Talk Boost group added to the plan.",
        status=SpecialistInvolvement.Status.ADVICE_RECEIVED,
        recorded_by=senco,
    )


def views_and_meeting(pupil: Any, senco: Any, parent: Any = None) -> None:
    cycle = pupil.support_cycles.order_by("-number").first()
    PupilViews.objects.create(
        pupil=pupil, cycle=cycle, given_on=date(2025, 11, 10), recorded_by=senco, hard="Listening on the carpet."
    )
    ParentViews.objects.create(
        pupil=pupil,
        cycle=cycle,
        sent_by=parent,
        sent_by_name="Sam Carer",
        worries="She still cannot follow what the teacher says.",
        sent_at=timezone.make_aware(datetime(2025, 11, 12, 18, 0)),
    )
    Meeting.objects.create(
        pupil=pupil,
        held_on=date(2025, 11, 14),
        kind=Meeting.Kind.OTHER,
        discussed="Progress and the specialist's advice.",
        agreed="The school will prepare a request for an EHC needs assessment.",
        recorded_by=senco,
    )


def phonics_group(school: Any, pupil: Any, ta: Any, *, name: str = "Phonics catch-up") -> Provision:
    """A one-to-one phonics provision for ``pupil``, a TA hour costing £18, from 8 September 2025."""
    StaffRoleCost.objects.get_or_create(school=school, role=DelivererRole.TA, defaults={"hourly_pence": 1800})
    intervention = Intervention.objects.create(
        school=school,
        name=name,
        area="cognition",
        description="Short daily phonics practice.",
        delivered_by=DelivererRole.TA,
    )
    provision = Provision.objects.create(
        school=school,
        intervention=intervention,
        name=f"{name} for {pupil.display_name}",
        one_to_one=True,
        deliverer_role=DelivererRole.TA,
        sessions_per_week=5,
        session_minutes=30,
        starts_on=date(2025, 9, 8),
        funding=FundingStream.NOTIONAL_SEN,
    )
    provision.deliverers.add(ta)
    ProvisionMember.objects.create(provision=provision, pupil=pupil, joined_on=date(2025, 9, 8))
    return provision


def whole_record(pupil: Any, senco: Any, teacher: Any, ta: Any, *, cycles: int = 2) -> None:
    two_cycles_short_of_expected(pupil, senco, teacher, cycles=cycles)
    specialist_advice(pupil, senco)
    views_and_meeting(pupil, senco)
    phonics_group(pupil.school, pupil, ta)


def pack(pupil: Any, senco: Any, *, involved: bool = True, **fields: Any) -> EvidencePack:
    values = {
        "covering_summary": "Two cycles of SEN support with specialist advice; progress is still slow.",
        "parents_involved_on": date(2025, 11, 14) if involved else None,
        "parents_involvement": "Met the SENCO and agreed the request." if involved else "",
        "parents_view": "We want the assessment.",
        **fields,
    }
    return EvidencePack.objects.create(pupil=pupil, prepared_by=senco, **values)
