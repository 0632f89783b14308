"""The one way sendsupport sends email: record it, then send it from the worker after commit.

``queue_email`` writes an :class:`OutboundEmail` row inside the caller's transaction and asks
for the ``deliver_email`` task once that transaction commits, so nothing is sent from inside a
transaction and nothing is sent for a change that was rolled back. The task sends through
Django's email backend and records "sent" or the reason it failed; a failed send is tried again
later (django-tasks has no retry of its own, so the task enqueues itself with ``run_after``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from sendsupport.core.models import OutboundEmail

MAX_ATTEMPTS = 3
# Waits before the second and third tries: long enough for a mail server to come back.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10))


def queue_email(
    *,
    to: str,
    subject: str,
    body: str,
    about: str,
    about_key: str = "",
    attachment: tuple[str, str, str] | None = None,
) -> OutboundEmail:
    """Record an email and send it once the current transaction commits.

    ``attachment`` is one text file to attach: (file name, MIME type, text), for example a calendar
    invitation ("meeting.ics", "text/calendar; method=REQUEST", "BEGIN:VCALENDAR...").
    """
    name, mimetype, content = attachment or ("", "", "")
    email = OutboundEmail.objects.create(
        to=to,
        subject=subject[:300],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        about=about[:100],
        about_key=about_key[:60],
        attachment_name=name[:100],
        attachment_type=mimetype[:100],
        attachment=content,
    )
    email_id = email.pk
    transaction.on_commit(lambda: deliver_email.enqueue(email_id))
    return email


def latest_for(about_key: str) -> OutboundEmail | None:
    """The newest email about ``about_key`` ("user:12"), for the page that shows its outcome."""
    return OutboundEmail.objects.filter(about_key=about_key).first()


def latest_for_keys(keys: list[str]) -> dict[str, OutboundEmail]:
    """The newest email about each key, in one query."""
    found: dict[str, OutboundEmail] = {}
    for email in OutboundEmail.objects.filter(about_key__in=keys):  # newest first
        found.setdefault(email.about_key, email)
    return found


def _reason(error: Exception) -> str:
    words = str(error).strip() or type(error).__name__
    return words[:500]


@task()
def deliver_email(email_id: int) -> str:
    """Send one recorded email; record the outcome; on failure try again later, up to MAX_ATTEMPTS."""
    # No transaction is held while the mail server is talked to: on SQLite that would stop every
    # other write. The worker runs each task once at a time, so the row is not sent twice.
    email = OutboundEmail.objects.filter(pk=email_id).first()
    if email is None or email.status != OutboundEmail.Status.QUEUED:
        return "nothing to send"  # deleted (retention), or already sent by an earlier try
    email.attempts += 1
    email.last_tried_at = timezone.now()
    try:
        message = EmailMessage(email.subject, email.body, email.from_email or None, [email.to])
        if email.attachment_name:
            message.attach(email.attachment_name, email.attachment, email.attachment_type or "text/plain")
        message.send()
    except Exception as error:  # any failure of the mail server or the backend is an outcome to record
        email.reason = _reason(error)
        if email.attempts >= MAX_ATTEMPTS:
            email.status = OutboundEmail.Status.FAILED
            email.save(update_fields=["attempts", "last_tried_at", "reason", "status"])
            return "failed"
        email.save(update_fields=["attempts", "last_tried_at", "reason"])
        _retry(email)
        return "will try again"
    email.status = OutboundEmail.Status.SENT
    email.sent_at = timezone.now()
    email.reason = ""
    email.body = ""  # sent: the words need not be kept twice
    email.attachment = ""
    email.save(update_fields=["attempts", "last_tried_at", "reason", "status", "sent_at", "body", "attachment"])
    return "sent"


def _retry(email: OutboundEmail) -> None:
    delay = RETRY_DELAYS[min(email.attempts, len(RETRY_DELAYS)) - 1]
    backend = task_backends[deliver_email.backend]
    # The immediate backend (tests) cannot wait: it tries again at once.
    again = deliver_email.using(run_after=timezone.now() + delay) if backend.supports_defer else deliver_email
    again.enqueue(email.pk)
