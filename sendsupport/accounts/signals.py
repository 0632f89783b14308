"""Signals other apps listen to, so accounts need not know them (apps above accounts connect here)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``user`` after an existing account's password was changed and saved, by any route:
# the change-password page, an invitation, the admin or ``changepassword``. The API revokes tokens.
password_changed = Signal()
