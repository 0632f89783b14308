"""The inspection trail: one pupil's whole assess-plan-do-review record as one readable PDF, dated and
in order, logged as an export, read in the same number of queries however long the history."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sendsupport.audit.models import AuditEvent
from sendsupport.meetings.models import Meeting
from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream
from sendsupport.provision.models import (
    DeliveredSession,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
    StaffRoleCost,
)
from sendsupport.statutory.models import EHCRequest
from sendsupport.support.choices import CycleStatus, Decision, NextStep, PlanStatus, Rating
from sendsupport.support.models import Assessment, Cycle, Outcome, OutcomeRating, Plan, Review
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.tests import helpers
from sendsupport.support.voice.models import ParentViews, PupilViews

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def _provision(pupil, *, starts_on: date, sessions: int) -> Provision:
    intervention, _ = Intervention.objects.get_or_create(
        school=pupil.school,
        name="Talk Boost",
        area="communication",
        description="Small-group language work.",
        delivered_by=DelivererRole.TA,
    )
    provision = Provision.objects.create(
        school=pupil.school,
        intervention=intervention,
        name=f"Talk Boost group {starts_on:%b %Y}",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=3,
        session_minutes=20,
        starts_on=starts_on,
        funding=FundingStream.NOTIONAL_SEN,
    )
    ProvisionMember.objects.create(provision=provision, pupil=pupil, joined_on=starts_on)
    for index in range(sessions):
        session = DeliveredSession.objects.create(
            provision=provision, held_on=starts_on + timedelta(days=index), minutes=20
        )
        SessionAttendance.objects.create(session=session, pupil=pupil, status=Attendance.PRESENT)
    return provision


def test_the_trail_holds_every_part_of_the_cycle_in_order(pupil, senco, teacher, login):
    helpers.add_parent_contact(pupil)
    first = helpers.reviewed_cycle(pupil, senco, teacher)  # reviewed 18 November 2025: partly met, revise
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19))
    helpers.assess(second, senco, decided_on=date(2025, 11, 19))
    StaffRoleCost.objects.create(school=pupil.school, role=DelivererRole.TA, hourly_pence=1800)
    _provision(pupil, starts_on=date(2025, 9, 22), sessions=4)
    SpecialistInvolvement.objects.create(
        pupil=pupil,
        professional_type="speech_language_therapist",
        referral_date=date(2025, 10, 1),
        parental_consent=True,
        consent_date=date(2025, 10, 1),
        advice_received_on=date(2025, 11, 1),
        advice="Use visual prompts for two-step instructions.",
    )
    Meeting.objects.create(
        pupil=pupil, held_on=date(2025, 10, 15), kind="other", discussed="Reading at home.", agreed="Read nightly."
    )
    EHCRequest.objects.create(pupil=pupil, requested_on=date(2025, 11, 19), requested_by="school")

    response = login(senco).get(reverse("inspection:trail_pdf", args=[pupil.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response)
    assert f"Inspection trail: {pupil.display_name}" in text
    for heading in (
        "1. SEN status and needs",
        f"Cycle {first.number}: 8 September 2025 to 18 November 2025",
        f"Cycle {second.number}: 19 November 2025 to now (open)",
        "3. Provision and its cost",
        "4. Meetings with parents",
        "5. Specialists",
        "6. EHC needs assessment and plan",
    ):
        assert heading in text, heading
    # The first cycle's plan, its outcome rated at the review, and the review's next step.
    assert "Give instructions one step at a time" in text
    assert "Partly met" in text and "Continue SEN support with a revised plan" in text
    assert "attended 4 sessions" in text
    assert "Cost in 2025 to 2026" in text
    assert "£24.00" in text, "four 20-minute sessions of a TA at £18 an hour, delivered"
    assert "Use visual prompts for two-step instructions." in text
    assert "Request for an EHC needs assessment on 19 November 2025" in text
    # In order: cycle 1 before cycle 2, and both before the meetings.
    assert text.index("Cycle 1:") < text.index("Cycle 2:") < text.rindex("4. Meetings with parents")
    # The footer: the pupil's name, the date printed and page numbers.
    assert f"{pupil.display_name}: inspection trail. Printed" in text and "Page 1 of" in text
    event = AuditEvent.objects.get(action="exported", pupil=pupil)
    assert "inspection trail" in event.summary and event.actor == senco


def _history(pupil, senco, cycles: int) -> None:
    """``cycles`` reviewed cycles of eight weeks from September 2021, each with two rated outcomes, the
    parents' and pupil's views and a meeting, and a provision a term with sessions."""
    previous = None
    for number in range(1, cycles + 1):
        opened = date(2021, 9, 1) + timedelta(weeks=8 * (number - 1))
        closed = opened + timedelta(weeks=8)
        cycle = Cycle.objects.create(
            pupil=pupil, number=number, opened_on=opened, closed_on=closed, status=CycleStatus.CLOSED, previous=previous
        )
        Assessment.objects.create(
            cycle=cycle,
            pupil=pupil,
            teacher_assessment="Needs prompts.",
            attainment="Below age-related expectations.",
            decision=Decision.CONTINUE,
            decided_on=opened,
        )
        plan = Plan.objects.create(
            cycle=cycle, pupil=pupil, review_date=closed, status=PlanStatus.AGREED, created_on=opened, agreed_on=opened
        )
        review = Review.objects.create(
            cycle=cycle,
            plan=plan,
            pupil=pupil,
            held_on=closed,
            expected_progress=False,
            attendees="SENCO, parent",
            parents_attended=True,
            next_step=NextStep.REVISE,
        )
        for position in (1, 2):
            outcome = Outcome.objects.create(
                plan=plan, pupil=pupil, position=position, area="communication", description=f"Outcome {position}"
            )
            OutcomeRating.objects.create(
                review=review, outcome=outcome, pupil=pupil, rating=Rating.PARTLY_MET, evidence="Tallies."
            )
        ParentViews.objects.create(pupil=pupil, cycle=cycle, sent_by_name="Jo Carer", going_well="Reading.")
        PupilViews.objects.create(pupil=pupil, cycle=cycle, given_on=opened, going_well="Maths.")
        meeting = Meeting.objects.create(pupil=pupil, held_on=opened, kind="other", discussed="Plan.", agreed="Yes.")
        meeting.parents_attended.add(pupil.contact_links.first().contact)
        _provision(pupil, starts_on=opened, sessions=3)
        previous = cycle


@pytest.mark.parametrize("cycles", [1, 8])
def test_the_trail_reads_in_the_same_number_of_queries_however_long_the_history(
    cycles, pupil, senco, login, django_assert_num_queries
):
    helpers.add_parent_contact(pupil)
    _history(pupil, senco, cycles)
    client = login(senco)
    client.get(reverse("inspection:trail_pdf", args=[pupil.pk]))  # warm the session
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("inspection:trail_pdf", args=[pupil.pk]))
    assert f"Cycle {cycles}:" in _text(response)


# +1 since the visibility condition asks once whether the user is a parent (a PDF has no navigation to ask first).
# -1: that is now asked in the same query as the roles (accounts.access).
# -1: the session is read with its user, in one query (accounts.sessions).
QUERIES = 42
