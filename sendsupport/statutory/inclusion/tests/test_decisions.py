"""A decision that a pupil cannot take part: only with a lawful reason and the adjustments
considered; the parents with parental responsibility are emailed and see it on their page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import link_parent, make_user
from sendsupport.core.models import OutboundEmail
from sendsupport.statutory.inclusion import services
from sendsupport.statutory.inclusion.models import ActivityDecision

pytestmark = pytest.mark.django_db

GOOD = {
    "reason": "resources",
    "explanation": "The only accessible coach was booked by another school.",
    "adjustments_considered": "Another coach company; a taxi with a teaching assistant.",
    "decided_on": "2025-11-19",
}


def post(client, trip, pupil, **changes):
    return client.post(reverse("inclusion:decision_add", args=[trip.pk]), {"pupil": pupil.pk, **GOOD, **changes})


def test_it_refuses_a_decision_without_a_lawful_reason_and_saves_nothing(trip, pupil, parent, senco, login):
    response = post(login(senco), trip, pupil, reason="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose one of the three reasons the law allows" in html
    assert not ActivityDecision.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_it_refuses_a_reason_the_law_does_not_allow(trip, pupil, parent, senco, login):
    response = post(login(senco), trip, pupil, reason="behaviour")
    assert response.status_code == 400
    assert "Choose one of the three reasons shown." in response.content.decode()
    assert not ActivityDecision.objects.exists()


def test_it_refuses_a_decision_without_the_adjustments_considered(trip, pupil, parent, senco, login):
    response = post(login(senco), trip, pupil, adjustments_considered="   ")
    assert response.status_code == 400
    assert "Enter the reasonable adjustments that were considered" in response.content.decode()
    assert not ActivityDecision.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_the_service_itself_refuses_an_unlawful_reason(trip, pupil, senco):
    with pytest.raises(ValidationError) as error:
        services.record_decision(
            activity=trip, pupil=pupil, by=senco, reason="cost", explanation="x", adjustments_considered="y"
        )
    assert "three reasons" in error.value.message_dict["reason"][-1]
    assert not ActivityDecision.objects.exists()


def test_it_emails_each_parent_with_parental_responsibility_after_saving(trip, pupil, parent, senco, login):
    no_responsibility = make_user("stepdad")
    link_parent(pupil, no_responsibility, responsibility=False)
    response = post(login(senco), trip, pupil)
    assert response.status_code == 302
    decision = ActivityDecision.objects.get()
    assert decision.reason == "resources" and decision.parents_told_on is not None
    emails = list(OutboundEmail.objects.all())
    assert [email.to for email in emails] == [parent.email]
    body = emails[0].body
    assert "cannot take part in Year 4 trip to the M Shed museum" in body
    assert "efficient use of resources" in body
    assert "A taxi with a teaching assistant".lower() in body.lower()
    assert reverse("portal:child", args=[pupil.pk]) in body


def test_a_decision_for_a_pupil_without_a_parent_email_says_to_tell_them_another_way(trip, other_pupil, senco, login):
    client = login(senco)
    response = client.post(
        reverse("inclusion:decision_add", args=[trip.pk]), {"pupil": other_pupil.pk, **GOOD}, follow=True
    )
    assert "please tell them another way" in response.content.decode()
    assert ActivityDecision.objects.get().parents_told_on is None


def test_the_parent_sees_the_decision_on_their_page_and_no_other_parent_does(
    decision, other_parent, parent, pupil, other_pupil, login
):
    html = login(other_parent).get(reverse("portal:child", args=[other_pupil.pk])).content.decode()
    assert "Trips, clubs and events" in html
    assert "Year 5 residential" in html
    assert "Daily physiotherapy cannot be given at the centre." in html
    html = login(parent).get(reverse("portal:child", args=[pupil.pk])).content.decode()
    assert "Year 5 residential" not in html


def test_only_the_senco_and_head_record_decisions(trip, pupil, teacher, login):
    assert post(login(teacher), trip, pupil).status_code == 404
    assert not ActivityDecision.objects.exists()


def test_the_decisions_page_names_the_pupils_and_logs_each_view(decision, other_pupil, senco, login):
    from sendsupport.audit.models import AuditEvent

    html = login(senco).get(reverse("inclusion:decisions")).content.decode()
    assert other_pupil.display_name in html
    assert "The efficient use of resources" not in html  # the reason is the provision one
    assert "The special educational provision the pupil needs" in html
    assert AuditEvent.objects.filter(pupil=other_pupil, action="viewed").exists()
