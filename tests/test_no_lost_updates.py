"""No lost updates: two people open the same edit page, both save; the second is refused with what
changed (the field and its newer value), keeps what they typed, and the first person's save stands.
Saving the page shown again (having read the message) is then accepted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sendsupport.core.versioning import StaleEdit
from sendsupport.meetings import services as meeting_services
from sendsupport.meetings.models import Meeting
from sendsupport.pupils import services as pupil_services
from sendsupport.pupils.models import Pupil
from sendsupport.support import services
from sendsupport.support.choices import PlanStatus
from sendsupport.support.models import Review
from sendsupport.support.profiles import services as passport_services
from sendsupport.support.profiles.models import PupilProfile
from sendsupport.support.tests import helpers
from sendsupport.testing.forms import form_data


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_text(response: Any) -> str:
    return " ".join(unescape(response.content.decode()).split())


@dataclass
class Edit:
    """An edit page and what each of the two people changes on it."""

    url: str
    field_a: str  # the first person changes this field
    value_a: str
    field_b: str  # the second person (who opened the page at the same time) changes this one
    value_b: str
    label_a: str  # how the message names the first person's field


def race(edit: Edit, first: Any, second: Any) -> Any:
    """Both load the page, the first saves, then the second, who is refused; return the refusal.
    The first person's save stands whatever the test then does with the refused page."""
    a, b = signed_in(first), signed_in(second)
    form_a = form_data(a.get(edit.url).content)
    form_b = form_data(b.get(edit.url).content)
    assert "version" in form_a or "plan_version" in form_a, "the form carries the version it was drawn from"
    saved = a.post(edit.url, {**form_a, edit.field_a: edit.value_a})
    assert saved.status_code == 302, page_text(saved)
    refused = b.post(edit.url, {**form_b, edit.field_b: edit.value_b})
    assert refused.status_code == 400, page_text(refused)
    text = page_text(refused)
    assert "after you opened this page" in text
    assert f"{edit.label_a}: now “{edit.value_a}”" in text, text
    assert edit.value_b in text, "what the second person typed is shown again"
    return refused


def retry(edit: Edit, person: Any, refused: Any) -> Any:
    """The second person, having read the message, saves the page as shown again."""
    return signed_in(person).post(edit.url, form_data(refused.content))


@pytest.fixture
def running(pupil, senco, teacher):
    return helpers.running_cycle(pupil, senco, teacher)


def test_it_refuses_a_stale_plan_edit(running, senco, head):
    edit = Edit(
        reverse("support:plan_edit", args=[running.pupil_id, 1]),
        "strategies",
        "Seat near the front.",
        "support",
        "Reading group daily.",
        "Strategies for class teachers",
    )
    refused = race(edit, senco, head)
    running.plan.refresh_from_db()
    assert (running.plan.strategies, running.plan.support) == (
        "Seat near the front.",
        "Talk Boost group with the TA, 3 times a week for 20 minutes.",
    )
    assert retry(edit, head, refused).status_code == 302
    running.plan.refresh_from_db()
    assert running.plan.support == "Reading group daily."


def test_it_refuses_a_stale_outcome_edit(running, senco, head):
    outcome = running.plan.outcomes.get()
    edit = Edit(
        reverse("support:outcome_edit", args=[running.pupil_id, 1, outcome.pk]),
        "description",
        "Follow a three-step instruction.",
        "target",
        "9 out of 10 times.",
        "The outcome",
    )
    race(edit, senco, head)
    outcome.refresh_from_db()
    assert (outcome.description, outcome.target) == (
        "Follow a three-step instruction.",
        helpers.GOOD_OUTCOME["target"],
    )


def test_it_refuses_a_stale_assessment_edit(running, senco, head):
    edit = Edit(
        reverse("support:assessment", args=[running.pupil_id, 1]),
        "teacher_assessment",
        "Needs instructions repeated.",
        "observations",
        "Watched in two lessons.",
        "Teacher assessment",
    )
    race(edit, senco, head)
    running.assessment.refresh_from_db()
    assert running.assessment.teacher_assessment == "Needs instructions repeated."
    assert running.assessment.observations != "Watched in two lessons."


def review_of(cycle: Any) -> dict[str, str]:
    outcome = cycle.plan.outcomes.get()
    return {
        f"rating_{outcome.pk}": "partly_met",
        f"evidence_{outcome.pk}": "Tally sheets",
        "held_on": "2025-11-18",
        "attendees": "SENCO, parent",
        "expected_progress": "no",
        "pupil_views": "It is getting easier",
        "parent_views": "Happy with progress",
        "next_step": "revise",
    }


def test_it_refuses_a_second_review_of_the_same_plan(running, senco, head):
    url = reverse("support:review_new", args=[running.pupil_id, 1])
    a, b = signed_in(senco), signed_in(head)
    form_a, form_b = form_data(a.get(url).content), form_data(b.get(url).content)
    review = review_of(running)
    assert a.post(url, {**form_a, **review}).status_code == 302
    refused = b.post(url, {**form_b, **review, "attendees": "Head and parent"})
    assert refused.status_code == 400
    text = page_text(refused)
    assert "recorded the review of this plan (held on 18 November 2025) after you opened this page" in text
    assert "Head and parent" in text
    assert Review.objects.get().attendees == "SENCO, parent"


def test_it_refuses_a_review_of_a_plan_changed_since_the_page_was_loaded(running, senco, head):
    url = reverse("support:review_new", args=[running.pupil_id, 1])
    b = signed_in(head)
    form_b = form_data(b.get(url).content)
    services.update_plan(plan=running.plan, by=senco, strategies="Use a visual timetable.")
    refused = b.post(url, {**form_b, **review_of(running), "attendees": "Head and parent"})
    assert refused.status_code == 400
    text = page_text(refused)
    assert "Strategies for class teachers: now “Use a visual timetable.”" in text, text[text.find("problem") :][:800]
    assert not Review.objects.exists()


def test_it_refuses_a_stale_passport_edit(pupil, senco, head):
    passport_services.save_new_version(
        pupil=pupil,
        by=senco,
        liked_and_admired="Kind.",
        important_to_me="Football.",
        how_to_support_me="Calm voice.",
        strategies="Visual timetable.",
        pupil_contributed="Talked with Maya.",
    )
    edit = Edit(
        reverse("profiles:edit", args=[pupil.pk]),
        "important_to_me",
        "Football and drawing.",
        "strategies",
        "Now and next board.",
        "What is important to me",
    )
    refused = race(edit, senco, head)
    assert retry(edit, head, refused).status_code == 302
    assert list(PupilProfile.objects.filter(pupil=pupil).values_list("version", "important_to_me")) == [
        (3, "Football."),  # the second person's page, saved as they chose after reading what changed
        (2, "Football and drawing."),
        (1, "Football."),
    ]


def test_it_refuses_a_stale_meeting_record_edit(pupil, parent, senco, head):
    meeting = meeting_services.record_meeting(
        pupil=pupil,
        by=senco,
        held_on=timezone.localdate() - timedelta(days=7),
        kind=Meeting.Kind.REVIEW,
        discussed="Speech targets.",
        agreed="Two sessions a week.",
        staff_attendees=[senco],
    )
    edit = Edit(
        reverse("meetings:edit", args=[pupil.pk, meeting.pk]),
        "agreed",
        "Three sessions a week.",
        "actions",
        "Practise word cards.",
        "What was agreed",
    )
    race(edit, senco, head)
    meeting.refresh_from_db()
    assert (meeting.agreed, meeting.actions) == ("Three sessions a week.", "")


def test_it_refuses_a_stale_edit_of_pupil_details(pupil, senco, head):
    edit = Edit(
        reverse("pupils:edit", args=[pupil.pk]),
        "preferred_first_name",
        "Mai",
        "legal_last_name",
        "Jones-Smith",
        "Preferred first name",
    )
    race(edit, senco, head)
    pupil.refresh_from_db()
    assert (pupil.preferred_first_name, pupil.legal_last_name) == ("Mai", "Evans")


def test_it_refuses_a_stale_edit_of_a_parents_details(pupil, parent, senco, head):
    link = pupil.contact_links.get()
    edit = Edit(
        reverse("pupils:contact_edit", args=[pupil.pk, link.pk]),
        "phone",
        "01234 567890",
        "address",
        "1 New Street",
        "Phone",
    )
    race(edit, senco, head)
    link.contact.refresh_from_db()
    assert (link.contact.phone, link.contact.address) == ("01234 567890", "")


def test_agreeing_is_refused_when_an_outcome_changed_after_the_page_was_loaded(pupil, senco, head, teacher):
    cycle = helpers.start(pupil, senco, teacher=teacher)
    helpers.assess(cycle, senco)
    plan = helpers.plan(cycle, senco)
    outcome = helpers.outcome(plan, senco)
    url = reverse("support:plan_agree", args=[pupil.pk, 1])
    a = signed_in(senco)
    form = form_data(a.get(url).content)
    services.update_outcome(outcome=outcome, by=head, target="Every time.")
    refused = a.post(url, {**form, "agreed_on": "2025-09-29"})
    assert refused.status_code == 400
    text = page_text(refused)
    assert "The outcomes have changed since you opened this page" in text
    assert "Target: now “Every time.”" in text
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT

    agreed = a.post(url, form_data(refused.content))
    assert agreed.status_code == 302
    plan.refresh_from_db()
    outcome.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    assert plan.agreed_version == plan.version - 1  # the version shown on the page; agreeing saved one more
    assert plan.agreed_outcomes == f"{outcome.pk}:{outcome.version}"


def test_agreeing_is_refused_when_an_outcome_was_added_after_the_page_was_loaded(pupil, senco, teacher):
    cycle = helpers.start(pupil, senco, teacher=teacher)
    helpers.assess(cycle, senco)
    plan = helpers.plan(cycle, senco)
    helpers.outcome(plan, senco)
    url = reverse("support:plan_agree", args=[pupil.pk, 1])
    a = signed_in(senco)
    form = form_data(a.get(url).content)
    helpers.outcome(plan, senco, description="Write a sentence with a capital letter and a full stop.")
    refused = a.post(url, {**form, "agreed_on": "2025-09-29"})
    assert refused.status_code == 400
    assert "a new outcome was added" in page_text(refused)


def test_a_save_without_a_version_is_checked_against_the_row_it_loaded(pupil, senco, head):
    """The API and imports send no version: a concurrent save between their read and write is still refused."""
    mine = Pupil.objects.get(pk=pupil.pk)
    theirs = Pupil.objects.get(pk=pupil.pk)
    pupil_services.update_pupil(pupil=theirs, by=head, preferred_first_name="Mai")
    with pytest.raises(StaleEdit, match="after you opened this page"):
        pupil_services.update_pupil(pupil=mine, by=senco, legal_last_name="Other")
    pupil.refresh_from_db()
    assert (pupil.preferred_first_name, pupil.legal_last_name) == ("Mai", "Evans")
    assert pupil.version == 2
