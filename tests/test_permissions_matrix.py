"""Every page, every persona: who may see it (200) and who gets a 404 that reveals nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

ALL = {"senco", "head", "teacher", "ta", "parent", "other_parent", "governor", "la_officer", "stranger"}
MANAGERS = {"senco", "head"}

# (url name, args builder, personas that get 200; everyone else gets 404)
PAGES = [
    ("pupils:register", lambda p, o, link: [], MANAGERS | {"teacher", "ta"}),
    ("pupils:detail", lambda p, o, link: [p.pk], MANAGERS | {"teacher", "ta", "parent"}),
    ("pupils:detail", lambda p, o, link: [o.pk], MANAGERS | {"other_parent"}),
    ("pupils:add", lambda p, o, link: [], MANAGERS),
    ("pupils:edit", lambda p, o, link: [p.pk], MANAGERS),
    ("pupils:sen_status", lambda p, o, link: [p.pk], MANAGERS),
    ("pupils:contact_add", lambda p, o, link: [p.pk], MANAGERS),
    ("pupils:contact_edit", lambda p, o, link: [p.pk, link.pk], MANAGERS),
    ("pupils:my_children", lambda p, o, link: [], {"parent", "other_parent"}),
    ("schools:staff", lambda p, o, link: [], MANAGERS),
    ("schools:staff_add", lambda p, o, link: [], MANAGERS),
    ("schools:groups", lambda p, o, link: [], MANAGERS),
    ("schools:group_add", lambda p, o, link: [], MANAGERS),
    ("schools:overview", lambda p, o, link: [], MANAGERS | {"governor"}),
    ("schools:la_overview", lambda p, o, link: [], {"la_officer"}),
    ("schools:settings", lambda p, o, link: [], MANAGERS),
    ("schools:policy_edit", lambda p, o, link: [], MANAGERS),
    ("meetings:declined_add", lambda p, o, link: [p.pk], MANAGERS | {"teacher"}),
    ("statutory:pupil", lambda p, o, link: [p.pk], MANAGERS | {"teacher", "ta"}),
    ("statutory:request_add", lambda p, o, link: [o.pk], MANAGERS),
    ("statutory:plan_add", lambda p, o, link: [o.pk], MANAGERS),
    ("audit:school_log", lambda p, o, link: [], MANAGERS),
    ("audit:pupil_log", lambda p, o, link: [p.pk], MANAGERS),
    ("choose_school", lambda p, o, link: [], MANAGERS | {"teacher", "ta", "governor"}),
    ("home", lambda p, o, link: [], ALL),
    ("change_password", lambda p, o, link: [], ALL),
]


@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)])
def test_it_lets_only_the_right_people_see_each_page(name, args, allowed, personas, pupil, other_pupil, login):
    link = pupil.contact_links.first()
    url = reverse(name, args=args(pupil, other_pupil, link))
    for persona, user in personas.items():
        response = login(user).get(url)
        expected = 200 if persona in allowed else 404
        assert response.status_code == expected, f"{persona} on {url}: {response.status_code}"


@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)])
def test_it_sends_signed_out_visitors_to_sign_in(name, args, allowed, pupil, other_pupil, parent, client):
    url = reverse(name, args=args(pupil, other_pupil, pupil.contact_links.first()))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


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


@pytest.mark.parametrize("persona", sorted(ALL - MANAGERS))
def test_only_managers_can_post_changes(persona, personas, pupil, login):
    client = login(personas[persona])
    response = client.post(
        reverse("pupils:sen_status", args=[pupil.pk]),
        {
            "provision": "N",
            "start_date": "2025-01-01",
            "reason": "x",
        },
    )
    assert response.status_code == 404
    assert pupil.sen_statuses.count() == 1
