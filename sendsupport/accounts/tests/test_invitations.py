"""Invitations never link a child or a role to an account by themselves (issue 12, item 2).

The email goes to an address; only the person who follows the link completes it: a newcomer by
choosing a password, or the holder of the account with that address, signed in. Links are one-time
and expire; a used or expired link changes nothing.
"""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sendsupport.accounts.models import Invitation, User
from sendsupport.accounts.tests.helpers import choose_password, invitation_for
from sendsupport.pupils.models import Contact, PupilContact
from sendsupport.pupils.services import give_parent_access
from sendsupport.schools.models import StaffMembership

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "violet-harbour-kettle-4"


def add_parent(pupil, email: str, *, responsibility: bool = True) -> Contact:
    contact = Contact.objects.create(school=pupil.school, first_name="Grace", last_name="Evans", email=email)
    PupilContact.objects.create(
        pupil=pupil, contact=contact, relationship="mother", parental_responsibility=responsibility
    )
    return contact


def invite(contact, senco) -> str:
    give_parent_access(contact=contact, by=senco, base_url="http://testserver")
    return invitation_for(contact.email)[1]


def test_a_typo_that_matches_another_account_links_nothing(senco, pupil, other_parent, login):
    # The SENCO meant grace@…, but typed an address that belongs to another school family's account.
    contact = add_parent(pupil, "OtherParent@example.org")
    link = invite(contact, senco)
    contact.refresh_from_db()
    assert contact.user is None
    assert mail.outbox[-1].to == ["OtherParent@example.org"]
    assert "Sign in with it first" in mail.outbox[-1].body
    # Signed out, the link asks the holder to sign in; nothing is linked by opening it.
    page = Client().get(link)
    assert page.status_code == 200
    assert "Sign in to accept your invitation" in page.content.decode()
    contact.refresh_from_db()
    assert contact.user is None


def test_only_the_signed_in_holder_of_the_address_can_accept(senco, pupil, parent, other_parent, login):
    contact = add_parent(pupil, "otherparent@example.org")
    link = invite(contact, senco)
    someone_else = login(parent)
    assert someone_else.get(link).status_code == 403
    assert someone_else.post(link).status_code == 403
    contact.refresh_from_db()
    assert contact.user is None
    holder = login(other_parent)
    assert holder.get(link).status_code == 200
    assert holder.post(link).status_code == 302
    contact.refresh_from_db()
    assert contact.user == other_parent
    assert holder.get(reverse("pupils:detail", args=[pupil.pk])).status_code == 200


def test_a_newcomer_chooses_a_password_and_the_account_is_made_then(senco, pupil):
    contact = add_parent(pupil, "grace@example.org")
    link = invite(contact, senco)
    assert not User.objects.filter(email__iexact="grace@example.org").exists()
    visitor = Client()
    assert choose_password(visitor, link, NEW_PASSWORD).status_code == 302
    contact.refresh_from_db()
    assert contact.user.email == "grace@example.org"
    assert contact.user.check_password(NEW_PASSWORD)
    invitation = Invitation.objects.get()
    assert invitation.used_at is not None and invitation.accepted_by == contact.user


def test_a_used_link_shows_a_clear_page_and_changes_nothing(senco, pupil):
    contact = add_parent(pupil, "grace@example.org")
    link = invite(contact, senco)
    choose_password(Client(), link, NEW_PASSWORD)
    again = Client().post(link, {"new_password1": "another-long-password", "new_password2": "another-long-password"})
    assert again.status_code == 410
    assert "This link has expired or has already been used" in again.content.decode()
    assert User.objects.get(email="grace@example.org").check_password(NEW_PASSWORD)


def test_an_expired_link_shows_a_clear_page_and_changes_nothing(senco, pupil):
    contact = add_parent(pupil, "grace@example.org")
    link = invite(contact, senco)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert "This link has expired or has already been used" in response.content.decode()
    assert not User.objects.filter(email="grace@example.org").exists()
    contact.refresh_from_db()
    assert contact.user is None


def test_links_expire_after_seven_days_and_only_a_hash_is_kept(senco, pupil):
    contact = add_parent(pupil, "grace@example.org")
    link = invite(contact, senco)
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64


def test_only_a_contact_with_parental_responsibility_can_be_invited(senco, pupil):
    contact = add_parent(pupil, "grace@example.org", responsibility=False)
    with pytest.raises(ValidationError, match="parental responsibility"):
        give_parent_access(contact=contact, by=senco, base_url="http://testserver")
    assert not Invitation.objects.exists() and mail.outbox == []


def test_responsibility_taken_away_before_the_link_is_followed_links_nothing(senco, pupil, other_parent, login):
    contact = add_parent(pupil, "otherparent@example.org")
    link = invite(contact, senco)
    PupilContact.objects.filter(contact=contact).update(parental_responsibility=False)
    response = login(other_parent).post(link)
    assert response.status_code == 400
    assert "can no longer be used" in response.content.decode()
    contact.refresh_from_db()
    assert contact.user is None
    assert Invitation.objects.get().used_at is None


def test_a_staff_invitation_to_an_existing_address_gives_the_role_only_to_its_holder(senco, school, parent, login):
    from sendsupport.accounts.services import invite_staff

    invite_staff(
        school=school,
        by=senco,
        first_name="P",
        last_name="P",
        email="PARENT@example.org",
        role="ta",
        base_url="http://testserver",
    )
    _, link = invitation_for("PARENT@example.org")
    assert not StaffMembership.objects.filter(user=parent).exists()
    assert login(senco).post(link).status_code == 403
    assert not StaffMembership.objects.filter(user=parent).exists()
    assert login(parent).post(link).status_code == 302
    assert StaffMembership.objects.filter(user=parent, school=school, role="ta", active=True).exists()


def test_an_email_address_belongs_to_one_account_whatever_its_capitals(db):
    User.objects.create(username="first", email="same@example.org")
    with pytest.raises(ValidationError, match="Another account already uses this email address"):
        User(username="second", email="SAME@example.org").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="second", email="Same@Example.org")
    # Accounts without an address do not clash.
    User.objects.create(username="third", email="")
    User.objects.create(username="fourth", email="")


class _Rows:
    """Just enough of a queryset for the migration's check, holding rows a database would refuse now."""

    def __init__(self, rows):
        self.rows = rows

    def exclude(self, **kwargs):
        return self

    def values_list(self, *fields):
        return self

    def order_by(self, *fields):
        return self.rows


class _Apps:
    def __init__(self, rows):
        self.model = type("User", (), {"objects": _Rows(rows)})

    def get_model(self, app, name):
        return self.model


def test_the_migration_refuses_to_guess_between_accounts_that_share_an_address():
    migration = importlib.import_module("sendsupport.accounts.migrations.0002_invitations_and_unique_email")
    rows = [(1, "grace", "grace@example.org"), (2, "grace2", "Grace@Example.org"), (3, "ben", "ben@example.org")]
    with pytest.raises(RuntimeError) as refused:
        migration.refuse_duplicate_emails(_Apps(rows), None)
    assert "grace (id 1, grace@example.org); grace2 (id 2, Grace@Example.org)" in str(refused.value)
    assert "ben" not in str(refused.value)
    migration.refuse_duplicate_emails(_Apps(rows[2:]), None)  # no clash: no complaint
