"""A parent sends their views before a review; the SENCO is told who sent them and how they begin."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import link_parent, make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.core.models import OutboundEmail
from sendsupport.support.tests import helpers
from sendsupport.support.voice import services
from sendsupport.support.voice.models import ParentViews

pytestmark = pytest.mark.django_db

FORM = {"going_well": "She reads every night.", "worries": "Spelling tests.", "next_steps": "More reading time."}


def test_it_saves_the_views_on_the_open_cycle(sent, running):
    assert sent.cycle == running
    assert sent.sent_by_name == "Parent Person"
    assert [label for label, _ in sent.parts] == [
        "What is going well",
        "What worries me",
        "What I would like to happen next",
    ]


def test_it_emails_the_senco_who_sent_views_about_which_child_and_the_first_line(sent, pupil, senco):
    email = OutboundEmail.objects.get(about_key=f"parent_views:{sent.pk}")
    assert email.to == senco.email
    assert "Parent Person" in email.subject and pupil.display_name in email.subject
    assert '"She loves reading with her brother."' in email.body
    assert "new information" not in email.body.lower()


def test_it_sends_views_from_the_page(login, parent, pupil, running):
    client = login(parent)
    page = client.get(reverse("voice:parent_views", args=[pupil.pk]))
    assert page.status_code == 200
    assert "Send your views" in page.content.decode()
    answer = client.post(reverse("voice:parent_views", args=[pupil.pk]), {**FORM, "cycle": running.pk})
    assert answer.status_code == 302
    views = ParentViews.objects.get()
    assert views.going_well == FORM["going_well"]
    shown = client.get(answer["Location"]).content.decode()
    assert "Your views about" in shown and "She reads every night." in shown


def test_it_refuses_views_sent_after_the_review_closed_and_saves_nothing(login, parent, senco, pupil, running):
    helpers.review(running.plan, senco)  # recorded while the parent's page was open
    answer = login(parent).post(reverse("voice:parent_views", args=[pupil.pk]), {**FORM, "cycle": running.pk})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "was held on 18 November 2025, so your views were not saved" in body
    assert ParentViews.objects.count() == 0
    assert not OutboundEmail.objects.filter(about="Parent's views before a review").exists()


def test_it_refuses_views_when_no_review_is_coming(login, parent, pupil):
    page = login(parent).get(reverse("voice:parent_views", args=[pupil.pk]))
    assert "There is no review of" in page.content.decode()
    answer = login(parent).post(reverse("voice:parent_views", args=[pupil.pk]), {**FORM, "cycle": ""})
    assert answer.status_code == 400
    assert "no review of Maya" in answer.content.decode()
    assert ParentViews.objects.count() == 0


def test_it_refuses_empty_views(login, parent, pupil, running):
    answer = login(parent).post(reverse("voice:parent_views", args=[pupil.pk]), {"cycle": running.pk})
    assert answer.status_code == 400
    assert "Write something in at least one of the three boxes" in answer.content.decode()
    assert ParentViews.objects.count() == 0


def test_it_refuses_another_childs_cycle_without_a_hint_about_it(login, parent, pupil, running, other_running):
    answer = login(parent).post(reverse("voice:parent_views", args=[pupil.pk]), {**FORM, "cycle": other_running.pk})
    assert answer.status_code == 400
    assert "Ben" not in answer.content.decode()
    assert ParentViews.objects.count() == 0


def test_it_refuses_a_carer_without_parental_responsibility(login, pupil, running):
    carer = make_user("carer")
    link_parent(pupil, carer, responsibility=False)
    assert login(carer).get(reverse("voice:parent_views", args=[pupil.pk])).status_code == 404
    with pytest.raises(ValidationError, match="parental responsibility"):  # the service checks it too
        services.send_parent_views(pupil=pupil, cycle_id=running.pk, by=carer, going_well="x")
    assert ParentViews.objects.count() == 0


def test_it_audits_the_views_as_a_change_of_the_pupils_record(sent, pupil):
    assert AuditEvent.objects.filter(pupil=pupil).exclude(action="viewed").exists()


def test_the_parents_pupil_page_links_to_the_views_page(login, parent, pupil, running):
    page = login(parent).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert reverse("voice:parent_views", args=[pupil.pk]) in page
    assert "Send your views before the review" in page


def test_the_portal_section_needs_only_the_pupil_and_the_user(rf, parent, pupil, running):
    from django.template.loader import render_to_string

    html = render_to_string("voice/_portal_section.html", {"pupil": pupil, "user": parent})
    assert reverse("voice:parent_views", args=[pupil.pk]) in html
    assert "Send your views before the review" in html


def test_the_email_from_the_page_links_to_the_views_in_full(login, parent, pupil, running):
    login(parent).post(reverse("voice:parent_views", args=[pupil.pk]), {**FORM, "cycle": running.pk})
    email = OutboundEmail.objects.get(about="Parent's views before a review")
    assert f"http://testserver/pupils/{pupil.pk}/voice/" in email.body
    assert '"She reads every night."' in email.body


def test_it_refuses_views_that_are_too_long(login, parent, pupil, running):
    answer = login(parent).post(
        reverse("voice:parent_views", args=[pupil.pk]), {"going_well": "x" * 4001, "cycle": running.pk}
    )
    assert answer.status_code == 400
    assert "4000 characters or fewer" in answer.content.decode()
    assert ParentViews.objects.count() == 0
