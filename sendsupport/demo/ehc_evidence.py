"""The EHC needs assessment evidence pack in the demo: one pupil ready for it, and one pack sent last year.

- A Year 3-6 pupil on SEN support (never the demo parent's child) whose two latest reviews found less
  than expected progress gets a speech and language therapist's advice, received before the second
  plan began and used in it, and their own views. The to-do list then prompts "Consider an EHC needs
  assessment" for them (advice acted on, progress still short: CoP 6.63), and no pack is started, so
  the SENCO can walk prompt → pack → summary and parents' involvement → PDF/JSON → send.
- A pupil who now has an EHC plan has the school's request from before the plan, sent with its
  evidence pack, agreed by the local authority six weeks later.

Written through the services, on dates counted back from ``today``, so every demo looks the same.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.statutory import services as statutory_services
from sendsupport.statutory.evidence import services as evidence_services
from sendsupport.statutory.models import EHCPlan, EHCRequest
from sendsupport.support.models import Review
from sendsupport.support.specialists import services as specialist_services
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.voice import services as voice_services
from sendsupport.support.voice.models import Face


def add_ehc_evidence(*, school: Any, senco: Any, child: Pupil, today: date) -> None:
    ready = _pupil_short_of_progress(school, child)
    if ready is not None:
        _ready_for_a_request(ready, senco, today)
    _pack_sent_last_year(school, senco, child, today)


def _pupil_short_of_progress(school: Any, child: Pupil) -> Pupil | None:
    """The first pupil on SEN support with two reviews finding less than expected progress and no
    specialist involved yet (the lived-in year leaves two such pupils; the other has a referral)."""
    slow = (
        Review.objects.filter(pupil__school=school, expected_progress=False)
        .exclude(pupil=child)
        .values_list("pupil_id", flat=True)
    )
    counts: dict[int, int] = {}
    for pupil_id in slow:
        counts[pupil_id] = counts.get(pupil_id, 0) + 1
    involved = set(SpecialistInvolvement.objects.filter(pupil__school=school).values_list("pupil_id", flat=True))
    candidates = sorted(pk for pk, n in counts.items() if n >= 2 and pk not in involved)
    pupils = with_current_sen(Pupil.objects.filter(pk__in=candidates)).filter(current_provision=Provision.SEN_SUPPORT)
    return pupils.order_by("pk").first()


def _ready_for_a_request(pupil: Pupil, senco: Any, today: date) -> None:
    latest = Review.objects.filter(pupil=pupil).select_related("plan").order_by("-held_on").first()
    first = Review.objects.filter(pupil=pupil).order_by("held_on").first()
    # Advice arrives after the first review and before the second plan began, so the plan acted on it.
    advice_on = min(latest.plan.starts_on - timedelta(days=5), first.held_on + timedelta(days=10))
    referred_on = first.held_on + timedelta(days=1)
    involvement = specialist_services.add_referral(
        pupil=pupil,
        by=senco,
        professional_type=SpecialistInvolvement.Professional.SPEECH_AND_LANGUAGE_THERAPIST,
        referral_date=referred_on,
        parental_consent=True,
        consent_date=referred_on,
        professional_name="Dr Aisha Rahman",
        organisation="Bristol Speech and Language Therapy Service",
        reason="Less than expected progress in communication after a term of Talk Boost.",
        today=today,
    )
    specialist_services.record_advice(
        involvement=involvement,
        by=senco,
        advice_received_on=min(advice_on, today),
        advice=(
            "Assessed with CELF-5: receptive language score 68, expressive 72, both well below age. "
            "Recommends daily small-group receptive language work, a visual timetable, key vocabulary "
            "pre-taught before each topic, and instructions given one step at a time."
        ),
        how_plan_used_it="Daily receptive language group and pre-taught vocabulary added to the plan.",
        today=today,
    )
    voice_services.record_pupil_views(
        pupil=pupil,
        by=senco,
        given_on=today - timedelta(days=10),
        how_gathered="With the teaching assistant, using the picture scale.",
        going_well_face=Face.VERY_HAPPY,
        going_well="Drawing and playing football at lunch.",
        hard_face=Face.SAD,
        hard="When the teacher talks for a long time I don't know what to do.",
        helps_face=Face.HAPPY,
        helps="When Miss shows me pictures of what to do.",
        today=today,
    )


def _pack_sent_last_year(school: Any, senco: Any, child: Pupil, today: date) -> None:
    """The school's request for a pupil who now has a plan: 20 weeks before the plan was issued."""
    plan = (
        EHCPlan.objects.filter(pupil__school=school, ceased_on__isnull=True)
        .exclude(pupil=child)
        .filter(issued_on__lte=today - timedelta(days=200))
        .select_related("pupil")
        .order_by("-issued_on", "pk")
        .first()
    )
    if plan is None or EHCRequest.objects.filter(pupil=plan.pupil).exists():
        return
    requested_on = plan.issued_on - timedelta(weeks=20)
    involved_on = requested_on - timedelta(days=9)
    pack = evidence_services.save_pack(
        pupil=plan.pupil,
        by=senco,
        covering_summary=(
            "Over three terms of SEN support with speech and language therapy advice, progress has stayed "
            "well below that of peers. The support now needed (daily adult help in class and a specialist "
            "programme) costs more than the school can meet from its notional SEN budget."
        ),
        parents_involved_on=involved_on,
        parents_involvement="Met the SENCO and the class teacher, read the evidence together and agreed the request.",
        parents_view="We support the request: we want to know what help our child needs in the long term.",
        today=today,
    )
    pack = evidence_services.send_pack(pack=pack, by=senco, sent_on=requested_on, today=today)
    statutory_services.save_request(
        pupil=plan.pupil,
        by=senco,
        request=pack.request,
        requested_on=requested_on,
        requested_by=EHCRequest.RequestedBy.SCHOOL,
        outcome=EHCRequest.Outcome.AGREED,
        outcome_on=requested_on + timedelta(weeks=6),
        notes=pack.request.notes,
        today=today,
    )
    # The rest of the assessment ran to time and ended in the plan the pupil has now, so no clock of
    # this request is left open on anyone's list.
    decided_on = requested_on + timedelta(weeks=6)
    draft_on = plan.issued_on - timedelta(weeks=4)
    EHCRequest.objects.filter(pk=pack.request_id).update(
        advice_requested_on=decided_on + timedelta(days=1),
        advice_sent_on=decided_on + timedelta(weeks=5),
        draft_issued_on=draft_on,
        representations_end_on=draft_on + timedelta(days=15),
        final_issued_on=plan.issued_on,
    )
