"""The Django admin is for system administrators only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.testing.personas import PERSONAS

pytestmark = pytest.mark.django_db


def test_a_system_administrator_uses_the_admin(client, django_user_model, pupil):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(admin)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:pupils_pupil_changelist")).status_code == 200
    assert client.get(reverse("admin:schools_school_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_school_users_are_sent_to_the_admin_sign_in(persona, personas, login):
    client = login(personas[persona])
    response = client.get(reverse("admin:pupils_pupil_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
