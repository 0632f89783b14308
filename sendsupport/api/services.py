"""Creating, checking and revoking API tokens. The secret is shown once and never stored."""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from sendsupport.accounts.access import MEMO_ATTR, memoised_schools, remember_standing
from sendsupport.api.models import ApiToken
from sendsupport.core import prepared, rows
from sendsupport.pupils.models import Contact
from sendsupport.schools.models import LocalAuthorityMembership, StaffMembership

TOKEN_START = "ss"  # noqa: S105 - the visible start of every token, not a secret
# Recording every call's time would mean a write per request; a minute's precision is enough.
LAST_USED_PRECISION = timedelta(minutes=1)
_PREFIX = re.compile(r"[0-9a-f]{8}")
# The lifetimes a person may pick; those beyond the installation's maximum are not offered.
LIFETIME_CHOICES_DAYS = (7, 30, 90)
DEFAULT_LIFETIME_DAYS = 30


def max_lifetime_days() -> int:
    return settings.API_TOKEN_MAX_DAYS


def lifetime_choices() -> list[int]:
    """The lifetimes offered: the usual ones up to the maximum, and the maximum itself if it is shorter."""
    most = max_lifetime_days()
    return [days for days in LIFETIME_CHOICES_DAYS if days <= most] or [most]


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
def create_token(*, user: Any, name: str, days: int = DEFAULT_LIFETIME_DAYS) -> tuple[ApiToken, str]:
    """Make a token for ``user`` that works for ``days``; return it with the full token text, shown once.

    The website asks for the password again before calling this (``api.forms.TokenForm``).
    """
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token, so you can tell it apart from others."})
    if len(name) > 100:
        raise ValidationError({"name": "The name must be 100 characters or fewer."})
    if user is None or not user.is_active:
        raise ValidationError({"user": "Tokens can only be made for an active account."})
    most = max_lifetime_days()
    if not isinstance(days, int) or days < 1 or days > most:
        raise ValidationError({"days": f"Choose how long the token works: from 1 to {most} days."})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=days)
    token = ApiToken(user=user, name=name, prefix=prefix, key_hash=hash_secret(secret), expires_at=expires_at)
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


@transaction.atomic
def revoke_all_for(*, user: Any, now: datetime | None = None) -> int:
    """Revoke every live token of ``user`` (their password changed); returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now or timezone.now())


def revoke_tokens_on_password_change(sender: Any, user: Any, **kwargs: Any) -> None:
    """A new password ends every token made under the old one: a borrowed session's token dies with it."""
    revoke_all_for(user=user)


def _access_not_ended(user: Any) -> bool:
    """The owner still holds a role (staff, LA officer, or parent of a child on record), or never held
    one (a token of someone with no role sees nothing anyway). Access that ended (every membership
    switched off, the link to the child removed) ends the token's too, at its next call.

    Staff, most of the API's callers, are answered from the roles the request reads anyway; the
    others in one query.
    """
    schools = memoised_schools(user)
    if schools if schools is not None else StaffMembership.objects.filter(user=user, active=True).exists():
        return True
    owner = OuterRef("pk")
    found = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            officer=Exists(LocalAuthorityMembership.objects.filter(user=owner, active=True)),
            parent=Exists(Contact.objects.filter(user=owner, pupil_links__isnull=False)),
            was_staff=Exists(StaffMembership.objects.filter(user=owner, active=False)),
            was_officer=Exists(LocalAuthorityMembership.objects.filter(user=owner, active=False)),
            was_contact=Exists(Contact.objects.filter(user=owner)),
        )
        .values("officer", "parent", "was_staff", "was_officer", "was_contact")
        .get()
    )
    # The same query answers the navigation's questions: linked to a pupil's contact, an LA officer.
    remember_standing(user, parent=found["was_contact"], la_officer=found["officer"])
    holds_a_role = found["officer"] or found["parent"]
    had_a_role = found["was_staff"] or found["was_officer"] or found["was_contact"]
    return holds_a_role or not had_a_role


def _live_token(key_hash: str, prefix: str, now: datetime) -> ApiToken | None:
    """The token with this hash and prefix, not revoked or expired, of an active user, with the user.
    Written as SQL once per process: every API call asks it, and the ORM took longer to build the
    query than the database to answer it."""
    users = get_user_model()
    with prepared.cursor() as cursor:
        cursor.execute(_live_token_sql(), [key_hash, prefix, connection.ops.adapt_datetimefield_value(now), True])
        row = cursor.fetchone()
    if row is None:
        return None
    width = rows.width(ApiToken)
    token = rows.instance(ApiToken, row[:width])
    ApiToken.user.field.set_cached_value(token, rows.instance(users, row[width:]))
    return token


@functools.cache
def _live_token_sql() -> str:
    users, tokens = get_user_model()._meta, ApiToken._meta
    quote = connection.ops.quote_name

    def token_column(name: str) -> str:
        return f"t.{quote(tokens.get_field(name).column)}"

    # Names come from the models, never from input; the hash, prefix, time and flag are parameters.
    return (
        f"SELECT {rows.columns(ApiToken, 't')}, {rows.columns(get_user_model(), 'u')} "  # noqa: S608
        f"FROM {quote(tokens.db_table)} t JOIN {quote(users.db_table)} u "
        f"ON u.{quote(users.pk.column)} = {token_column('user')} "
        f"WHERE {token_column('key_hash')} = %s AND {token_column('prefix')} = %s "
        f"AND {token_column('revoked_at')} IS NULL AND {token_column('expires_at')} > %s "
        f"AND u.{quote(users.get_field('is_active').column)} = %s ORDER BY t.{quote(tokens.pk.column)} LIMIT 1"
    )


def authenticate(raw: str, *, now: datetime | None = None, memo: dict | None = None) -> ApiToken | None:
    """The live token for this text, with its user, or None: unknown, revoked, expired, the user is
    switched off, or the roles they held have all ended. ``memo`` (a request's) goes on the user
    before their roles are read, so the request reads them once."""
    parts = split_token(raw)
    if parts is None:
        return None
    prefix, secret = parts
    now = now or timezone.now()
    token = _live_token(hash_secret(secret), prefix, now)
    if token is None:
        return None
    if memo is not None:
        setattr(token.user, MEMO_ATTR, memo)
    if not _access_not_ended(token.user):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
