"""System checks of our own settings, run by ``manage.py check`` (and ``check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

# Domain labels reserved for examples and tests (RFC 2606): nobody can reply to such an address.
PLACEHOLDER_LABELS = frozenset({"invalid", "example", "localhost", "test"})


def is_placeholder_address(address: str) -> bool:
    """True when an email address (optionally "Name <address>") is empty or a placeholder."""
    address = (address or "").strip()
    if "<" in address and address.endswith(">"):
        address = address.rsplit("<", 1)[1][:-1].strip()
    if "@" not in address:
        return True
    labels = address.rsplit("@", 1)[1].lower().split(".")
    return not all(labels) or bool(PLACEHOLDER_LABELS & set(labels))


@checks.register(checks.Tags.security, deploy=True)
def check_sender_address(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """In production, emails to parents and staff must come from the school's real address."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    if is_placeholder_address(settings.DEFAULT_FROM_EMAIL):
        return [
            checks.Error(
                f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}, a placeholder: emails to parents and "
                "staff would come from an address nobody can reply to.",
                hint="Set DEFAULT_FROM_EMAIL to the school's or trust's sending address, for example "
                "'Oak Primary SEN <senco@oak-primary.sch.uk>'.",
                id="sendsupport.E001",
            )
        ]
    return []
