"""Reads about accounts: the invitations a school has sent that nobody has accepted yet."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from sendsupport.accounts.models import Invitation
from sendsupport.schools.models import School


def pending_staff_invitations(school: School) -> QuerySet[Invitation]:
    """Staff invitations to ``school`` neither accepted nor expired, newest first."""
    return Invitation.objects.filter(
        school=school, kind=Invitation.Kind.STAFF, used_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at")
