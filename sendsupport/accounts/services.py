"""Creating accounts, inviting people and accepting invitations. Writes only.

An invitation never links anything to an existing account by itself: the email goes to the address,
and only the person who follows the link (a newcomer choosing a password, or the signed-in holder of
the account with that address) completes it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sendsupport.accounts.models import Invitation, User
from sendsupport.core.outbox import queue_email
from sendsupport.schools.models import Group, Role, School, StaffMembership

INVITATION_LIFETIME = timedelta(days=7)


def hash_invitation_token(token: str) -> str:
    """SHA-256 is enough: the token is 256 random bits, not a password a person chose."""
    return hashlib.sha256(token.encode()).hexdigest()


def account_for_email(email: str) -> User | None:
    """The one account with this address (addresses are unique, ignoring case), or None."""
    return User.objects.filter(email__iexact=email).first() if email else None


def invitation_link(*, token: str, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("accept_invitation", kwargs={"token": token})


def send_invitation(*, invitation: Invitation, token: str, base_url: str, invited_as: str) -> None:
    """Email the one-time link. The one function every invitation email goes through."""
    if not invitation.email:
        raise ValidationError({"email": "Enter an email address so we can send the invitation."})
    existing = account_for_email(invitation.email)
    context = {
        "invitation": invitation,
        "school": invitation.school,
        "invited_as": invited_as,
        "link": invitation_link(token=token, base_url=base_url),
        "has_account": existing is not None and existing.has_usable_password(),
        "username": existing.username if existing else proposed_username(invitation),
        "days": INVITATION_LIFETIME.days,
    }
    # Sent by the worker once the invitation's transaction commits; the staff and parent pages show the outcome.
    queue_email(
        to=invitation.email,
        subject=f"You have been invited to sendsupport at {invitation.school.name}",
        body=render_to_string("accounts/email/invitation.txt", context),
        about="Invitation",
        about_key=f"invitation:{invitation.pk}",
    )


def unique_username(email: str, first_name: str, last_name: str) -> str:
    base = re.sub(r"[^a-z0-9.]", "", f"{first_name}.{last_name}".lower()) or email.split("@")[0].lower()
    base = base.strip(".") or "user"
    username, counter = base, 1
    while User.objects.filter(username=username).exists():
        counter += 1
        username = f"{base}{counter}"
    return username


def proposed_username(invitation: Invitation) -> str:
    return unique_username(invitation.email, invitation.first_name, invitation.last_name)


def _new_invitation(**fields: Any) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation(
        token_hash=hash_invitation_token(token), created_at=now, expires_at=now + INVITATION_LIFETIME, **fields
    )
    invitation.full_clean(exclude=["contact"])
    invitation.save()
    return invitation, token


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
) -> Invitation:
    """Invite someone to work at the school. The role is given when they accept the link."""
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role from the list."})
    if not email:
        raise ValidationError({"email": "Enter an email address so we can send the invitation."})
    existing = account_for_email(email)
    if existing and StaffMembership.objects.filter(user=existing, school=school, role=role).exists():
        raise ValidationError({"email": f"{existing} already has the role {Role(role).label} at this school."})
    if groups:
        _check_groups(school, groups)
    invitation, token = _new_invitation(
        kind=Invitation.Kind.STAFF,
        email=email,
        school=school,
        first_name=first_name,
        last_name=last_name,
        role=role,
        job_title=job_title,
        invited_by=by,
    )
    if groups:
        invitation.groups.set(groups)
    send_invitation(invitation=invitation, token=token, base_url=base_url, invited_as=Role(role).label)
    return invitation


@transaction.atomic
def invite_parent(*, contact: Any, by: Any, base_url: str) -> Invitation:
    """Invite a parent or carer to see their children. ``contact`` is the school's record of them;
    the caller checks they hold parental responsibility (checked again on acceptance)."""
    if not contact.email:
        raise ValidationError({"email": "Add the parent's email address first, so we can send the invitation."})
    invitation, token = _new_invitation(
        kind=Invitation.Kind.PARENT,
        email=contact.email,
        school=contact.school,
        first_name=contact.first_name,
        last_name=contact.last_name,
        contact=contact,
        invited_by=by,
    )
    send_invitation(invitation=invitation, token=token, base_url=base_url, invited_as="parent or carer")
    return invitation


def find_invitation(token: str) -> Invitation | None:
    """The invitation this link's token belongs to, used or not, or None."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("school", "contact").filter(token_hash=hash_invitation_token(token)).first()
    )


class InvitationUnusable(Exception):
    """The link has been used or has expired: nothing was changed."""


def _claim(invitation: Invitation) -> Invitation:
    """Lock the row and check the link still works, so two clicks at once cannot both accept it."""
    locked = Invitation.objects.select_for_update(of=("self",)).select_related("school", "contact").get(pk=invitation.pk)
    if not locked.usable():
        raise InvitationUnusable
    return locked


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Invitation:
    """The signed-in holder of the invited address accepts: link the child, or give the role."""
    invitation = _claim(invitation)
    if not user.is_authenticated or not user.is_active or (user.email or "").lower() != invitation.email.lower():
        raise ValidationError(
            {"invitation": "This invitation was sent to a different email address from the one on your account."}
        )
    _complete(invitation, user)
    return invitation


@transaction.atomic
def accept_invitation_with_new_password(*, invitation: Invitation, password: str) -> User:
    """A newcomer (or an account that never had a password) chooses a password; the link is then accepted."""
    invitation = _claim(invitation)
    user = account_for_email(invitation.email)
    if user is not None and user.has_usable_password():
        raise ValidationError({"invitation": "This address already has an account: sign in, then follow the link."})
    if user is None:
        user = User(
            username=proposed_username(invitation),
            first_name=invitation.first_name,
            last_name=invitation.last_name,
            email=invitation.email,
        )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    _complete(invitation, user)
    return user


def _complete(invitation: Invitation, user: User) -> None:
    if invitation.kind == Invitation.Kind.STAFF:
        membership, created = StaffMembership.objects.get_or_create(
            user=user, school=invitation.school, role=invitation.role, defaults={"job_title": invitation.job_title}
        )
        if not created and not membership.active:
            membership.active = True
            membership.save(update_fields=["active"])
        user.teaching_groups.add(*invitation.groups.all())
    else:
        contact = invitation.contact
        # Responsibility may have been taken away since the email went out: then the link links nothing.
        if contact is None or not contact.pupil_links.filter(parental_responsibility=True).exists():
            raise ValidationError(
                {"invitation": "This invitation can no longer be used. Ask the school's SENCO for a new one."}
            )
        if contact.user_id not in (None, user.pk):
            raise ValidationError(
                {"invitation": "This parent's record is already linked to another account. Ask the school's SENCO."}
            )
        contact.user = user
        contact._history_user = user
        contact.save()
    invitation.used_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["used_at", "accepted_by"])


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
