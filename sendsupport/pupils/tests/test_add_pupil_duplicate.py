"""Adding a pupil who seems to be on roll already: a warning with a link, then the SENCO decides."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.tests.test_add_pupil import form_data

pytestmark = pytest.mark.django_db

URL = reverse("pupils:add")


@pytest.fixture
def ella(school):
    pupil = make_pupil(school, first="Ella", last="Kelly")  # born 1 March 2016
    assert pupil.date_of_birth == date(2016, 3, 1)
    return pupil


def ella_again(**overrides) -> dict:
    return form_data(legal_first_name="ella", legal_last_name=" KELLY", date_of_birth="2016-03-01", **overrides)


def test_it_warns_of_a_pupil_with_the_same_name_and_date_of_birth_and_links_to_them(senco, ella, login):
    response = login(senco).post(URL, ella_again())
    assert response.status_code == 200
    html = response.content.decode()
    assert "same name and date of birth is already recorded at this school" in html
    assert f'href="{reverse("pupils:detail", args=[ella.pk])}">Ella Kelly</a>' in html
    assert 'name="confirm_not_duplicate" value="1"' in html
    assert "Add pupil anyway" in html
    assert Pupil.objects.count() == 1  # nothing saved yet


def test_the_senco_can_add_them_anyway_once_warned(senco, ella, login):
    response = login(senco).post(URL, ella_again(confirm_not_duplicate="1"))
    assert response.status_code == 302
    assert Pupil.objects.filter(legal_last_name__iexact="kelly").count() == 2


def test_a_pupil_who_has_left_is_still_a_possible_duplicate(senco, ella, login):
    ella.on_roll_until = date(2024, 7, 19)
    ella.save()
    html = login(senco).post(URL, ella_again()).content.decode()
    assert "left on" in html


@pytest.mark.parametrize("change", [{"date_of_birth": "2016-03-02"}, {"legal_first_name": "Eleanor"}])
def test_a_different_name_or_birthday_is_added_without_a_warning(change, senco, ella, login):
    data = ella_again()
    data.update(change)
    assert login(senco).post(URL, data).status_code == 302


def test_a_pupil_at_another_school_is_not_mentioned(senco, login, other_school):
    make_pupil(other_school, first="Ella", last="Kelly")
    response = login(senco).post(URL, ella_again())
    assert response.status_code == 302
