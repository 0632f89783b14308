"""The append-only audit log: every view of a pupil's record and every change to pupil data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from sendsupport.accounts.access import school_ids_with_roles
from sendsupport.core.request_id import current_request_id
from sendsupport.schools.models import REGISTER_MANAGERS


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit entry. The database refuses it too:
    triggers on the table (migration 0002) stop an UPDATE or DELETE however it is sent."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002 - the log is append-only
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def visible_to(self, user: Any) -> AuditEventQuerySet:
        """Entries of the schools whose log the user reads (SENCOs and heads: ``view_school_audit``)."""
        return self.filter(school_id__in=school_ids_with_roles(user, REGISTER_MANAGERS))


class AuditEvent(models.Model):
    """Who did what to which pupil's record, and when. Rows are only ever added.

    Foreign keys carry no database constraint so the log outlives the rows it describes
    (for example after a record is securely deleted at the end of its retention period).
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        CREATED = "created", "Added"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"
        EXPORTED = "exported", "Exported"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Every entry written pays for each index, and a list page writes one entry per child shown (50 on
    # the register): no page asks for one person's entries or one request's, so neither has an index
    # (with them, the register's 50 entries took a third longer to write on PostgreSQL).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        db_index=False,
    )
    actor_name = models.CharField(max_length=150, blank=True)
    # No index of their own: each leads an index in Meta.
    school = models.ForeignKey(
        "schools.School", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+", db_index=False
    )
    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+", db_index=False
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=list, blank=True)
    # The request that wrote it (one action's several events share it); empty outside a request.
    request_id = models.UUIDField(null=True, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["school", "-at"]),
            models.Index(fields=["pupil", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or 'system'} {self.action} {self.summary}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        if self.request_id is None:
            self.request_id = current_request_id()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")
