"""Telling the parents (Children and Families Act 2014 s.68): recorded, never before the decision; emailed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from conftest import TODAY
from sendsupport.audit.models import AuditEvent
from sendsupport.schools.services import set_senco
from sendsupport.support import selectors, services
from sendsupport.support.choices import Decision
from sendsupport.support.models import ParentNotification
from sendsupport.support.tests import helpers


@pytest.fixture
def started(newcomer, senco, teacher):
    cycle = helpers.start(newcomer, senco, teacher=teacher)
    helpers.assess(cycle, senco, decision=Decision.START, primary_need="SLCN", secondary_need="")
    return cycle


def test_it_records_when_how_by_whom_and_to_whom(started, senco):
    contact = started.pupil.contact_links.get().contact
    notification = services.record_notification(
        pupil=started.pupil,
        cycle=started,
        by=senco,
        notified_on=date(2025, 9, 16),
        method="meeting",
        contact=contact,
        notes="Met after school.",
        today=TODAY,
    )
    assert (notification.notified_by, notification.contact, notification.method) == (senco, contact, "meeting")
    assert not selectors.notification_missing(started.pupil)


def test_a_pupil_on_sen_support_without_a_notification_is_a_gap(started):
    assert selectors.support_started_on(started.pupil) == date(2025, 9, 15)
    assert selectors.notification_missing(started.pupil)


def test_a_notification_before_the_decision_is_refused(started, senco):
    with pytest.raises(ValidationError) as error:
        helpers.notify(started, senco, notified_on=date(2025, 9, 14))
    assert error.value.message_dict["notified_on"] == [
        "The parent cannot be told before the decision was made (15 September 2025)."
    ]
    assert not ParentNotification.objects.exists()


def test_a_notification_on_the_day_of_the_decision_is_fine(started, senco):
    assert helpers.notify(started, senco, notified_on=date(2025, 9, 15))


def test_a_notification_in_the_future_is_refused(started, senco):
    with pytest.raises(ValidationError) as error:
        helpers.notify(started, senco, notified_on=date(2025, 11, 21))
    assert "today or in the past" in error.value.message_dict["notified_on"][0]


def test_there_must_be_a_decision_to_tell_them_about(newcomer, senco):
    cycle = helpers.start(newcomer, senco)
    with pytest.raises(ValidationError) as error:
        helpers.notify(cycle, senco)
    assert "Record the assessment" in error.value.message_dict["cycle"][0]


def test_the_contact_must_be_one_of_the_pupils_parents(started, senco, other_parent):
    other_contact = other_parent.contacts.get()
    with pytest.raises(ValidationError) as error:
        services.record_notification(
            pupil=started.pupil,
            cycle=started,
            by=senco,
            notified_on=TODAY,
            method="letter",
            contact=other_contact,
            today=TODAY,
        )
    assert error.value.message_dict["contact"] == ["Choose one of this pupil's parents or carers."]


def test_support_from_before_any_cycle_can_be_recorded_against_the_pupil(pupil, senco):
    # Maya has been on SEN support since 1 September 2024, before sendsupport held any cycle.
    assert selectors.notification_missing(pupil)
    with pytest.raises(ValidationError) as error:
        services.record_notification(pupil=pupil, by=senco, notified_on=date(2024, 8, 30), method="letter", today=TODAY)
    assert "(1 September 2024)" in error.value.message_dict["notified_on"][0]
    services.record_notification(pupil=pupil, by=senco, notified_on=date(2024, 9, 2), method="letter", today=TODAY)
    assert not selectors.notification_missing(pupil)


def test_a_pupil_not_on_sen_support_has_nothing_to_be_told_about(newcomer, senco):
    with pytest.raises(ValidationError) as error:
        services.record_notification(pupil=newcomer, by=senco, notified_on=TODAY, method="letter", today=TODAY)
    assert "not on SEN support" in error.value.message_dict["cycle"][0]
    assert not selectors.notification_missing(newcomer)


def test_a_notification_from_before_support_restarted_does_not_count(pupil, senco):
    services.record_notification(pupil=pupil, by=senco, notified_on=date(2024, 9, 2), method="letter", today=TODAY)
    cycle = helpers.start(pupil, senco, opened_on=date(2025, 1, 6))
    helpers.assess(
        cycle, senco, decision=Decision.END, decided_on=date(2025, 1, 10), primary_need="", secondary_need=""
    )
    cycle = helpers.start(pupil, senco, opened_on=date(2025, 9, 8))
    helpers.assess(cycle, senco, decision=Decision.START, primary_need="SLCN", secondary_need="")
    assert selectors.support_started_on(pupil) == date(2025, 9, 15)
    assert selectors.notification_missing(pupil)


def test_a_closed_cycle_takes_no_notification(started, senco):
    services.close_cycle(cycle=started, by=senco, closed_on=TODAY, reason="Left", today=TODAY)
    with pytest.raises(ValidationError) as error:
        helpers.notify(started, senco)
    assert error.value.message_dict["cycle"] == ["This cycle is closed. Add a correction instead."]


def test_the_email_lists_outcomes_support_review_date_and_names_the_senco(
    started, senco, django_capture_on_commit_callbacks
):
    set_senco(school=started.pupil.school, by=senco, senco=senco, today=TODAY)  # the school's named SENCO
    plan = helpers.plan(started, senco)
    helpers.outcome(plan, senco)
    with django_capture_on_commit_callbacks(execute=True):  # the email goes once the change is committed
        sent = services.email_notification(cycle=started, by=senco, today=TODAY)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["carer@example.org"]
    assert message.subject == "Zain Ahmed: SEN support at Oakfield Primary School"
    body = message.body
    assert "Dear Jo Carer" in body
    assert "Follow a two-step spoken instruction in class without a picture prompt." in body
    assert "Talk Boost group with the TA, 3 times a week for 20 minutes." in body
    assert "by 12 December 2025" in body
    assert "Senco Person" in body and "SENCO (special educational needs co-ordinator)" in body
    assert "speech, language and communication needs" in body
    assert [(n.method, n.notified_on, n.contact.email) for n in sent] == [("email", TODAY, "carer@example.org")]
    assert AuditEvent.objects.filter(action="exported", pupil=started.pupil, summary__contains="Emailed").count() == 1


def test_each_parent_gets_their_own_email(started, senco, django_capture_on_commit_callbacks):
    helpers.add_parent_contact(started.pupil, email="second@example.org", first="Sam")
    with django_capture_on_commit_callbacks(execute=True):
        services.email_notification(cycle=started, by=senco, today=TODAY)
    assert sorted(m.to[0] for m in mail.outbox) == ["carer@example.org", "second@example.org"]
    assert ParentNotification.objects.filter(pupil=started.pupil).count() == 2


def test_it_cannot_email_when_no_parent_has_an_address(started, senco):
    started.pupil.contact_links.update(parental_responsibility=False)
    with pytest.raises(ValidationError) as error:
        services.email_notification(cycle=started, by=senco, today=TODAY)
    assert (
        "No parent or carer with parental responsibility has an email address" in error.value.message_dict["contact"][0]
    )
    assert mail.outbox == []
    assert not ParentNotification.objects.exists()
