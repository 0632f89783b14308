"""Every specialists page, every persona: 200 for those who may see it, 404 for everyone else."""

from __future__ import annotations

from django.urls import reverse

from sendsupport.support.specialists.tests.conftest import refer
from sendsupport.support.specialists.tests.helpers import MANAGERS, assert_only

STAFF = MANAGERS | {"teacher", "ta"}


def test_it_shows_the_list_to_those_who_may_see_the_pupil(personas, pupil, other_pupil, login):
    assert_only(login, personas, reverse("specialists:list", args=[pupil.pk]), STAFF | {"parent"})
    assert_only(login, personas, reverse("specialists:list", args=[other_pupil.pk]), MANAGERS | {"other_parent"})


def test_it_lets_only_managers_record_a_referral(personas, pupil, other_pupil, login):
    assert_only(login, personas, reverse("specialists:add", args=[pupil.pk]), MANAGERS)
    assert_only(login, personas, reverse("specialists:add", args=[other_pupil.pk]), MANAGERS)


def test_it_shows_the_details_to_parents_and_staff(personas, involvement, login):
    url = reverse("specialists:detail", args=[involvement.pupil_id, involvement.pk])
    assert_only(login, personas, url, STAFF | {"parent"})


def test_it_lets_only_managers_change_details_or_advice(personas, involvement, login):
    for name in ("edit", "advice"):
        assert_only(
            login, personas, reverse(f"specialists:{name}", args=[involvement.pupil_id, involvement.pk]), MANAGERS
        )


def test_it_lets_those_who_see_the_pupil_download_the_document(personas, involvement_with_document, login):
    url = reverse("specialists:document", args=[involvement_with_document.pupil_id, involvement_with_document.pk])
    assert_only(login, personas, url, STAFF | {"parent"})


def test_there_is_no_document_to_download_before_one_is_uploaded(personas, involvement, login):
    assert_only(login, personas, reverse("specialists:document", args=[involvement.pupil_id, involvement.pk]), set())


def test_an_involvement_of_another_pupil_is_not_found_under_this_one(pupil, other_pupil, senco, login):
    other = refer(other_pupil, senco)
    assert login(senco).get(reverse("specialists:detail", args=[pupil.pk, other.pk])).status_code == 404
