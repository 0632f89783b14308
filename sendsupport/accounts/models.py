"""People who sign in, and invitations to sign in. What people may do comes from their memberships."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from sendsupport.schools.models import Group, Role, School


class User(AbstractUser):
    """A person who signs in: staff, parent or carer, governor, LA officer or system administrator.

    ``is_superuser`` marks a system administrator, who works in the Django admin. An email address
    belongs to one account at most (ignoring case): invitations go by address, so two accounts with
    one address would let an invitation reach the wrong person.
    """

    email = models.EmailField("email address", blank=True)

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="unique_user_email_ignoring_case",
                violation_error_message="Another account already uses this email address.",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # ``set_password`` leaves the new raw password in ``_password`` until the next save.
        changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if changed:
            from sendsupport.accounts.signals import password_changed

            password_changed.send(sender=type(self), user=self)


class Invitation(models.Model):
    """A one-time link emailed to an address: to join a school as staff, or to see a child as their parent.

    Only a SHA-256 hash of the link's secret is kept. Nothing is linked until the link is followed:
    by a newcomer choosing a password (the account is made then), or by the holder of the account
    with this address, signed in. A used or expired link changes nothing.
    """

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        PARENT = "parent", "Parent or carer"

    token_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    email = models.EmailField()
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="invitations")
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    # Staff invitations: the role, job title and groups given when the link is accepted.
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    job_title = models.CharField(max_length=100, blank=True)
    groups = models.ManyToManyField(Group, blank=True, related_name="+")
    # Parent invitations: the school's record of this parent, linked to the account on acceptance.
    contact = models.ForeignKey(
        "pupils.Contact", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation to {self.email} ({self.get_kind_display()}, {self.school})"

    def usable(self, now=None) -> bool:
        return self.used_at is None and (now or timezone.now()) < self.expires_at


class UserSession(AbstractBaseSession):
    """A browser's signed-in session: Django's database session, with whose it is beside it.

    ``user`` is written from the session's own data each time it is saved (``accounts.sessions``),
    never from anything the browser sends, so the session and its user are read in one statement on
    every signed-in request. Deleting an account deletes its sessions. The database does not hold the
    two together: a session is saved with the id its data names, which need not be an account's any
    more by the time it is written (the read joins, and finds nobody).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+", db_constraint=False
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = "signed-in session"
        verbose_name_plural = "signed-in sessions"

    @classmethod
    def get_session_store_class(cls) -> type:
        from sendsupport.accounts.sessions import SessionStore

        return SessionStore
