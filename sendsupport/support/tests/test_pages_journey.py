"""The graduated approach through its pages: each form saves, and bad input re-renders (400) naming the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sendsupport.pupils.selectors import current_provision
from sendsupport.support.choices import PlanStatus
from sendsupport.support.models import Assessment, Concern, Cycle, Outcome, OutcomeNote, ParentNotification, Review
from sendsupport.support.tests import helpers


def url(name, *args):
    return reverse(f"support:{name}", args=args)


def errors_of(response) -> str:
    return response.content.decode()


def test_a_teacher_raises_a_concern(newcomer, teacher, login):
    client = login(teacher)
    response = client.post(
        url("concern_new", newcomer.pk),
        {"noticed": "Finds phonics hard.", "since": "2025-09-08", "tried": "Extra phonics", "raised_on": "2025-11-20"},
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert (concern.raised_by, concern.since) == (teacher, date(2025, 9, 8))


def test_a_concern_noticed_after_it_was_raised_is_refused_naming_the_field(newcomer, teacher, login):
    response = login(teacher).post(
        url("concern_new", newcomer.pk), {"noticed": "x", "since": "2025-11-19", "raised_on": "2025-11-18"}
    )
    assert response.status_code == 400
    assert "Since when?: The date you first noticed this must be on or before the date raised." in errors_of(response)
    assert not Concern.objects.exists()


def test_the_senco_starts_a_cycle_taking_up_the_concern(newcomer, senco, teacher, login):
    from conftest import TODAY
    from sendsupport.support import services

    concern = services.raise_concern(pupil=newcomer, by=teacher, noticed="x", since=date(2025, 9, 1), today=TODAY)
    client = login(senco)
    page = client.get(url("cycle_new", newcomer.pk)).content.decode()
    assert "Start cycle 1" in page
    response = client.post(
        url("cycle_new", newcomer.pk),
        {"opened_on": "2025-11-20", "class_teacher": teacher.pk, "concerns": [concern.pk]},
    )
    assert response.status_code == 302
    cycle = Cycle.objects.get()
    assert response["Location"] == url("cycle", newcomer.pk, 1)
    assert cycle.concerns.get() == concern


ASSESSMENT = {
    "teacher_assessment": "Struggles with phonics.",
    "attainment": "Well below expected in reading.",
    "pupil_views": "Reading is hard.",
    "parent_views": "Worried about reading.",
    "decision": "start",
    "decided_on": "2025-11-20",
    "primary_need": "SPLD",
    "secondary_need": "",
    "scores-TOTAL_FORMS": "2",
    "scores-INITIAL_FORMS": "0",
    "scores-0-what": "Reading (NGRT)",
    "scores-0-score": "78",
    "scores-0-compared_with_expected": "well_below",
    "scores-0-taken_on": "2025-11-10",
}


def test_the_assessment_page_starts_sen_support(newcomer, senco, login):
    cycle = helpers.start(newcomer, senco, opened_on=date(2025, 11, 20))
    response = login(senco).post(url("assessment", newcomer.pk, cycle.number), ASSESSMENT)
    assert response.status_code == 302, errors_of(response)
    assert current_provision(newcomer) == "K"
    assert Assessment.objects.get().scores.get().score == 78


def test_a_census_rule_break_shows_on_the_assessment_form_naming_the_field(other_pupil, senco, login):
    cycle = helpers.start(other_pupil, senco, opened_on=date(2025, 11, 20))
    data = {**ASSESSMENT, "decision": "continue", "primary_need": "NSA"}
    response = login(senco).post(url("assessment", other_pupil.pk, cycle.number), data)
    assert response.status_code == 400
    assert "Primary area of need (census type): NSA (no specialist assessment) can only be used" in errors_of(response)
    assert not Assessment.objects.exists()


def test_a_bad_score_row_is_named_in_the_error_summary(newcomer, senco, login):
    cycle = helpers.start(newcomer, senco, opened_on=date(2025, 11, 20))
    data = {**ASSESSMENT, "scores-0-score": "300"}
    response = login(senco).post(url("assessment", newcomer.pk, cycle.number), data)
    assert response.status_code == 400
    assert "Score 1, standardised score (if there is one): A standardised score is 160 or less." in errors_of(response)


def test_the_assessment_form_on_a_closed_cycle_says_so(reviewed, senco, login):
    client = login(senco)
    page = client.get(url("assessment", reviewed.pupil_id, 1))
    assert "This cycle is closed. Add a correction instead." in errors_of(page)
    response = client.post(url("assessment", reviewed.pupil_id, 1), {**ASSESSMENT, "observations": "late"})
    assert response.status_code == 400
    assert "This cycle is closed. Add a correction instead." in errors_of(response)


def test_the_senco_records_the_parents_were_told_and_dates_are_checked(newcomer, senco, login):
    cycle = helpers.start(newcomer, senco, opened_on=date(2025, 11, 3))
    helpers.assess(
        cycle, senco, decision="start", decided_on=date(2025, 11, 10), primary_need="SPLD", secondary_need=""
    )
    client = login(senco)
    contact = newcomer.contact_links.get().contact
    early = client.post(
        url("notify", newcomer.pk, 1), {"notified_on": "2025-11-07", "method": "letter", "contact": contact.pk}
    )
    assert early.status_code == 400
    assert (
        "Date the parent was told: The parent cannot be told before the decision was made (10 November 2025)."
        in errors_of(early)
    )
    assert not ParentNotification.objects.exists()
    ok = client.post(
        url("notify", newcomer.pk, 1), {"notified_on": "2025-11-11", "method": "letter", "contact": contact.pk}
    )
    assert ok.status_code == 302
    assert ParentNotification.objects.get().contact == contact


def test_the_letter_is_emailed_from_its_page(newcomer, senco, login, django_capture_on_commit_callbacks):

    cycle = helpers.start(newcomer, senco, opened_on=date(2025, 11, 3))
    helpers.assess(
        cycle, senco, decision="start", decided_on=date(2025, 11, 10), primary_need="SPLD", secondary_need=""
    )
    client = login(senco)
    page = client.get(url("letter", newcomer.pk, 1)).content.decode()
    assert "carer@example.org" in page and "Extra help for Zain at school" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("letter_email", newcomer.pk, 1))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert ParentNotification.objects.get().method == "email"
    assert "Email sent on " in client.get(url("cycle", newcomer.pk, 1)).content.decode()
    assert ParentNotification.objects.get().notified_on == timezone.localdate()


def test_emailing_without_an_address_explains_why(newcomer, senco, login):
    cycle = helpers.start(newcomer, senco, opened_on=date(2025, 11, 3))
    helpers.assess(
        cycle, senco, decision="start", decided_on=date(2025, 11, 10), primary_need="SPLD", secondary_need=""
    )
    newcomer.contact_links.update(parental_responsibility=False)
    response = login(senco).post(url("letter_email", newcomer.pk, 1))
    assert response.status_code == 400
    assert "No parent or carer with parental responsibility has an email address" in errors_of(response)
    assert mail.outbox == []


@pytest.fixture
def assessed(pupil, senco, teacher):
    cycle = helpers.start(pupil, senco, teacher=teacher)
    helpers.assess(cycle, senco)
    return cycle


def test_the_senco_writes_a_plan_with_outcomes_then_agrees_it(assessed, senco, teacher, login):
    # The pages write on the real today, so these dates follow it.
    today = timezone.localdate()
    review_date = (today + timedelta(weeks=12)).isoformat()
    client = login(senco)
    pupil_id = assessed.pupil_id
    response = client.post(
        url("plan_new", pupil_id, 1),
        {"review_date": review_date, "strategies": "Short steps", "support": "Talk Boost", "at_home": ""},
    )
    assert response.status_code == 302, errors_of(response)
    vague = {
        "area": "cognition",
        "description": "Improve reading",
        "baseline": "",
        "target": "Be better at reading",
        "measure": "",
        "due_date": review_date,
        "responsible": teacher.pk,
    }
    assert client.post(url("outcome_new", pupil_id, 1), vague).status_code == 302
    plan_page = client.get(url("plan", pupil_id, 1)).content.decode()
    assert "Not SMART yet" in plan_page and "There is no baseline" in plan_page
    agree_page = client.get(url("plan_agree", pupil_id, 1)).content.decode()
    assert "you can still agree the plan" in agree_page and "There is no baseline" in agree_page
    outcome = Outcome.objects.get()
    edit_page = client.get(url("outcome_edit", pupil_id, 1, outcome.pk)).content.decode()
    assert "Not SMART yet" in edit_page and "The target has no measure" in edit_page
    fixed = {**vague, **helpers.GOOD_OUTCOME, "due_date": review_date, "responsible": teacher.pk}
    assert client.post(url("outcome_edit", pupil_id, 1, outcome.pk), fixed).status_code == 302
    agreed = client.post(
        url("plan_agree", pupil_id, 1),
        {"agreed_on": today.isoformat(), "parent_agreed_on": today.isoformat(), "pupil_agreed_on": today.isoformat()},
    )
    assert agreed.status_code == 302
    assessed.plan.refresh_from_db()
    assert assessed.plan.status == PlanStatus.AGREED


def test_a_plan_with_warnings_is_agreed_on_its_page_with_an_optional_note(assessed, senco, teacher, login):
    plan = helpers.plan(assessed, senco)
    helpers.outcome(plan, senco, **helpers.VAGUE_OUTCOME)
    client = login(senco)
    page = client.get(url("plan", assessed.pupil_id, 1)).content.decode()
    assert "They are advice: they do not stop you agreeing the plan." in page
    note = "Parents chose this wording; we will add a measure at the first meeting."
    response = client.post(
        url("plan_agree", assessed.pupil_id, 1), {"agreed_on": helpers.TODAY.isoformat(), "override_reason": note}
    )
    assert response.status_code == 302, errors_of(response)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    assert (plan.smart_override_reason, plan.override_by) == (note, senco)
    assert "Note on the SMART warnings" in client.get(url("plan", assessed.pupil_id, 1)).content.decode()


def test_an_outcome_due_after_the_review_date_is_refused_on_the_form(assessed, senco, teacher, login):
    plan = helpers.plan(assessed, senco)
    data = {**helpers.GOOD_OUTCOME, "due_date": "2026-01-09", "responsible": teacher.pk}
    response = login(senco).post(url("outcome_new", assessed.pupil_id, 1), data)
    assert response.status_code == 400
    assert (
        "To be met by: The outcome must be due on or before the plan&#x27;s review date (12 December 2025)."
        in errors_of(response)
    )
    assert not plan.outcomes.exists()


def test_the_outcome_form_can_start_from_the_bank(assessed, senco, login):
    helpers.plan(assessed, senco)
    from sendsupport.support.models import OutcomeBankEntry

    entry = OutcomeBankEntry.objects.create(area="semh", text="Name 3 feelings.", example_baseline="Names 1 feeling.")
    page = login(senco).get(url("outcome_new", assessed.pupil_id, 1) + f"?from_bank={entry.pk}").content.decode()
    assert entry.example_baseline in page


def test_a_teaching_assistant_adds_a_note(running, ta, login):
    outcome = running.plan.outcomes.get()
    response = login(ta).post(
        url("note_new", running.pupil_id, 1, outcome.pk),
        {"written_on": "2025-10-10", "text": "Followed 6 of 10.", "evidence": "Tally", "measure": "6 out of 10"},
    )
    assert response.status_code == 302
    assert OutcomeNote.objects.get().by == ta


def test_the_review_page_records_the_review(running, senco, login):
    outcome = running.plan.outcomes.get()
    data = {
        f"rating_{outcome.pk}": "partly_met",
        f"evidence_{outcome.pk}": "Tally sheets",
        f"measure_{outcome.pk}": "6 out of 10",
        "held_on": "2025-11-18",
        "attendees": "SENCO, parent",
        "expected_progress": "no",
        "pupil_views": "It is getting easier",
        "parent_views": "Happy with progress",
        "next_step": "revise",
    }
    response = login(senco).post(url("review_new", running.pupil_id, 1), data)
    assert response.status_code == 302, errors_of(response)
    review = Review.objects.get()
    assert review.expected_progress is False
    running.refresh_from_db()
    assert not running.is_open


def test_a_rating_for_an_outcome_not_in_the_plan_is_refused_on_the_form(running, senco, login):
    outcome = running.plan.outcomes.get()
    data = {
        f"rating_{outcome.pk}": "met",
        f"evidence_{outcome.pk}": "Tally",
        f"rating_{outcome.pk + 999}": "met",
        "held_on": "2025-11-18",
        "attendees": "SENCO",
        "expected_progress": "yes",
        "pupil_views": "x",
        "parent_views": "y",
        "next_step": "continue",
    }
    response = login(senco).post(url("review_new", running.pupil_id, 1), data)
    assert response.status_code == 400
    assert f"Outcome {outcome.pk + 999} is not in this plan" in errors_of(response)
    assert not Review.objects.exists()


def test_a_review_dated_before_the_plan_is_refused_on_the_form(running, senco, login):
    outcome = running.plan.outcomes.get()
    data = {
        f"rating_{outcome.pk}": "met",
        f"evidence_{outcome.pk}": "Tally",
        "held_on": "2025-09-01",
        "attendees": "SENCO",
        "expected_progress": "yes",
        "pupil_views": "x",
        "parent_views": "y",
        "next_step": "continue",
    }
    response = login(senco).post(url("review_new", running.pupil_id, 1), data)
    assert response.status_code == 400
    assert "Date of the review: The review cannot be before the plan began (29 September 2025)." in errors_of(response)


def test_a_closed_cycle_is_corrected_not_edited(reviewed, senco, login):
    from sendsupport.support import services

    client = login(senco)
    item = next(i for i in services.correctable_items(reviewed) if i.field == "attendees")
    response = client.post(
        url("correction_new", reviewed.pupil_id, 1),
        {"target": item.key, "corrected": "SENCO and father", "reason": "Wrong parent named"},
    )
    assert response.status_code == 302
    page = client.get(url("cycle", reviewed.pupil_id, 1)).content.decode()
    assert "SENCO and father" in page and "SENCO, class teacher, parent, pupil" in page


def test_a_correction_on_an_open_cycle_is_not_offered(running, senco, login):
    page = login(senco).get(url("correction_new", running.pupil_id, 1)).content.decode()
    assert "Change the record itself" in page


def test_the_next_cycle_starts_from_the_review(reviewed, senco, login):
    client = login(senco)
    cycle_page = client.get(url("cycle", reviewed.pupil_id, 1)).content.decode()
    assert "Start cycle 2" in cycle_page
    response = client.post(
        url("cycle_new", reviewed.pupil_id), {"opened_on": "2025-11-19", "class_teacher": reviewed.class_teacher_id}
    )
    assert response.status_code == 302
    form = client.get(url("assessment", reviewed.pupil_id, 2)).content.decode()
    assert "Some answers start from the review of cycle 1" in form
    assert "I like reading with Mrs Jones." in form


def test_the_senco_removes_an_outcome_without_notes_but_not_one_with_notes(running, senco, ta, login):
    from conftest import TODAY
    from sendsupport.support import services

    kept = running.plan.outcomes.get()
    services.add_note(outcome=kept, by=ta, text="n", written_on=date(2025, 10, 1), today=TODAY)
    spare = helpers.outcome(running.plan, senco)
    client = login(senco)
    assert client.post(url("outcome_remove", running.pupil_id, 1, spare.pk)).status_code == 302
    refused = client.post(url("outcome_remove", running.pupil_id, 1, kept.pk))
    assert refused.status_code == 200
    assert "stays in the record" in errors_of(refused)
    assert list(running.plan.outcomes.all()) == [kept]


def test_the_senco_removes_an_example_from_the_schools_bank(school, senco, login):
    from sendsupport.support import selectors
    from sendsupport.support.models import OutcomeBankEntry

    example = OutcomeBankEntry.objects.create(area="semh", text="Name 3 feelings.")
    response = login(senco).post(reverse("support:bank_remove", args=[example.pk]))
    assert response.status_code == 302
    assert example not in selectors.outcome_bank(school)


def test_the_senco_records_that_parents_were_told_before_any_cycle(pupil, senco, login):
    contact = pupil.contact_links.first()
    data = {"notified_on": "2024-09-02", "method": "letter", "contact": contact.contact_id if contact else ""}
    response = login(senco).post(url("notify_pupil", pupil.pk), data)
    assert response.status_code == 302
    assert ParentNotification.objects.get().cycle is None


@pytest.mark.parametrize(
    ("name", "args"),
    [("letter_email", lambda r: [r.pupil_id, 1]), ("outcome_remove", lambda r: [r.pupil_id, 1, 1])],
)
def test_post_only_pages_send_signed_out_visitors_to_sign_in(name, args, running, client):
    response = client.post(url(name, *args(running)))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_bank_removal_sends_signed_out_visitors_to_sign_in(db, client):
    from sendsupport.support.models import OutcomeBankEntry

    entry = OutcomeBankEntry.objects.create(area="semh", text="Name 3 feelings.")
    response = client.post(reverse("support:bank_remove", args=[entry.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_page_that_only_takes_posts_refuses_a_get(running, senco, login):
    assert login(senco).get(url("letter_email", running.pupil_id, 1)).status_code == 405
