"""A page someone may not see reveals nothing, and superusers get no free pass.

Who may see each page is in the permission tables, ``sendsupport/<app>/tests/test_permissions.py``.
"""

from __future__ import annotations

import re

from django.urls import reverse


def test_a_missing_pupil_and_a_forbidden_pupil_look_the_same(teacher, other_pupil, login):
    client = login(teacher)
    forbidden = client.get(reverse("pupils:detail", args=[other_pupil.pk]))
    missing = client.get(reverse("pupils:detail", args=[other_pupil.pk + 1000]))
    assert forbidden.status_code == missing.status_code == 404

    def without_tokens(html: bytes) -> bytes:
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)

    assert without_tokens(forbidden.content) == without_tokens(missing.content)


def test_a_superuser_gets_no_free_pass_to_pupil_pages(pupil, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(admin)
    assert client.get(reverse("pupils:detail", args=[pupil.pk])).status_code == 404
    assert client.get(reverse("admin:index")).status_code == 200
