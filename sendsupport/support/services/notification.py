"""Telling the parents that SEN support has started (Children and Families Act 2014 s.68)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string

from sendsupport.audit.services import record_export
from sendsupport.core.dates import in_words
from sendsupport.core.outbox import queue_email
from sendsupport.pupils.models import Contact, Pupil
from sendsupport.support import selectors
from sendsupport.support.choices import NotificationMethod
from sendsupport.support.models import Assessment, Cycle, ParentNotification
from sendsupport.support.services._common import Errors, add, ensure_open, not_in_future, raise_if, save, today_or


def _decision_date(pupil: Pupil, cycle: Cycle | None, errors: Errors) -> date | None:
    """The date of the decision the parents are told about: the cycle's assessment, or (for support
    that began before any cycle was recorded) the start of the current period on SEN support."""
    if cycle is not None:
        assessment = Assessment.objects.filter(cycle=cycle).first()
        if assessment is None:
            add(errors, "cycle", "Record the assessment and its decision before telling the parents about it.")
            return None
        return assessment.decided_on
    started = selectors.support_started_on(pupil)
    if started is None:
        add(errors, "cycle", "This pupil is not on SEN support, so there is no decision to tell the parents about.")
    return started


def _check(*, pupil: Pupil, cycle: Cycle | None, notified_on: date, contact: Contact | None, today: date) -> Errors:
    if cycle is not None:
        ensure_open(cycle)
    errors: Errors = {}
    decided_on = _decision_date(pupil, cycle, errors)
    not_in_future(errors, "notified_on", notified_on, today)
    if decided_on and notified_on < decided_on:
        add(
            errors,
            "notified_on",
            f"The parent cannot be told before the decision was made ({in_words(decided_on)}).",
        )
    if contact is not None and not pupil.contact_links.filter(contact=contact).exists():
        add(errors, "contact", "Choose one of this pupil's parents or carers.")
    return errors


@transaction.atomic
def record_notification(
    *,
    pupil: Pupil,
    by: Any,
    notified_on: date,
    method: str,
    cycle: Cycle | None = None,
    contact: Contact | None = None,
    to_young_person: bool = False,
    notes: str = "",
    today: date | None = None,
) -> ParentNotification:
    """Record that the parent was told (when, how, by whom, to whom). Not before the decision."""
    today = today_or(today)
    if cycle is not None and cycle.pupil_id != pupil.pk:
        raise ValidationError({"cycle": "This cycle belongs to another pupil."})
    errors = _check(pupil=pupil, cycle=cycle, notified_on=notified_on, contact=contact, today=today)
    if method not in NotificationMethod.values:
        add(errors, "method", "Choose how the parent was told: letter, email, meeting or phone call.")
    raise_if(errors)
    notification = ParentNotification(
        pupil=pupil,
        cycle=cycle,
        notified_on=notified_on,
        method=method,
        notified_by=by,
        contact=contact,
        to_young_person=to_young_person,
        notes=notes.strip(),
    )
    return save(notification, by)


def letter_context(cycle: Cycle) -> dict[str, Any]:
    """What the letter and the email say: the decision, the needs, the plan if there is one, the SENCO."""
    pupil = cycle.pupil
    plan = getattr(cycle, "plan", None)
    return {
        "pupil": pupil,
        "school": pupil.school,
        "cycle": cycle,
        "assessment": getattr(cycle, "assessment", None),
        "plan": plan,
        "outcomes": selectors.outcomes_of(plan, with_notes=False) if plan else [],
        "senco": selectors.senco_for(pupil.school),
        "local_authority": pupil.school.local_authority,
    }


@transaction.atomic
def email_notification(*, cycle: Cycle, by: Any, today: date | None = None) -> list[ParentNotification]:
    """Email the plain-English letter to each parent or carer with parental responsibility and an email
    address (one email each, so addresses are not shared), and record each as a notification."""
    today = today_or(today)
    pupil = cycle.pupil
    errors = _check(pupil=pupil, cycle=cycle, notified_on=today, contact=None, today=today)
    links = selectors.parents_with_email(pupil)
    if not links:
        add(
            errors,
            "contact",
            "No parent or carer with parental responsibility has an email address. Add one on the pupil's "
            "record, or record a letter, meeting or phone call instead.",
        )
    raise_if(errors)
    context = letter_context(cycle)
    subject = f"{pupil.display_name}: SEN support at {pupil.school.name}"
    notifications = []
    for link in links:
        body = render_to_string("support/email/notification.txt", {**context, "contact": link.contact})
        # Sent by the worker after this transaction commits; its outcome shows beside the record.
        email = queue_email(to=link.contact.email, subject=subject, body=body, about="SEN support letter")
        notification = save(
            ParentNotification(
                pupil=pupil,
                cycle=cycle,
                notified_on=today,
                method=NotificationMethod.EMAIL,
                notified_by=by,
                contact=link.contact,
                notes=f"The SEN support letter was emailed to {link.contact.email}.",
                email=email,
            ),
            by,
        )
        email.about_key = f"notification:{notification.pk}"
        email.save(update_fields=["about_key"])
        notifications.append(notification)
        record_export(
            user=by,
            school_id=pupil.school_id,
            pupil=pupil,
            what=f"Emailed the SEN support letter for cycle {cycle.number} to {link.contact}",
        )
    return notifications
