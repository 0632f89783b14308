"""Staff find any child on roll they may see: by name, preferred name, UPN or class, SEN or not."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.pupils.filters import MAX_SEARCH_WORDS, search_words
from sendsupport.schools.models import School

pytestmark = pytest.mark.django_db

URL = reverse("pupils:register")


@pytest.fixture
def roll(school, class_4a, class_5b, pupil, other_pupil):
    """Maya (4A, K) and Ben (5B, E) from the shared fixtures; Ella (4A) and Sam (5B) are not on the register."""
    ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
    ella.preferred_first_name = "Elle"
    ella.save()
    sam = make_pupil(school, first="Sam", last="Okoro", year_group="5", registration_group=class_5b, provision="N")
    return {"ella": ella, "sam": sam}


def names(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'href="/pupils/\d+/">([^<]+)</a>', response.content.decode())


def test_the_register_shows_only_pupils_with_sen_by_default_and_says_so(senco, roll, login):
    response = login(senco).get(URL)
    assert names(response) == ["Evans, Maya", "Ward, Ben"]
    html = response.content.decode()
    assert "2 pupils with SEN support or an EHC plan" in html
    assert 'value="sen" checked' in html


def test_the_register_can_show_everyone_on_roll(senco, roll, login):
    response = login(senco).get(URL, {"show": "all"})
    assert names(response) == ["Evans, Maya", "Kelly, Elle", "Okoro, Sam", "Ward, Ben"]
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Pupils on roll</h1>' in html
    assert "4 pupils on roll" in html
    assert "No SEN provision" in html


def test_the_senco_finds_a_pupil_who_is_not_on_the_register(senco, roll, login):
    client = login(senco)
    assert names(client.get(URL, {"show": "all", "q": "Ella Kelly"})) == ["Kelly, Elle"]
    # Searching the SEN register alone says where else to look.
    html = client.get(URL, {"q": "Ella Kelly"}).content.decode()
    assert "0 pupils with SEN support or an EHC plan match your search" in html
    assert 'choose "Everyone on roll"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kelly", ["Kelly, Elle"]),  # legal last name, any case
        ("Elle", ["Kelly, Elle"]),  # preferred name
        ("Ella", ["Kelly, Elle"]),  # legal first name
        ("4a", ["Evans, Maya", "Kelly, Elle"]),  # the class
        ("ella 4A", ["Kelly, Elle"]),  # every word must match
        ("sam 4A", []),
        ("5B", ["Okoro, Sam", "Ward, Ben"]),
    ],
)
def test_it_searches_names_preferred_names_and_classes(query, expected, senco, roll, login):
    assert names(login(senco).get(URL, {"show": "all", "q": query})) == expected


def test_it_finds_a_pupil_by_upn(senco, roll, login):
    ella = roll["ella"]
    assert names(login(senco).get(URL, {"show": "all", "q": ella.upn.lower()})) == ["Kelly, Elle"]


def test_a_teacher_finds_a_pupil_without_sen_in_her_class_but_not_one_in_another(teacher, roll, login):
    client = login(teacher)
    assert names(client.get(URL, {"show": "all", "q": "Ella Kelly"})) == ["Kelly, Elle"]
    assert names(client.get(URL, {"show": "all", "q": "Sam Okoro"})) == []
    assert names(client.get(URL, {"show": "all", "q": "5B"})) == []
    assert names(client.get(URL, {"show": "all"})) == ["Evans, Maya", "Kelly, Elle"]


def test_a_teacher_finds_any_pupil_where_the_school_opens_its_register(teacher, roll, login, school):
    school.whole_register_visible_to_staff = True
    school.save()
    assert names(login(teacher).get(URL, {"show": "all", "q": "Sam Okoro"})) == ["Okoro, Sam"]


def test_pupils_of_another_school_are_never_found(senco, roll, login, other_school):
    make_pupil(other_school, first="Ella", last="Kelly")
    assert names(login(senco).get(URL, {"show": "all", "q": "Ella Kelly"})) == ["Kelly, Elle"]


def test_a_very_long_search_is_cut_short_not_a_crash(senco, roll, login):
    words = " ".join(f"word{n}" for n in range(1000))
    response = login(senco).get(URL, {"show": "all", "q": "Ella " + words})
    assert response.status_code == 200
    assert names(response) == []
    assert len(search_words(words)) == MAX_SEARCH_WORDS
    assert all(len(word) <= 40 for word in search_words("x" * 5000))


def test_a_status_chosen_by_name_is_not_hidden_by_the_sen_only_default(senco, roll, login):
    assert names(login(senco).get(URL, {"status": "N"})) == ["Kelly, Elle", "Okoro, Sam"]


@pytest.mark.parametrize("persona", ["senco", "head", "teacher", "ta"])
def test_staff_have_a_pupil_search_in_the_header_of_every_page(persona, personas, login):
    html = login(personas[persona]).get(reverse("home")).content.decode()
    assert 'id="header-search"' in html
    assert 'role="search"' in html


@pytest.mark.parametrize("persona", ["parent", "other_parent", "governor", "la_officer", "stranger", None])
def test_nobody_else_has_the_pupil_search(persona, personas, login):
    client = login(personas[persona] if persona else None)
    html = client.get(reverse("home") if persona else reverse("login")).content.decode()
    assert 'id="header-search"' not in html


def test_the_header_search_looks_at_everyone_on_roll(senco, roll, login):
    html = login(senco).get(reverse("home")).content.decode()
    form = re.search(r'<form[^>]*role="search".*?</form>', html, re.S).group(0)
    assert f'action="{URL}"' in form
    assert 'name="show" value="all"' in form


def year_options(html: str) -> list[str]:
    select = re.search(r'<select name="year_group".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


def test_year_group_options_fit_a_primary_school(senco, roll, login):
    html = login(senco).get(URL).content.decode()
    assert year_options(html) == ["", "N1", "N2", "R", "1", "2", "3", "4", "5", "6"]


def test_year_group_options_fit_a_secondary_school_and_include_any_year_on_roll(senco, roll, login, school):
    school.phase = School.Phase.SECONDARY
    school.save()
    html = login(senco).get(URL).content.decode()
    # Maya and Ella are in Year 4, Ben and Sam in Year 5: they must stay findable by year.
    assert year_options(html) == ["", "4", "5", "7", "8", "9", "10", "11", "12", "13"]


def test_add_a_pupil_offers_only_the_schools_year_groups(senco, school, login):
    html = login(senco).get(reverse("pupils:add")).content.decode()
    assert year_options(html) == ["", "N1", "N2", "R", "1", "2", "3", "4", "5", "6"]
