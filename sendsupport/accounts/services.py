"""Creating accounts and inviting people to set their own password. Writes only."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sendsupport.accounts.models import User
from sendsupport.core.outbox import queue_email
from sendsupport.schools.models import Group, Role, School, StaffMembership


def invitation_link(*, user: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("set_password", kwargs={"uidb64": uid, "token": token})


def send_invitation(*, user: User, base_url: str, school: School, invited_as: str) -> None:
    """Email a one-time link that lets the person choose a password and sign in."""
    if not user.email:
        raise ValidationError({"email": "Enter an email address so we can send the invitation."})
    context = {
        "user": user,
        "school": school,
        "invited_as": invited_as,
        "link": invitation_link(user=user, base_url=base_url),
    }
    # Sent by the worker once the invitation's transaction commits; the staff page shows the outcome.
    queue_email(
        to=user.email,
        subject=f"You have been invited to sendsupport at {school.name}",
        body=render_to_string("accounts/email/invitation.txt", context),
        about="Invitation",
        about_key=f"user:{user.pk}",
    )


def unique_username(email: str, first_name: str, last_name: str) -> str:
    base = re.sub(r"[^a-z0-9.]", "", f"{first_name}.{last_name}".lower()) or email.split("@")[0].lower()
    username, counter = base, 1
    while User.objects.filter(username=username).exists():
        counter += 1
        username = f"{base}{counter}"
    return username


@transaction.atomic
def invite_staff(
    *,
    school: School,
    by: Any,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    job_title: str = "",
    groups: list[Group] | None = None,
    base_url: str,
) -> StaffMembership:
    """Add a member of staff to the school, creating their account if they have none."""
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role from the list."})
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is None:
        user = User(
            username=unique_username(email, first_name, last_name),
            first_name=first_name,
            last_name=last_name,
            email=email,
        )
        user.set_unusable_password()
        user.save()
    if StaffMembership.objects.filter(user=user, school=school, role=role).exists():
        raise ValidationError({"email": f"{user} already has the role {Role(role).label} at this school."})
    membership = StaffMembership.objects.create(user=user, school=school, role=role, job_title=job_title)
    if groups:
        _check_groups(school, groups)
        user.teaching_groups.add(*groups)
    if not user.has_usable_password():
        send_invitation(user=user, base_url=base_url, school=school, invited_as=Role(role).label)
    return membership


def _check_groups(school: School, groups: list[Group]) -> None:
    if any(group.school_id != school.pk for group in groups):
        raise ValidationError({"groups": "Choose groups from this school only."})


@transaction.atomic
def update_staff(
    *, membership: StaffMembership, by: Any, role: str, job_title: str, active: bool, groups: list[Group]
) -> StaffMembership:
    school = membership.school
    if by == membership.user and not active:
        raise ValidationError({"active": "You cannot remove your own access."})
    clash = StaffMembership.objects.filter(user=membership.user, school=school, role=role).exclude(pk=membership.pk)
    if clash.exists():
        raise ValidationError({"role": f"{membership.user} already has the role {Role(role).label} here."})
    _check_groups(school, groups)
    membership.role = role
    membership.job_title = job_title
    membership.active = active
    membership.save()
    other_groups = membership.user.teaching_groups.exclude(school=school)
    membership.user.teaching_groups.set(list(other_groups) + list(groups))
    return membership
