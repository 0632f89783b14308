"""Reminders of planned meetings, sent by the worker (``sendsupport db_worker``) before the meeting.

The reminder is enqueued with ``run_after`` when the meeting is confirmed or moved. At run time it
checks again that the meeting is still confirmed for the time it was scheduled for: a meeting since
moved (its ``sequence`` went up, and a new reminder was enqueued) or cancelled sends nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

# How long before a meeting the parents are reminded of it.
REMINDER_BEFORE = timedelta(days=2)


@task()
def send_meeting_reminder(planned_id: int, sequence: int, base_url: str) -> str:
    """Email each invited parent a reminder, if the meeting is still as it was when this was scheduled."""
    from sendsupport.core.outbox import queue_email
    from sendsupport.meetings import emails
    from sendsupport.meetings.models import PlannedMeeting

    with transaction.atomic():
        planned = (
            PlannedMeeting.objects.select_related("pupil", "pupil__school")
            .prefetch_related("invited")
            .filter(pk=planned_id)
            .first()
        )
        if planned is None or planned.status != PlannedMeeting.Status.CONFIRMED:
            return "not sent: the meeting is cancelled or no longer planned"
        if planned.sequence != sequence:
            return "not sent: the meeting was moved (its own reminder is scheduled)"
        if planned.starts_at <= timezone.now():
            return "not sent: the meeting has started"
        sent = 0
        for contact in planned.invited.all():
            if not contact.email:
                continue
            subject, body = emails.reminder(planned, contact, base_url)
            queue_email(
                to=contact.email,
                subject=subject,
                body=body,
                about="Meeting reminder",
                about_key=f"planned-meeting:{planned.pk}",
            )
            sent += 1
    return f"reminded {sent}"


def schedule_reminder(planned, *, base_url: str) -> bool:
    """Enqueue the reminder after the current transaction commits. Needs a queue that can wait
    (the database backend): the immediate backend of tests would send it at once, so nothing is
    scheduled there, nor when the reminder time has already passed (the invitation has just gone)."""
    backend = task_backends[send_meeting_reminder.backend]
    run_after = planned.starts_at - REMINDER_BEFORE
    if not backend.supports_defer or run_after <= timezone.now():
        return False
    planned_id, sequence = planned.pk, planned.sequence
    transaction.on_commit(
        lambda: send_meeting_reminder.using(run_after=run_after).enqueue(planned_id, sequence, base_url)
    )
    return True
