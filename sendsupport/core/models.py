"""What the whole product shares: the record of every email it sends."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutboundEmail(models.Model):
    """One email sendsupport sends (a letter to parents, an invitation), and what became of it.

    It is written in the same transaction as the change that caused it and sent afterwards by the
    worker (``sendsupport.core.outbox``), so a rolled-back change sends nothing and a failed send
    rolls nothing back; the user sees "sent on …" or "failed: reason" from this row.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField("To", max_length=254)
    subject = models.CharField(max_length=300)
    # Kept only until the email is sent: the letter's words live in the record that caused it.
    body = models.TextField(blank=True)
    from_email = models.CharField(max_length=300, blank=True)
    # What the email is about, in words ("SEN support letter", "Invitation"), and an opaque key
    # ("user:12", "notification:5") so the page that caused it can find it again.
    about = models.CharField("What it is about", max_length=100)
    about_key = models.CharField(max_length=60, blank=True, db_index=True)
    # One optional text attachment (a calendar invitation): its file name, MIME type and text.
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField("Why it failed", blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_tried_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.about} to {self.to} ({self.get_status_display()})"

    @property
    def outcome(self) -> str:
        """The outcome in the words a page shows."""
        if self.status == self.Status.SENT and self.sent_at:
            return f"Email sent on {timezone.localtime(self.sent_at):%-d %B %Y at %H:%M}"
        if self.status == self.Status.FAILED:
            return f"Email failed: {self.reason}"
        if self.attempts:
            return f"Email not sent yet (tried {self.attempts} time{'s' if self.attempts != 1 else ''}: {self.reason})"
        return "Email waiting to be sent"
