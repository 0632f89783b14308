"""Creating, checking and revoking API tokens. The secret is shown once and never stored."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendsupport.api.models import ApiToken

TOKEN_START = "ss"  # noqa: S105 - the visible start of every token, not a secret
# Recording every call's time would mean a write per request; a minute's precision is enough.
LAST_USED_PRECISION = timedelta(minutes=1)
_PREFIX = re.compile(r"[0-9a-f]{8}")


def hash_secret(secret: str) -> str:
    """SHA-256 is enough here: the secret is 256 random bits, not a password a person chose."""
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(raw: str) -> tuple[str, str] | None:
    """``ss_<prefix>_<secret>`` → (prefix, secret), or None if it is not shaped like our tokens."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_START or not _PREFIX.fullmatch(parts[1]) or not parts[2]:
        return None
    return parts[1], parts[2]


@transaction.atomic
def create_token(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; return it with the full token text, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token, so you can tell it apart from others."})
    if len(name) > 100:
        raise ValidationError({"name": "The name must be 100 characters or fewer."})
    if user is None or not user.is_active:
        raise ValidationError({"user": "Tokens can only be made for an active account."})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=prefix, key_hash=hash_secret(secret))
    token.full_clean()
    token.save()
    return token, f"{TOKEN_START}_{prefix}_{secret}"


@transaction.atomic
def revoke_token(*, token: ApiToken, now: datetime | None = None) -> ApiToken:
    """Stop a token working. Revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(raw: str, *, now: datetime | None = None) -> ApiToken | None:
    """The live token for this text, with its user, or None (unknown, revoked, or the user is switched off)."""
    parts = split_token(raw)
    if parts is None:
        return None
    prefix, secret = parts
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_secret(secret), prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
