"""The evidence the duties read: a plan agreed with the parents consulted, notice to the young person,
the SENCO's flag of severe or complex needs, and a review meeting the parents attended."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TODAY
from sendsupport.support import services
from sendsupport.support.choices import PlanStatus
from sendsupport.support.models import Assessment, ParentNotification
from sendsupport.support.tests import helpers


@pytest.fixture
def draft(pupil, senco, teacher):
    cycle = helpers.start(pupil, senco, teacher=teacher)
    helpers.assess(cycle, senco)
    plan = helpers.plan(cycle, senco)
    helpers.outcome(plan, senco)
    return plan


def test_a_plan_is_agreed_with_the_date_the_parents_were_consulted(draft, senco):
    helpers.agree(draft, senco, parents_consulted_on=date(2025, 9, 25))
    draft.refresh_from_db()
    assert draft.status == PlanStatus.AGREED and draft.parents_consulted_on == date(2025, 9, 25)


def test_a_consultation_after_the_agreement_is_refused(draft, senco):
    with pytest.raises(ValidationError) as error:
        helpers.agree(draft, senco, agreed_on=date(2025, 9, 29), parents_consulted_on=date(2025, 9, 30))
    assert "cannot be after the plan was agreed (29 September 2025)" in error.value.message_dict["parents_consulted_on"][0]
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT and draft.parents_consulted_on is None


def test_the_agree_page_refuses_a_consultation_after_the_agreement(draft, senco, login):
    url = reverse("support:plan_agree", args=[draft.pupil_id, draft.cycle.number])
    page = login(senco).get(url).content.decode()
    assert "Date the parents were consulted on the plan" in page
    response = login(senco).post(url, {"agreed_on": "2025-09-29", "parents_consulted_on": "2025-09-30"})
    assert response.status_code == 400
    assert "The date the parents were consulted cannot be after the plan was agreed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_changing_an_agreed_plan_clears_the_consultation_with_the_agreement(draft, senco):
    helpers.agree(draft, senco, parents_consulted_on=date(2025, 9, 25))
    services.update_plan(plan=draft, by=senco, strategies="New strategy")
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT and draft.parents_consulted_on is None


def test_the_young_person_can_be_recorded_as_told(pupil, senco):
    services.record_notification(
        pupil=pupil, by=senco, notified_on=date(2025, 9, 10), method="meeting", to_young_person=True, today=TODAY
    )
    assert ParentNotification.objects.get().to_young_person


def test_the_notify_page_offers_the_young_person(pupil, senco, login):
    page = login(senco).get(reverse("support:notify_pupil", args=[pupil.pk])).content.decode()
    assert "The young person was told" in page


def test_the_senco_flags_severe_or_complex_needs_on_the_assessment(pupil, senco, teacher, login):
    cycle = helpers.start(pupil, senco, teacher=teacher)
    assessment = services.record_assessment(
        cycle=cycle,
        by=senco,
        decision="continue",
        decided_on=date(2025, 9, 15),
        primary_need="SLCN",
        severe_or_complex=True,
        today=TODAY,
        teacher_assessment="x",
        attainment="x",
        pupil_views="x",
        parent_views="x",
    )
    assert assessment.severe_or_complex
    services.update_assessment(assessment=assessment, by=senco, severe_or_complex=False)
    assert not Assessment.objects.get().severe_or_complex
    page = login(senco).get(reverse("support:assessment", args=[pupil.pk, cycle.number])).content.decode()
    assert "The pupil&#x27;s needs are severe or complex" in page


def test_a_review_records_whether_the_parents_attended(pupil, senco, teacher):
    cycle = helpers.running_cycle(pupil, senco, teacher)
    outcome = cycle.plan.outcomes.get()
    review = services.record_review(
        plan=cycle.plan,
        by=senco,
        held_on=date(2025, 11, 18),
        expected_progress=True,
        attendees="SENCO, mother",
        next_step="continue",
        parents_attended=True,
        ratings=[services.RatingInput(outcome_id=outcome.pk, rating="met", evidence="Tally")],
        pupil_views="Good",
        parent_views="Pleased",
        today=TODAY,
    )
    assert review.parents_attended
