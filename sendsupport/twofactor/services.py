"""Setting up, using and turning off two-factor sign-in. Every change is audited."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.schools.models import StaffMembership
from sendsupport.twofactor.selectors import APP_DEVICE, RECOVERY_DEVICE, app_device, required_for

RECOVERY_CODE_COUNT = 10
WRONG_CODE = "The code is wrong, has been used already, or has run out. Check your app and enter the newest code."


def normalise(code: str) -> str:
    """What people type: spaces or dashes between groups, capitals. Codes are compared without them."""
    return re.sub(r"[\s-]", "", code or "").lower()


def _audit(*, user: Any, action: str, summary: str) -> None:
    """One entry in the log of each school the person works at, so its SENCO and head see it."""
    school_ids = sorted(set(StaffMembership.objects.filter(user=user, active=True).values_list("school_id", flat=True)))
    for school_id in school_ids or [None]:
        record_change(
            user=user,
            school_id=school_id,
            pupil_id=None,
            action=action,
            object_type="two-factor sign-in",
            object_id=str(user.pk),
            summary=f"{user.get_username()}: {summary}",
            changes=[],
        )


@transaction.atomic
def start_set_up(*, user: Any) -> TOTPDevice:
    """A new secret for the authenticator app, not yet in use until a code from it is entered."""
    device = app_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    return device


def _replace_recovery_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def confirm_set_up(*, user: Any, device: TOTPDevice, code: str) -> list[str]:
    """Check the first code from the app; when right, the app is in use and 10 recovery codes are made.

    Returns the recovery codes: they are shown once and never again.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(normalise(code)):
        raise ValidationError({"code": WRONG_CODE})
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    _audit(user=user, action=AuditEvent.Action.CREATED, summary="set up two-factor sign-in and 10 recovery codes")
    return codes


@transaction.atomic
def new_recovery_codes(*, user: Any) -> list[str]:
    """Replace every recovery code (used or not) with 10 new ones."""
    if app_device(user) is None:
        raise ValidationError("Set up two-factor sign-in first.")
    codes = _replace_recovery_codes(user)
    _audit(
        user=user, action=AuditEvent.Action.CHANGED, summary="made 10 new recovery codes; the old ones no longer work"
    )
    return codes


@transaction.atomic
def turn_off(*, user: Any) -> None:
    """Remove the app and the recovery codes. Refused for people who must use a second factor."""
    if required_for(user):
        raise ValidationError("Two-factor sign-in is required for your role, so it cannot be turned off.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit(user=user, action=AuditEvent.Action.DELETED, summary="turned off two-factor sign-in")


def check_code(*, user: Any, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts ``code`` (an app code, or a recovery code, which is then used up), or None.

    A code the app gave before, once accepted, is refused: django-otp remembers the last time step used.
    """
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        if len(code) == 6 and code.isascii() and code.isdigit():  # the app's codes; recovery codes have 8 letters
            for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if device.verify_token(code):
                    return device
            return None
        for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                left = device.token_set.count()
                _audit(
                    user=user,
                    action=AuditEvent.Action.CHANGED,
                    summary=f"signed in with a recovery code ({left} left)",
                )
                return device
    return None
