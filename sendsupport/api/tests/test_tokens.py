"""API tokens: only a hash is stored, revoked tokens and switched-off accounts fail, and last use is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sendsupport.api import services
from sendsupport.api.models import ApiToken


def test_it_stores_only_a_hash_of_the_secret(senco):
    token, secret = services.create_token(user=senco, name="Reports")
    start, prefix, rest = secret.split("_", 2)
    assert (start, prefix) == ("ss", token.prefix)
    assert len(rest) >= 40
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert rest not in str(stored) and secret not in str(stored)
    assert stored["key_hash"] == services.hash_secret(rest)


def test_each_token_is_different(senco):
    secrets = {services.create_token(user=senco, name="Same name")[1] for _ in range(5)}
    assert len(secrets) == 5


def test_it_authenticates_a_live_token_and_records_its_use(senco):
    token, secret = services.create_token(user=senco, name="Reports")
    assert token.last_used_at is None
    found = services.authenticate(secret)
    assert found == token and found.user == senco
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_it_records_use_at_most_once_a_minute(senco, django_assert_num_queries):
    token, secret = services.create_token(user=senco, name="Reports")
    now = timezone.now()
    services.authenticate(secret, now=now)
    # The look-up, then whether the owner still holds a role (in a request, the roles the request
    # reads anyway answer that); no write.
    with django_assert_num_queries(2):
        services.authenticate(secret, now=now + timedelta(seconds=30))
    with django_assert_num_queries(3):
        services.authenticate(secret, now=now + timedelta(minutes=2))


@pytest.mark.parametrize(
    "raw",
    ["", "ss_", "ss_abc_def", "xx_0000abcd_secret", "ss_0000ABCD_secret", "ss_0000abc\x00_secret", "Bearer ss"],
)
def test_it_refuses_text_not_shaped_like_a_token(raw, senco):
    services.create_token(user=senco, name="Reports")
    assert services.authenticate(raw) is None


def test_it_refuses_a_right_prefix_with_a_wrong_secret(senco):
    token, secret = services.create_token(user=senco, name="Reports")
    assert services.authenticate(f"ss_{token.prefix}_wrong") is None
    assert services.authenticate(secret + "x") is None


def test_it_refuses_a_revoked_token(senco):
    token, secret = services.create_token(user=senco, name="Reports")
    services.revoke_token(token=token)
    assert services.authenticate(secret) is None


def test_revoking_twice_keeps_the_first_time(senco):
    token, _ = services.create_token(user=senco, name="Reports")
    first = timezone.now() - timedelta(days=1)
    services.revoke_token(token=token, now=first)
    services.revoke_token(token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first


def test_it_refuses_a_token_of_a_switched_off_account(senco):
    _, secret = services.create_token(user=senco, name="Reports")
    senco.is_active = False
    senco.save()
    assert services.authenticate(secret) is None


@pytest.mark.parametrize(("name", "message"), [("", "Enter a name"), ("   ", "Enter a name"), ("x" * 101, "100")])
def test_it_needs_a_sensible_name(name, message, senco):
    with pytest.raises(ValidationError) as error:
        services.create_token(user=senco, name=name)
    assert message in error.value.message_dict["name"][0]
    assert ApiToken.objects.count() == 0
