"""Signing in with a username and password, and signing out (a POST, never a link)."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from conftest import PASSWORD
from sendsupport.accounts.tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_it_signs_in_with_the_right_password_and_goes_home(senco, client):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in page.content.decode()
    response = sign_in(client, "senco", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert int(client.session[SESSION_KEY]) == senco.pk
    assert "Hello, Senco" in client.get(reverse("home")).content.decode()


def test_a_wrong_password_is_refused_in_plain_english(senco, client):
    response = sign_in(client, "senco", "wrong-password")
    assert response.status_code == 400
    assert "The username or password is not right." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_signed_out_visitors_are_sent_to_sign_in_and_brought_back(senco, pupil, client):
    url = reverse("pupils:detail", args=[pupil.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    back = client.post(reverse("login"), {"username": "senco", "password": PASSWORD, "next": url})
    assert back["Location"] == url


def test_it_never_sends_people_to_another_site_after_sign_in(senco, client):
    response = client.post(
        reverse("login"), {"username": "senco", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_sign_out_is_a_post_that_ends_the_session(senco, client):
    sign_in(client, "senco", PASSWORD)
    assert client.get(reverse("logout")).status_code == 405
    assert SESSION_KEY in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_every_page_offers_sign_out_as_a_form(senco, login):
    html = login(senco).get(reverse("home")).content.decode()
    assert f'<form class="app-inline-form" method="post" action="{reverse("logout")}">' in html


def test_a_switched_off_account_cannot_sign_in(senco, client):
    senco.is_active = False
    senco.save()
    response = sign_in(client, "senco", PASSWORD)
    assert response.status_code == 400
    assert SESSION_KEY not in client.session
