"""A pupil's own sign-in: made by the SENCO where the school allows it, reaching only "My views"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import make_pupil
from sendsupport.support.voice import services
from sendsupport.support.voice.models import PupilAccount, PupilViews
from sendsupport.support.voice.tests.conftest import PUPIL_PASSWORD, policy

pytestmark = pytest.mark.django_db

VIEWS = {"going_well_face": "4", "going_well": "Art", "hard_face": "", "hard": "", "helps_face": "5", "helps": ""}


def sign_in(client, username="maya4", password=PUPIL_PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password}, follow=True)


def test_it_refuses_a_sign_in_unless_the_school_allows_it(senco, pupil):
    with pytest.raises(ValidationError, match="has not chosen to let pupils sign in"):
        services.create_pupil_account(pupil=pupil, by=senco, username="maya4", password=PUPIL_PASSWORD)
    assert PupilAccount.objects.count() == 0


def test_the_page_says_why_when_the_school_does_not_allow_it(login, senco, pupil):
    page = login(senco).get(reverse("voice:pupil_account", args=[pupil.pk]))
    assert "has not chosen to let pupils sign in" in page.content.decode()
    answer = login(senco).post(reverse("voice:pupil_account", args=[pupil.pk]), {"username": "m", "password": "x"})
    assert answer.status_code == 400
    assert PupilAccount.objects.count() == 0


def test_it_refuses_a_pupil_younger_than_the_schools_year(senco, school, sign_in_allowed):
    young = make_pupil(school, first="Ola", last="Young", year_group="2")
    with pytest.raises(ValidationError, match="Pupils may sign in from Year 3; Ola Young is in Year 2"):
        services.create_pupil_account(pupil=young, by=senco, username="ola", password=PUPIL_PASSWORD)


def test_it_refuses_a_taken_user_name_and_a_weak_password(login, senco, pupil, sign_in_allowed):
    answer = login(senco).post(
        reverse("voice:pupil_account", args=[pupil.pk]), {"username": "SENCO", "password": "abc"}
    )
    body = answer.content.decode()
    assert answer.status_code == 400
    assert "That user name is taken" in body and "too short" in body
    assert PupilAccount.objects.count() == 0


def test_the_senco_makes_the_sign_in(login, senco, pupil, sign_in_allowed):
    answer = login(senco).post(
        reverse("voice:pupil_account", args=[pupil.pk]), {"username": "maya4", "password": PUPIL_PASSWORD}
    )
    assert answer.status_code == 302
    account = PupilAccount.objects.get()
    assert account.pupil == pupil and account.user.username == "maya4"
    assert not account.user.memberships.exists() and not account.user.contacts.exists()


def test_the_school_chooses_on_its_settings_page(login, senco, school):
    bad = login(senco).post(reverse("voice:sign_in_settings"), {"allowed": "yes", "from_year": "0"})
    assert bad.status_code == 400
    assert not policy(school).pupils_may_sign_in
    good = login(senco).post(reverse("voice:sign_in_settings"), {"allowed": "yes", "from_year": "5"})
    assert good.status_code == 302
    assert policy(school).pupils_may_sign_in and policy(school).pupil_sign_in_from_year == 5


def test_after_sign_in_the_pupil_lands_on_their_own_page(client, pupil_account):
    page = sign_in(client)
    assert page.redirect_chain[-1][0] == reverse("voice:my_views")
    assert "My views" in page.content.decode()


def test_the_pupil_is_turned_away_from_every_other_page(client, pupil, pupil_account, running, voice_record):
    sign_in(client)
    assert client.get(reverse("home"))["Location"] == reverse("voice:my_views")
    for url in (
        reverse("pupils:detail", args=[pupil.pk]),
        reverse("pupils:register"),
        reverse("voice:pupil_voice", args=[pupil.pk]),
        reverse("voice:parent_views", args=[pupil.pk]),
        reverse("support:timeline", args=[pupil.pk]),
        reverse("profiles:passport", args=[pupil.pk]),
        reverse("change_password"),
        reverse("compliance:todo"),
        "/no-such-page/",
    ):
        assert client.get(url).status_code == 404, url


def test_deny_by_default_holds_without_the_middleware(client, settings, pupil, pupil_account, running):
    """The pupil's account has no role: the pages themselves refuse it too."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("PupilAccountMiddleware")]
    client.force_login(pupil_account.user)
    for url in (
        reverse("pupils:detail", args=[pupil.pk]),
        reverse("voice:pupil_voice", args=[pupil.pk]),
        reverse("voice:parent_views", args=[pupil.pk]),
        reverse("support:timeline", args=[pupil.pk]),
        reverse("profiles:passport", args=[pupil.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_pupil_gives_their_views_and_staff_see_them(client, login, senco, pupil, pupil_account, running):
    sign_in(client)
    answer = client.post(reverse("voice:my_views"), VIEWS)
    assert answer.status_code == 302
    views = PupilViews.objects.get()
    assert views.by_pupil and views.cycle == running and views.going_well == "Art"
    assert (
        "in their own words, signed in"
        in login(senco).get(reverse("voice:pupil_voice", args=[pupil.pk])).content.decode()
    )


def test_the_pupil_sees_only_their_own_views(client, senco, other_pupil, pupil_account):
    services.record_pupil_views(pupil=other_pupil, by=senco, helps="Ben's secret")
    sign_in(client)
    assert "Ben's secret" not in client.get(reverse("voice:my_views")).content.decode()


def test_an_empty_answer_from_the_pupil_is_refused(client, pupil_account):
    sign_in(client)
    answer = client.post(reverse("voice:my_views"), {})
    assert answer.status_code == 400
    assert PupilViews.objects.count() == 0


def test_a_stopped_sign_in_no_longer_works(client, senco, pupil_account):
    services.stop_pupil_account(account=pupil_account, by=senco)
    page = sign_in(client)
    assert "My views" not in page.content.decode()
    client.force_login(pupil_account.user)
    assert client.get(reverse("voice:my_views")).status_code != 200


def test_the_page_closes_when_the_school_stops_pupils_signing_in(client, senco, school, pupil_account):
    sign_in(client)
    services.save_pupil_sign_in_policy(school=school, by=senco, allowed=False, from_year=3)
    assert client.get(reverse("voice:my_views")).status_code == 404


def test_the_senco_stops_a_sign_in_and_starts_it_again_with_a_new_password(client, login, senco, pupil, pupil_account):
    staff = login(senco)
    assert staff.post(reverse("voice:pupil_account_stop", args=[pupil.pk])).status_code == 302
    pupil_account.refresh_from_db()
    assert not pupil_account.active and not pupil_account.user.is_active
    again = staff.post(reverse("voice:pupil_account", args=[pupil.pk]), {"password": "another-long-password-7"})
    assert again.status_code == 302
    fresh = Client()
    assert sign_in(fresh, password="another-long-password-7").redirect_chain[-1][0] == reverse("voice:my_views")


def test_it_offers_a_signed_in_pupil_no_account_links_they_cannot_use(client, pupil_account):
    sign_in(client)
    page = client.get(reverse("voice:my_views")).content.decode()
    assert reverse("twofactor:account") not in page
    assert "Sign out" in page
