"""Who must use two-factor sign-in, and what second factors a person has set up."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendsupport.accounts.access import STAFF_ROLES, is_la_officer, school_ids_with_roles
from sendsupport.schools.models import REGISTER_MANAGERS, SchoolPolicy

# The names the devices are saved under, so the account page can tell them apart from any made in the admin.
APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


def required_for(user: Any) -> bool:
    """Whether this installation makes ``user`` set up a second factor before seeing anything.

    SENCOs, heads, LA officers and administrators always (they see or manage many children's
    records); every member of staff at a school that asks for it on its settings page. Nobody when
    ``TWO_FACTOR_REQUIRED`` is off (development and tests, unless a test turns it on).
    """
    if not settings.TWO_FACTOR_REQUIRED or user is None or not user.is_authenticated:
        return False
    if user.is_superuser or is_la_officer(user):
        return True
    if school_ids_with_roles(user, REGISTER_MANAGERS).exists():
        return True
    return SchoolPolicy.objects.filter(
        school_id__in=school_ids_with_roles(user, STAFF_ROLES), staff_two_factor=True
    ).exists()


def app_device(user: Any, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def has_second_factor(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def recovery_device(user: Any) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()
