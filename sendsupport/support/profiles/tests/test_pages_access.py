"""Every passport page, every persona: 200 for those who may see it, 404 for everyone else."""

from __future__ import annotations

from django.urls import reverse

from sendsupport.support.profiles.models import ProfileAcknowledgement
from sendsupport.support.profiles.tests.conftest import write
from sendsupport.support.profiles.tests.helpers import MANAGERS, assert_only

STAFF = MANAGERS | {"teacher", "ta"}


def test_it_shows_the_passport_to_those_who_may_see_the_pupil(personas, passport, pupil, other_pupil, login):
    assert_only(login, personas, reverse("profiles:passport", args=[pupil.pk]), STAFF | {"parent"})
    assert_only(login, personas, reverse("profiles:passport", args=[other_pupil.pk]), MANAGERS | {"other_parent"})


def test_it_lets_only_managers_write_the_passport(personas, pupil, other_pupil, login):
    assert_only(login, personas, reverse("profiles:edit", args=[pupil.pk]), MANAGERS)
    assert_only(login, personas, reverse("profiles:edit", args=[other_pupil.pk]), MANAGERS)


def test_it_shows_earlier_versions_to_staff_only(personas, passport, pupil, other_pupil, senco, login):
    write(other_pupil, senco)
    assert_only(login, personas, reverse("profiles:versions", args=[pupil.pk]), STAFF)
    assert_only(login, personas, reverse("profiles:version", args=[pupil.pk, 1]), STAFF)
    assert_only(login, personas, reverse("profiles:versions", args=[other_pupil.pk]), MANAGERS)
    assert_only(login, personas, reverse("profiles:version", args=[pupil.pk, 9]), set())


def test_it_shows_passports_to_read_to_classroom_staff(personas, login):
    assert_only(login, personas, reverse("profiles:to_read"), {"teacher", "ta"})


def test_only_staff_who_work_with_the_pupil_can_acknowledge(personas, passport, pupil, login):
    url = reverse("profiles:acknowledge", args=[pupil.pk])
    for name, user in personas.items():
        response = login(user).post(url, {"version": passport.version})
        acknowledged = ProfileAcknowledgement.objects.filter(user=user).exists()
        if name in {"teacher", "ta"}:
            assert response.status_code == 302, name
            assert acknowledged, name
        else:
            assert response.status_code == 404, name
            assert not acknowledged, name
    response = login(None).post(url, {"version": passport.version})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert login(personas["teacher"]).get(url).status_code == 405
