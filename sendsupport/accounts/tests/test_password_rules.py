"""Passwords must be long and not common; the set-password page says so and keeps the old state."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from sendsupport.accounts.services import invite_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(school, senco):
    """An invitation to a newcomer: the account is made when they choose a good password."""
    return invite_staff(
        school=school,
        by=senco,
        first_name="New",
        last_name="Bie",
        email="newbie@example.org",
        role="ta",
        base_url="http://testserver",
    )


def open_form(client: Client, invitation) -> str:
    from sendsupport.accounts.tests.helpers import invitation_for

    _, link = invitation_for(invitation.email)
    assert client.get(link).status_code == 200
    return link


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("short1", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("830174659201", "This password is entirely numeric."),
    ],
)
def test_a_weak_password_is_refused_on_the_set_password_page(invited, client, password, words, django_user_model):
    url = open_form(client, invited)
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not django_user_model.objects.filter(email="newbie@example.org").exists()


def test_two_different_passwords_are_refused(invited, client):
    url = open_form(client, invited)
    response = client.post(url, {"new_password1": "plum-tractor-lantern", "new_password2": "plum-tractor-lanterns"})
    assert response.status_code == 400
    assert "fields didn’t match" in response.content.decode()


def test_a_good_password_is_accepted(invited, client, django_user_model):
    url = open_form(client, invited)
    response = client.post(url, {"new_password1": "plum-tractor-lantern", "new_password2": "plum-tractor-lantern"})
    assert response.status_code == 302
    user = django_user_model.objects.get(email="newbie@example.org")
    assert user.check_password("plum-tractor-lantern")


def test_a_tampered_link_is_refused(invited, client):
    response = client.get("/invitation/not-a-token/")
    assert response.status_code == 410
    assert "This link has expired or has already been used" in response.content.decode()


def test_changing_a_password_applies_the_same_rules(senco, login):
    client = login(senco)
    response = client.post(
        reverse("change_password"), {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}
    )
    assert response.status_code == 400
    assert "at least 12 characters" in response.content.decode()
    senco.refresh_from_db()
    assert senco.check_password(PASSWORD)


@pytest.mark.parametrize("persona", ["senco", "head", "teacher", "ta", "parent", "governor", "la_officer", "stranger"])
def test_the_change_password_page_has_a_heading_for_everyone(persona, personas, login):
    html = login(personas[persona]).get(reverse("change_password")).content.decode()
    assert '<h1 class="govuk-heading-l">Change your password</h1>' in html
    assert "Change password</button>" in html


def test_signed_out_visitors_are_sent_to_sign_in_for_the_password_page(client):
    response = client.get(reverse("change_password"))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
