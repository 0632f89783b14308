"""Main pages are remembered whole for the same person, served again only while nothing they show
has changed, and every visit is still in the audit log."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.audit import remembered_pages
from sendsupport.audit.models import AuditEvent
from sendsupport.compliance.tests.test_todo_list import open_cycle_with_plan
from sendsupport.pupils import services as pupil_services
from sendsupport.schools.models import StaffMembership

pytestmark = pytest.mark.django_db

# A visit served from memory reads the session with its user (one query), and in one query their roles,
# whether they are a parent or an LA officer and the records' versions, and writes its audit entries:
# nothing of the page itself.
REMEMBERED_READS = 2
REMEMBERED_QUERIES = REMEMBERED_READS + 1  # a pupil's page: one audit entry written


def _entries(since: int) -> list[tuple]:
    return list(
        AuditEvent.objects.filter(pk__gt=since)
        .order_by("pk")
        .values_list("actor_id", "school_id", "pupil_id", "action", "object_type", "object_id", "summary")
    )


def _last_entry() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("home"))  # the browser gets its CSRF cookie, as it would on signing in
    return client


def _pages(pupil) -> list[str]:
    cycle, _plan = open_cycle_with_plan(pupil)
    return [
        reverse("pupils:register"),
        reverse("compliance:todo"),
        reverse("home"),
        reverse("pupils:detail", args=[pupil.pk]),
        reverse("support:timeline", args=[pupil.pk]),
        reverse("schools:overview"),
        reverse("support:plan", args=[pupil.pk, cycle.number]),
    ]


def test_a_page_asked_for_again_is_the_same_page_and_logged_the_same(senco, pupil, other_pupil):
    client = _signed_in(senco)
    for url in _pages(pupil):
        mark = _last_entry()
        first = client.get(url)
        logged_first = _entries(mark)
        mark = _last_entry()
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert again.status_code == first.status_code == 200, url
        assert again.content == first.content, url
        # The same entries, each written again: a remembered page is audited as the page itself was.
        assert _entries(mark) == logged_first, url
        # Only reads besides the audit entries (a list's are one statement, in one transaction).
        reads = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT")]
        assert len(reads) == REMEMBERED_READS, (url, reads)


def test_a_change_to_the_pupil_is_on_the_page_at_once(senco, pupil):
    client = _signed_in(senco)
    url = reverse("pupils:detail", args=[pupil.pk])
    assert "Maya" in client.get(url).content.decode()
    pupil_services.update_pupil(pupil=pupil, by=senco, preferred_first_name="Mimi")
    page = client.get(url).content.decode()
    assert "Mimi" in page


def test_a_change_outside_the_schools_records_is_on_the_page_at_once(senco, pupil):
    client = _signed_in(senco)
    url = reverse("pupils:register")
    assert "Senco Person" in client.get(url).content.decode()
    senco.first_name = "Sunita"
    senco.save()
    assert "Sunita Person" in client.get(url).content.decode()


def test_a_sign_in_elsewhere_does_not_make_pages_be_worked_out_again(senco, teacher, pupil):
    client = _signed_in(senco)
    url = reverse("pupils:detail", args=[pupil.pk])
    client.get(url)
    Client().post(reverse("login"), {"username": teacher.username, "password": "correct-horse-battery"})
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == REMEMBERED_QUERIES  # the user's last sign-in moved no version


def test_a_role_taken_away_takes_effect_at_once(senco, pupil):
    client = _signed_in(senco)
    url = reverse("pupils:detail", args=[pupil.pk])
    assert client.get(url).status_code == 200
    StaffMembership.objects.filter(user=senco).update(active=False)  # even written without signals
    assert client.get(url).status_code in (302, 404)


def test_no_one_is_shown_a_page_remembered_for_someone_else(senco, teacher, pupil, other_pupil):
    url = reverse("pupils:register")
    _signed_in(senco).get(url)
    page = _signed_in(teacher).get(url).content.decode()
    assert "Ben" not in page  # Ben is in 5B, which the teacher does not teach; the SENCO saw him
    assert "Maya" in page


def _concern(token: str) -> dict[str, str]:
    return {
        "csrfmiddlewaretoken": token,
        "noticed": "Struggles to start tasks",
        "since": "2025-09-01",
        "raised_on": "2025-11-20",
    }


def test_the_forms_of_a_remembered_page_still_post(senco, pupil):
    client = Client(enforce_csrf_checks=True)
    client.force_login(senco)
    client.get(reverse("home"))
    url = reverse("support:timeline", args=[pupil.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert len(queries) == REMEMBERED_QUERIES  # served from memory
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(reverse("support:concern_new", args=[pupil.pk]), _concern(token))
    assert response.status_code == 302  # recorded, not refused as a forged request


def test_a_remembered_page_with_a_form_renews_the_csrf_cookie_as_drawing_it_did(senco, pupil, settings):
    client = _signed_in(senco)
    secret = client.cookies[settings.CSRF_COOKIE_NAME].value
    url = reverse("support:timeline", args=[pupil.pk])
    drawn = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert len(queries) == REMEMBERED_QUERIES  # served from memory
    for response in (drawn, again):
        cookie = response.cookies[settings.CSRF_COOKIE_NAME]
        assert cookie.value == secret  # the same secret, sent again with a fresh expiry
        assert cookie["max-age"] == settings.CSRF_COOKIE_AGE


def test_a_page_drawn_for_a_browser_with_no_csrf_cookie_is_not_served_again(senco, pupil, settings):
    """A browser with no CSRF cookie yet (cookies cleared, or the cookie expired before the session) is
    given a new secret as the page is drawn. That page's forms carry a token for that secret only, so
    it is never served to another request: the next cookieless visit is drawn afresh, with its own
    secret, and its form posts."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(senco)
    url = reverse("support:timeline", args=[pupil.pk])
    first = client.get(url)
    assert first.status_code == 200
    client.cookies.pop(settings.CSRF_COOKIE_NAME)  # the browser loses its cookie again
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == 200
    assert len(queries) > REMEMBERED_QUERIES  # drawn again, not served from memory
    secret = second.cookies[settings.CSRF_COOKIE_NAME].value
    assert secret != first.cookies[settings.CSRF_COOKIE_NAME].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second.content.decode()).group(1)
    response = client.post(reverse("support:concern_new", args=[pupil.pk]), _concern(token))
    assert response.status_code == 302  # recorded, not refused as a forged request


def test_a_page_that_showed_a_message_is_not_shown_again(senco, pupil):
    client = _signed_in(senco)
    url = reverse("support:timeline", args=[pupil.pk])
    client.get(url)
    response = client.post(reverse("support:concern_new", args=[pupil.pk]), _concern(""), follow=True)
    assert "Your concern has been recorded" in response.content.decode()
    again = client.get(url).content.decode()
    assert "Your concern has been recorded" not in again
    assert "Struggles to start tasks" in again


def test_nothing_is_remembered_when_turned_off(senco, pupil, settings):
    settings.REMEMBER_PAGES_BYTES = 0
    client = _signed_in(senco)
    url = reverse("pupils:detail", args=[pupil.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > REMEMBERED_QUERIES


def test_pages_beyond_the_budget_are_forgotten_oldest_first(senco, pupil, other_pupil, settings):
    client = _signed_in(senco)
    sizes = [len(client.get(reverse("pupils:detail", args=[p.pk])).content) for p in (pupil, other_pupil)]
    settings.REMEMBER_PAGES_BYTES = max(sizes) * 4
    remembered_pages.forget_every_page()
    for p in (pupil, other_pupil, pupil):
        client.get(reverse("pupils:detail", args=[p.pk]))
    assert remembered_pages._size <= settings.REMEMBER_PAGES_BYTES
    assert remembered_pages._size == sum(len(page.content) for _at, page in remembered_pages._pages.values())


def test_a_parents_pages_are_always_worked_out(parent, pupil):
    client = _signed_in(parent)
    client.get(reverse("home"))
    assert not remembered_pages._pages


def test_the_api_list_is_remembered_per_token_owner_and_logged_each_time(senco, pupil, other_pupil):
    from sendsupport.api.services import create_token

    _token, secret = create_token(user=senco, name="MIS sync")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    url = "/api/v1/pupils"
    mark = _last_entry()
    first = client.get(url)
    logged_first = _entries(mark)
    mark = _last_entry()
    again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and again["Content-Type"] == first["Content-Type"]
    assert _entries(mark) == logged_first and len(logged_first) == 3  # one export, two pupils listed


def test_a_page_asked_of_another_host_is_drawn_for_it(senco, pupil):
    client = _signed_in(senco)
    url = reverse("pupils:detail", args=[pupil.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, headers={"host": "localhost"})  # its links name the host they were asked of
    assert len(queries) > REMEMBERED_QUERIES
