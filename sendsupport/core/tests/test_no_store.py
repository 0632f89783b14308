"""Nothing a signed-in person is shown may be kept by the browser: the back button after sign-out on a
shared school computer must not show a child's record (issue 12, item 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.api import services

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "page",
    [
        lambda pupil: reverse("home"),
        lambda pupil: reverse("pupils:register"),
        lambda pupil: reverse("pupils:detail", args=[pupil.pk]),
        lambda pupil: reverse("audit:school_log"),
        lambda pupil: reverse("pupils:detail", args=[pupil.pk + 1000]),  # a 404 too
    ],
)
def test_every_page_for_a_signed_in_person_says_no_store(page, senco, pupil, login):
    response = login(senco).get(page(pupil))
    assert response.status_code in {200, 404}
    assert no_store(response)
    assert "private" in response["Cache-Control"]


def test_a_parents_page_says_no_store(parent, pupil, login):
    assert no_store(login(parent).get(reverse("pupils:detail", args=[pupil.pk])))


def test_api_answers_say_no_store(senco, pupil, client):
    _, secret = services.create_token(user=senco, name="Reports")
    response = client.get(f"/api/v1/pupils/{pupil.pk}", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert no_store(response)


def test_a_signed_out_request_is_left_alone(client, db):
    # The health check shows nothing personal; the rule is for what signed-in people see.
    assert not no_store(client.get(reverse("health")))


def test_the_headers_are_the_ones_djangos_never_cache_helpers_write(senco, login):
    from django.http import HttpResponse
    from django.utils.cache import add_never_cache_headers, patch_cache_control

    by_django = HttpResponse()
    add_never_cache_headers(by_django)
    patch_cache_control(by_django, no_store=True, private=True)
    response = login(senco).get(reverse("health"))
    assert response["Cache-Control"] == by_django["Cache-Control"]
    assert response.has_header("Expires")


def test_a_views_own_cache_control_is_kept_and_made_no_store(senco, login, rf):
    from django.http import HttpResponse

    from sendsupport.core.middleware import NoStoreForSignedInMiddleware

    request = rf.get("/")
    request.user = senco
    response = NoStoreForSignedInMiddleware(lambda request: HttpResponse(headers={"Cache-Control": "public"}))(request)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private", "no-cache", "must-revalidate", "max-age=0"} <= directives
    assert "public" not in directives
