"""The evidence pack for an EHC needs assessment, assembled from the records (never retyped).

One function, ``build_pack``, reads everything the local authority expects from a school (DOMAIN.md,
"EHC needs assessment"): the SEN register and ranked needs over time, every graduated-approach cycle
with its outcomes and review ratings, attainment and rate of progress, provision with its planned and
delivered cost against the element 2 threshold, specialists' advice, the pupil's and the parents'
views, and the meetings held. The page, the PDF and the JSON all show this one typed value, so the
three cannot disagree. It reads in a fixed number of queries, however long the record.

Costs come from ``provision.selectors.pupil_costs`` (the one place costs are worked out) and the
threshold from the school's policy row: nothing here does that arithmetic again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from sendsupport.accounts.access import request_memo
from sendsupport.core import dates
from sendsupport.meetings.models import Meeting
from sendsupport.provision.costing import pence_in_words
from sendsupport.provision.models import Provision
from sendsupport.provision.selectors import pupil_costs
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus
from sendsupport.pupils.selectors import seen_as_staff
from sendsupport.schools.models import SchoolPolicy
from sendsupport.statutory.models import EvidencePack
from sendsupport.support.models import AssessmentScore, Cycle, Outcome
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.voice.models import ParentViews, PupilViews

# The version of the JSON shape (docs/schemas/ehc-evidence-pack.schema.json); change both together.
SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class PupilDetails:
    name: str
    legal_name: str
    upn: str
    date_of_birth: date
    year_group: str
    school: str
    sen_provision: str  # the current census code: N, K or E


@dataclass(frozen=True)
class StatusEntry:
    provision: str
    provision_label: str
    start_date: date
    reason: str


@dataclass(frozen=True)
class NeedEntry:
    code: str
    label: str
    rank: int
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class ScoreEntry:
    what: str
    score: int | None
    compared_with_expected: str
    taken_on: date | None


@dataclass(frozen=True)
class OutcomeEntry:
    area: str
    description: str
    baseline: str
    target: str
    measure: str
    due_date: date | None
    rating: str | None  # label, None before the review
    rating_evidence: str
    latest_measure: str


@dataclass(frozen=True)
class CycleEntry:
    number: int
    opened_on: date
    closed_on: date | None
    decision: str | None
    decided_on: date | None
    primary_need: str
    secondary_need: str
    teacher_assessment: str
    attainment: str
    external_advice: str
    assessment_pupil_views: str  # the views, or why they are absent, as recorded at Assess
    assessment_parent_views: str
    scores: list[ScoreEntry]
    support: str
    strategies: str
    plan_agreed_on: date | None
    review_date: date | None
    outcomes: list[OutcomeEntry]
    reviewed_on: date | None
    expected_progress: bool | None
    progress_summary: str
    next_step: str | None
    review_pupil_views: str  # the views, or why they are absent, as recorded at the review
    review_parent_views: str


@dataclass(frozen=True)
class ProvisionEntry:
    name: str
    intervention: str
    starts_on: date
    ends_on: date | None
    sessions_per_week: int
    session_minutes: int
    planned_to_date_pence: int
    delivered_to_date_pence: int
    planned_year_pence: int
    projected_year_pence: int
    costed: bool  # False when no hourly staff cost is set, so staff time counts as nothing


@dataclass(frozen=True)
class CostSummary:
    year_start: date
    year_end: date
    threshold_pence: int
    provisions: list[ProvisionEntry]
    planned_to_date_pence: int
    delivered_to_date_pence: int
    planned_year_pence: int
    projected_year_pence: int

    @property
    def over_threshold(self) -> bool:
        return self.projected_year_pence > self.threshold_pence

    @property
    def in_words(self) -> dict[str, str]:
        """The totals as money, for the page and the PDF."""
        names = ("threshold", "planned_to_date", "delivered_to_date", "planned_year", "projected_year")
        return {name: pence_in_words(getattr(self, f"{name}_pence")) for name in names}


@dataclass(frozen=True)
class SpecialistEntry:
    professional: str
    name: str
    organisation: str
    referral_date: date
    parental_consent: bool
    advice_received_on: date | None
    advice: str
    how_plan_used_it: str
    status: str


@dataclass(frozen=True)
class ViewsEntry:
    given_on: date
    text: str


@dataclass(frozen=True)
class MeetingEntry:
    held_on: date
    kind: str
    discussed: str
    agreed: str


@dataclass(frozen=True)
class Involvement:
    """What the SENCO adds: the covering summary and how the parents were involved."""

    covering_summary: str
    parents_involved_on: date | None
    parents_involvement: str
    parents_view: str
    sent_on: date | None


@dataclass(frozen=True)
class EvidencePackData:
    schema_version: str
    prepared_on: date
    pupil: PupilDetails
    register: list[StatusEntry]
    needs: list[NeedEntry]
    cycles: list[CycleEntry]  # oldest first: the story as it happened
    costs: CostSummary
    specialists: list[SpecialistEntry]
    pupil_views: list[ViewsEntry]
    parent_views: list[ViewsEntry]
    meetings: list[MeetingEntry]
    school_part: Involvement
    less_than_expected_in_a_row: int = field(default=0)

    def as_json(self) -> dict[str, Any]:
        """The pack as JSON-ready data, in the published schema's shape (dates as ISO strings)."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _involvement(pack: EvidencePack | None) -> Involvement:
    if pack is None:
        return Involvement("", None, "", "", None)
    return Involvement(
        covering_summary=pack.covering_summary,
        parents_involved_on=pack.parents_involved_on,
        parents_involvement=pack.parents_involvement,
        parents_view=pack.parents_view,
        sent_on=pack.sent_on,
    )


def _pupil(pupil: Pupil, register: list[StatusEntry]) -> PupilDetails:
    current = max(register, key=lambda s: s.start_date).provision if register else "N"
    return PupilDetails(
        name=pupil.display_name,
        legal_name=pupil.legal_name,
        upn=pupil.upn,
        date_of_birth=pupil.date_of_birth,
        year_group=pupil.get_year_group_display(),
        school=pupil.school.name,
        sen_provision=current,
    )


def _scoped(manager: Any, user: Any, whole_record: bool) -> Any:
    """``manager`` scoped for ``user``, or the manager itself when ``whole_record`` (``seen_as_staff``):
    staff who read the pupil's whole record see every row of the pupil in each model read here, so
    ``visible_to(user)`` would only repeat the check the page made, at the cost of rebuilding it (and of
    running its subqueries) for every query. Callers always filter on the pupil."""
    return manager if whole_record else manager.visible_to(user)


def _cycles(user: Any, pupil: Pupil, whole_record: bool) -> list[CycleEntry]:
    cycles = list(
        _scoped(Cycle.objects, user, whole_record)
        .filter(pupil=pupil)
        .select_related("assessment", "plan", "review")
        .order_by("number")
    )
    scores: dict[int, list[ScoreEntry]] = {}
    for score in (
        _scoped(AssessmentScore.objects, user, whole_record).filter(pupil=pupil).order_by("assessment_id", "id")
    ):
        scores.setdefault(score.assessment_id, []).append(
            ScoreEntry(score.what, score.score, score.get_compared_with_expected_display(), score.taken_on)
        )
    outcomes: dict[int, list[OutcomeEntry]] = {}
    for outcome in (
        _scoped(Outcome.objects, user, whole_record)
        .filter(pupil=pupil)
        .select_related("rating")
        .order_by("plan_id", "position")
    ):
        rating = getattr(outcome, "rating", None)
        outcomes.setdefault(outcome.plan_id, []).append(
            OutcomeEntry(
                area=outcome.get_area_display(),
                description=outcome.description,
                baseline=outcome.baseline,
                target=outcome.target,
                measure=outcome.measure,
                due_date=outcome.due_date,
                rating=rating.get_rating_display() if rating else None,
                rating_evidence=rating.evidence if rating else "",
                latest_measure=rating.latest_measure if rating else "",
            )
        )
    return [_cycle(cycle, scores, outcomes) for cycle in cycles]


def _cycle(cycle: Cycle, scores: dict[int, list[ScoreEntry]], outcomes: dict[int, list[OutcomeEntry]]) -> CycleEntry:
    assessment = getattr(cycle, "assessment", None)
    plan = getattr(cycle, "plan", None)
    review = getattr(cycle, "review", None)
    return CycleEntry(
        number=cycle.number,
        opened_on=cycle.opened_on,
        closed_on=cycle.closed_on,
        decision=assessment.get_decision_display() if assessment else None,
        decided_on=assessment.decided_on if assessment else None,
        primary_need=assessment.get_primary_need_display() if assessment else "",
        secondary_need=assessment.get_secondary_need_display() if assessment else "",
        teacher_assessment=assessment.teacher_assessment if assessment else "",
        attainment=assessment.attainment if assessment else "",
        external_advice=assessment.external_advice if assessment else "",
        assessment_pupil_views=_views(assessment, "pupil"),
        assessment_parent_views=_views(assessment, "parent"),
        scores=scores.get(assessment.pk, []) if assessment else [],
        support=plan.support if plan else "",
        strategies=plan.strategies if plan else "",
        plan_agreed_on=plan.agreed_on if plan else None,
        review_date=plan.review_date if plan else None,
        outcomes=outcomes.get(plan.pk, []) if plan else [],
        reviewed_on=review.held_on if review else None,
        expected_progress=review.expected_progress if review else None,
        progress_summary=review.progress_summary if review else "",
        next_step=review.get_next_step_display() if review else None,
        review_pupil_views=_views(review, "pupil"),
        review_parent_views=_views(review, "parent"),
    )


def _views(stage: Any, who: str) -> str:
    """The views a stage recorded, or the reason they could not be given (one or the other is kept)."""
    if stage is None:
        return ""
    given = getattr(stage, f"{who}_views").strip()
    absent = getattr(stage, f"{who}_views_absent_reason").strip()
    return given or (f"Not given: {absent}" if absent else "")


def _costs(pupil: Pupil, today: date) -> CostSummary:
    costs = pupil_costs(pupil, day=today)
    shares = {share.provision_id: share for share in costs.pupils.get(pupil.pk, [])}
    provisions = Provision.objects.filter(pk__in=shares, school=pupil.school).select_related("intervention")
    entries = [
        ProvisionEntry(
            name=provision.name,
            intervention=provision.intervention.name,
            starts_on=provision.starts_on,
            ends_on=provision.ends_on,
            sessions_per_week=provision.sessions_per_week,
            session_minutes=provision.session_minutes,
            planned_to_date_pence=shares[provision.pk].planned_to_date,
            delivered_to_date_pence=shares[provision.pk].delivered_to_date,
            planned_year_pence=shares[provision.pk].planned_year,
            projected_year_pence=shares[provision.pk].projected_year,
            costed=provision.pk not in costs.uncosted,
        )
        for provision in provisions.order_by("starts_on", "id")
    ]
    return CostSummary(
        year_start=costs.year.start,
        year_end=costs.year.end,
        threshold_pence=SchoolPolicy.for_school(pupil.school).element2_threshold_pence,
        provisions=entries,
        planned_to_date_pence=costs.pupil_total(pupil.pk, "planned_to_date"),
        delivered_to_date_pence=costs.pupil_total(pupil.pk, "delivered_to_date"),
        planned_year_pence=costs.pupil_total(pupil.pk, "planned_year"),
        projected_year_pence=costs.pupil_total(pupil.pk, "projected_year"),
    )


def _less_than_expected_in_a_row(cycles: list[CycleEntry]) -> int:
    """How many of the latest reviews in a row found less than expected progress (CoP 6.63)."""
    run = 0
    for cycle in reversed([c for c in cycles if c.reviewed_on is not None]):
        if cycle.expected_progress is not False:
            break
        run += 1
    return run


def build_pack(
    user: Any, pupil: Pupil, pack: EvidencePack | None = None, *, today: date | None = None
) -> EvidencePackData:
    """The evidence pack for ``pupil`` as ``user`` may read it, with ``pack``'s covering summary and
    parental involvement (blank when none is saved yet). ``pupil`` comes from ``pupil_for``."""
    today = today or dates.today()
    # Read once, for every part below: in a request it costs no query (``pupil_for`` recorded the pupil
    # and the roles are read once); outside one (a task, a test) the scoped reads are as cheap as asking.
    whole_record = request_memo(user) is not None and seen_as_staff(user, pupil)
    register = [
        StatusEntry(s.provision, s.get_provision_display(), s.start_date, s.reason)
        for s in SENStatus.objects.filter(pupil=pupil).order_by("start_date", "id")
    ]
    needs = [
        NeedEntry(n.need_type, n.get_need_type_display(), n.rank, n.start_date, n.end_date)
        for n in SENNeed.objects.filter(pupil=pupil).order_by("start_date", "rank", "id")
    ]
    cycles = _cycles(user, pupil, whole_record)
    specialists = [
        SpecialistEntry(
            professional=s.professional_type_other or s.get_professional_type_display(),
            name=s.professional_name,
            organisation=s.organisation,
            referral_date=s.referral_date,
            parental_consent=s.parental_consent,
            advice_received_on=s.advice_received_on,
            advice=s.advice,
            how_plan_used_it=s.how_plan_used_it,
            status=s.get_status_display(),
        )
        for s in _scoped(SpecialistInvolvement.objects, user, whole_record)
        .filter(pupil=pupil)
        .order_by("referral_date", "id")
    ]
    pupil_views = [
        ViewsEntry(v.given_on, v.as_text())
        for v in _scoped(PupilViews.objects, user, whole_record).filter(pupil=pupil).order_by("given_on", "id")
    ]
    parent_views = [
        ViewsEntry(timezone.localdate(v.sent_at), v.as_text())
        for v in _scoped(ParentViews.objects, user, whole_record).filter(pupil=pupil).order_by("sent_at", "id")
    ]
    meetings = [
        MeetingEntry(m.held_on, m.get_kind_display(), m.discussed, m.agreed)
        for m in _scoped(Meeting.objects, user, whole_record).filter(pupil=pupil).order_by("held_on", "id")
    ]
    return EvidencePackData(
        schema_version=SCHEMA_VERSION,
        prepared_on=today,
        pupil=_pupil(pupil, register),
        register=register,
        needs=needs,
        cycles=cycles,
        costs=_costs(pupil, today),
        specialists=specialists,
        pupil_views=pupil_views,
        parent_views=parent_views,
        meetings=meetings,
        school_part=_involvement(pack),
        less_than_expected_in_a_row=_less_than_expected_in_a_row(cycles),
    )
