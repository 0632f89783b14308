"""API tokens do not outlive what they stand on (issue 12, item 9): the password is asked again, every
token expires, a password change or an ended role stops it, its last use is shown, and calls are limited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from sendsupport.api import services
from sendsupport.api.models import ApiToken
from sendsupport.schools.models import StaffMembership

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "violet-harbour-kettle-4"


def me(client, secret: str):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})


def test_making_a_token_asks_for_the_password_again(senco, login):
    client = login(senco)
    page = client.get(reverse("api:tokens")).content.decode()
    assert 'type="password"' in page
    for wrong in ({"name": "Reports", "days": "30"}, {"name": "Reports", "days": "30", "password": "not-it"}):
        response = client.post(reverse("api:tokens"), wrong)
        assert response.status_code == 400
        assert "password" in response.content.decode().lower()
    assert ApiToken.objects.count() == 0
    made = client.post(reverse("api:tokens"), {"name": "Reports", "days": "30", "password": PASSWORD})
    assert made.status_code == 200
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("days", [7, 30, 90])
def test_the_person_picks_how_long_the_token_works(days, senco, login):
    client = login(senco)
    client.post(reverse("api:tokens"), {"name": "Reports", "days": str(days), "password": PASSWORD})
    token = ApiToken.objects.get()
    assert abs(token.expires_at - (timezone.now() + timedelta(days=days))) < timedelta(minutes=1)


@override_settings(API_TOKEN_MAX_DAYS=30)
def test_the_installation_maximum_caps_the_lifetime(senco, login):
    client = login(senco)
    page = client.get(reverse("api:tokens")).content.decode()
    assert "90 days" not in page and "30 days" in page
    response = client.post(reverse("api:tokens"), {"name": "Reports", "days": "90", "password": PASSWORD})
    assert response.status_code == 400
    assert "Choose one of the lengths of time listed" in response.content.decode()
    with pytest.raises(ValidationError, match="from 1 to 30 days"):
        services.create_token(user=senco, name="Reports", days=90)
    assert ApiToken.objects.count() == 0


def test_an_expired_token_is_refused_and_shown_as_expired(senco, client, login):
    token, secret = services.create_token(user=senco, name="Reports", days=7)
    assert me(client, secret).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert me(client, secret).status_code == 401
    assert "Expired" in login(senco).get(reverse("api:tokens")).content.decode()


def test_changing_the_password_revokes_every_token(senco, login, client):
    _, first = services.create_token(user=senco, name="One")
    _, second = services.create_token(user=senco, name="Two")
    assert me(client, first).status_code == 200
    response = login(senco).post(
        reverse("change_password"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    client.logout()
    assert me(client, first).status_code == 401
    assert me(client, second).status_code == 401
    assert not ApiToken.objects.filter(user=senco, revoked_at__isnull=True).exists()


def test_a_password_set_any_other_way_revokes_tokens_too(senco, client):
    _, secret = services.create_token(user=senco, name="One")
    senco.set_password(NEW_PASSWORD)  # the admin's form and ``changepassword`` do this
    senco.save()
    assert me(client, secret).status_code == 401


def test_saving_the_account_without_a_new_password_keeps_tokens(senco, client):
    _, secret = services.create_token(user=senco, name="One")
    senco.first_name = "Sam"
    senco.save()
    assert me(client, secret).status_code == 200


def test_a_token_stops_when_the_membership_ends(senco, head, client):
    _, secret = services.create_token(user=head, name="One")
    assert me(client, secret).status_code == 200
    StaffMembership.objects.filter(user=head).update(active=False)
    assert me(client, secret).status_code == 401
    StaffMembership.objects.filter(user=head).update(active=True)
    assert me(client, secret).status_code == 200


def test_a_parents_token_stops_when_the_link_to_their_child_ends(parent, pupil, client):
    _, secret = services.create_token(user=parent, name="One")
    assert me(client, secret).status_code == 200
    pupil.contact_links.all().delete()
    assert me(client, secret).status_code == 401


def test_an_la_officers_token_stops_when_their_membership_ends(la_officer, client):
    from sendsupport.schools.models import LocalAuthorityMembership

    _, secret = services.create_token(user=la_officer, name="One")
    assert me(client, secret).status_code == 200
    LocalAuthorityMembership.objects.filter(user=la_officer).update(active=False)
    assert me(client, secret).status_code == 401


def test_a_token_of_someone_who_never_held_a_role_still_answers(stranger, client):
    _, secret = services.create_token(user=stranger, name="One")
    response = me(client, secret)
    assert response.status_code == 200
    assert response.json()["roles"] == []  # it works, and shows nothing


def test_the_tokens_page_shows_when_each_token_was_last_used(senco, client, login):
    _, secret = services.create_token(user=senco, name="Reports")
    assert "Never" in login(senco).get(reverse("api:tokens")).content.decode()
    client.logout()
    me(client, secret)
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    page = login(senco).get(reverse("api:tokens")).content.decode()
    assert timezone.localtime(token.last_used_at).strftime("%H:%M") in page


@override_settings(API_RATE_PER_TOKEN="3/m")
def test_too_many_calls_get_a_clear_json_429(senco, client):
    _, secret = services.create_token(user=senco, name="Reports")
    _, other = services.create_token(user=senco, name="Other")
    assert [me(client, secret).status_code for _ in range(3)] == [200, 200, 200]
    refused = me(client, secret)
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert refused.json()["detail"].startswith("Too many requests")
    assert int(refused["Retry-After"]) >= 1
    assert me(client, other).status_code == 200  # counted per token


@override_settings(API_RATE_FAILED_SIGN_INS="2/m")
def test_guessing_tokens_is_slowed_down(senco, client):
    assert [me(client, "ss_00000000_guess").status_code for _ in range(2)] == [401, 401]
    refused = me(client, "ss_00000000_guess")
    assert refused.status_code == 429
    assert "Too many requests" in refused.json()["detail"]
