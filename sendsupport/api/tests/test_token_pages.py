"""The API tokens page: staff and LA officers manage their own tokens, see a new one once, revoke; others get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PASSWORD
from sendsupport.api import services
from sendsupport.api.models import ApiToken

PERSONAS = ["senco", "head", "teacher", "ta", "la_officer"]
NOT_OFFERED = ["parent", "other_parent", "governor", "stranger"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_and_la_officers_can_open_their_tokens_page_from_every_page(persona, request, login):
    client = login(request.getfixturevalue(persona))
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 200
    assert b'<h1 class="govuk-heading-l">API tokens</h1>' in response.content
    assert f'href="{reverse("api:tokens")}">API tokens</a>'.encode() in client.get(reverse("home")).content


@pytest.mark.parametrize("persona", NOT_OFFERED)
def test_parents_governors_and_people_with_no_role_are_not_offered_tokens(persona, request, login):
    user = request.getfixturevalue(persona)
    client = login(user)
    assert client.get(reverse("api:tokens")).status_code == 404
    assert (
        client.post(reverse("api:tokens"), {"name": "My script", "days": "30", "password": PASSWORD}).status_code == 404
    )
    assert not ApiToken.objects.filter(user=user).exists()
    assert reverse("api:tokens").encode() not in client.get(reverse("home")).content
    assert reverse("api:tokens").encode() not in client.get(reverse("api:openapi-view")).content


def test_someone_no_longer_offered_tokens_can_still_revoke_an_old_one(parent, login):
    token, _ = services.create_token(user=parent, name="Old script")
    response = login(parent).post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_can_make_and_revoke_their_own_token(persona, request, login):
    user = request.getfixturevalue(persona)
    client = login(user)
    made = client.post(reverse("api:tokens"), {"name": "My script", "days": "30", "password": PASSWORD})
    assert made.status_code == 200
    token = ApiToken.objects.get(user=user)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_signed_out_visitors_are_sent_to_sign_in(senco, client):
    token, _ = services.create_token(user=senco, name="Reports")
    for method, url in (
        ("get", reverse("api:tokens")),
        ("post", reverse("api:tokens")),
        ("post", reverse("api:token_revoke", args=[token.pk])),
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_the_new_token_is_shown_once_and_never_stored(senco, login):
    client = login(senco)
    response = client.post(reverse("api:tokens"), {"name": "Termly report", "days": "30", "password": PASSWORD})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=senco)
    secret = response.context["secret"]
    assert secret.startswith(f"ss_{token.prefix}_")
    assert secret.encode() in response.content
    assert services.authenticate(secret) == token

    listing = client.get(reverse("api:tokens"))
    assert secret.encode() not in listing.content
    assert f"ss_{token.prefix}".encode() in listing.content
    assert b"Termly report" in listing.content
    assert secret.split("_", 2)[2] not in str(client.session.items())


def test_the_list_shows_only_the_persons_own_tokens(senco, teacher, login):
    services.create_token(user=teacher, name="Teacher's script")
    services.create_token(user=senco, name="SENCO's script")
    content = login(senco).get(reverse("api:tokens")).content
    assert b"SENCO&#x27;s script" in content
    assert b"Teacher" not in content


def test_nobody_can_revoke_another_persons_token(senco, teacher, login):
    token, secret = services.create_token(user=teacher, name="Teacher's script")
    response = login(senco).post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    assert login(senco).post(reverse("api:token_revoke", args=[token.pk + 1000])).status_code == 404
    assert services.authenticate(secret) == token


def test_revoking_needs_a_post(senco, login):
    token, _ = services.create_token(user=senco, name="Reports")
    assert login(senco).get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_revoked_token_stops_working_on_the_api(senco, login, client):
    token, secret = services.create_token(user=senco, name="Reports")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    response = login(senco).post(reverse("api:token_revoke", args=[token.pk]), follow=True)
    assert "has been revoked" in response.content.decode()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


@pytest.mark.parametrize(("name", "message"), [("", "Enter a name"), ("x" * 101, "100 characters or fewer")])
def test_a_bad_name_re_renders_with_400_and_saves_nothing(name, message, senco, login):
    response = login(senco).post(reverse("api:tokens"), {"name": name, "days": "30", "password": PASSWORD})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert ApiToken.objects.count() == 0
