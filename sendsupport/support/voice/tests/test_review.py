"""Views sent before a review appear in the review and count for the "views missing" duty."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TODAY
from sendsupport.compliance.duties import views_missing
from sendsupport.compliance.figures import school_figures
from sendsupport.compliance.loader import school_facts
from sendsupport.support.models import Review
from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db

NO_VIEWS = {"pupil_views": "", "pupil_views_absent_reason": "", "parent_views": "", "parent_views_absent_reason": ""}


def _gaps(senco, school, pupil):
    facts = next(f for f in school_facts(senco, school, TODAY) if f.pupil_id == pupil.pk)
    return views_missing(facts, TODAY, school_figures(school, TODAY))


def test_the_review_form_starts_with_the_views_sent(login, senco, pupil, running, sent, voice_record):
    page = login(senco).get(reverse("support:review_new", args=[pupil.pk, running.number]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Views sent before the review" in body
    assert "From Parent Person, sent on" in body  # in the parent's views box
    assert "What is hard: [Unhappy] Writing long answers" in body  # in the pupil's views box
    assert "copied into the boxes" in body


def test_the_review_page_shows_the_views_to_staff_and_parents(login, senco, parent, pupil, running, sent, voice_record):
    helpers.review(running.plan, senco, **NO_VIEWS)
    url = reverse("support:review", args=[pupil.pk, running.number])
    staff = login(senco).get(url).content.decode()
    assert "Homework takes hours." in staff and "A word mat and a quiet table" in staff
    assert "views, 19 November 2025" in staff  # the card of what the pupil said
    family = login(parent).get(url).content.decode()
    assert "Homework takes hours." in family
    assert "views, 19 November 2025" not in family  # the pupil's own record stays with staff


def test_recording_the_review_counts_the_views_sent_when_the_boxes_are_empty(senco, pupil, running, sent, voice_record):
    review = helpers.review(running.plan, senco, **NO_VIEWS)
    assert review.parent_views.startswith("From Parent Person, sent on")
    assert "What worries me: Homework takes hours." in review.parent_views
    assert "What helps me: [Happy] A word mat and a quiet table" in review.pupil_views


def test_what_the_senco_wrote_is_kept_over_the_views_sent(senco, pupil, running, sent):
    review = helpers.review(running.plan, senco, parent_views="Mum: pleased overall.")
    assert review.parent_views == "Mum: pleased overall."


def test_a_review_without_views_is_still_refused(senco, pupil, running):
    with pytest.raises(ValidationError, match="Enter the parent's views"):
        helpers.review(running.plan, senco, **NO_VIEWS)


def _blank_the_review_text(cycle) -> None:
    """A review kept before views were copied in (or whose text was corrected away)."""
    Review.objects.filter(cycle=cycle).update(**NO_VIEWS)


def test_views_sent_count_for_the_duty(senco, school, pupil, running, sent, voice_record):
    helpers.review(running.plan, senco, **NO_VIEWS)
    _blank_the_review_text(running)
    assert _gaps(senco, school, pupil) == []


def test_without_views_the_duty_reports_both_missing(senco, school, pupil, running):
    helpers.review(running.plan, senco)
    _blank_the_review_text(running)
    (gap,) = _gaps(senco, school, pupil)
    assert "pupil's or the parents' views" in gap.message


def test_only_the_parents_views_sent_leaves_the_pupils_missing(senco, school, pupil, running, sent):
    helpers.review(running.plan, senco)
    _blank_the_review_text(running)
    (gap,) = _gaps(senco, school, pupil)
    assert "pupil's views" in gap.message and "parents'" not in gap.message


def test_views_of_an_earlier_cycle_do_not_count_for_a_later_review(senco, teacher, school, pupil, running, sent):
    helpers.review(running.plan, senco)
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19))
    assert second.parent_views_sent.count() == 0
