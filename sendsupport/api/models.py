"""API tokens: how a program signs in to the API on a person's behalf."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A bearer token that lets a program call the API as ``user``, with exactly that user's access.

    Only a SHA-256 hash of the secret is kept, so a stolen database does not give working tokens.
    The first characters (``prefix``) are stored in clear so people can tell their tokens apart.
    A revoked token stays listed (with when it was revoked) but never works again. Every token expires
    (a lifetime its owner chose, at most ``settings.API_TOKEN_MAX_DAYS``), and is revoked when its
    owner's password changes.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.name or "").strip():
            errors["name"] = "Enter a name for the token, so you can tell it apart from others."
        if self.revoked_at and self.created_at and self.revoked_at < self.created_at:
            errors["revoked_at"] = "A token cannot be revoked before it was created."
        if errors:
            raise ValidationError(errors)
