"""The register page: pupils with status, primary and secondary need, year and class; filters and search."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.schools.models import Group

pytestmark = pytest.mark.django_db

URL = reverse("pupils:register")


@pytest.fixture
def register(school, class_4a, class_5b, pupil, other_pupil):
    """Maya (4A, K, SLCN+SEMH), Ben (5B, E, ASD), plus three more and one pupil not on the register."""
    class_6c = Group.objects.create(school=school, name="6C", kind=Group.Kind.REGISTRATION)
    art = Group.objects.create(school=school, name="Art club", kind=Group.Kind.TEACHING)
    zoe = make_pupil(
        school,
        first="Zoe",
        last="Adams",
        year_group="6",
        registration_group=class_6c,
        provision="K",
        needs=[("SPLD", 1)],
    )
    zoe.preferred_first_name = "Zo"
    zoe.save()
    zoe.teaching_groups.add(art)
    make_pupil(
        school,
        first="Leo",
        last="Hall",
        year_group="6",
        registration_group=class_6c,
        provision="E",
        needs=[("HI", 1), ("SEMH", 2)],
    )
    make_pupil(
        school, first="Ivy", last="Cole", year_group="4", registration_group=class_4a, provision="K", needs=[("NSA", 1)]
    )
    make_pupil(school, first="Noah", last="Quinn", year_group="4", registration_group=class_4a)  # not on the register
    make_pupil(school, first="Ned", last="Stark", provision="N")  # came off the register
    return {"6C": class_6c, "art": art}


def names(response) -> list[str]:
    return re.findall(r'href="/pupils/\d+/">([^<]+)</a>', response.content.decode())


def test_it_lists_pupils_on_the_register_with_status_needs_year_and_class(senco, register, login, pupil):
    response = login(senco).get(URL)
    assert response.status_code == 200
    assert names(response) == ["Adams, Zo", "Cole, Ivy", "Evans, Maya", "Hall, Leo", "Ward, Ben"]
    html = re.sub(r"\s+", " ", response.content.decode())
    row = re.search(rf'<a class="govuk-link" href="/pupils/{pupil.pk}/">Evans, Maya</a>.*?</tr>', html).group(0)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells == [pupil.upn, "SEN support", "SLCN", "SEMH", "Year 4", "4A"]
    assert "5 pupils" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "E"}, ["Hall, Leo", "Ward, Ben"]),
        ({"status": "K"}, ["Adams, Zo", "Cole, Ivy", "Evans, Maya"]),
        ({"need": "SEMH"}, ["Evans, Maya", "Hall, Leo"]),  # as primary or secondary need
        ({"need": "NSA"}, ["Cole, Ivy"]),
        ({"area": "communication"}, ["Evans, Maya", "Ward, Ben"]),
        ({"area": "sensory_physical"}, ["Hall, Leo"]),
        ({"area": "cognition"}, ["Adams, Zo"]),
        ({"year_group": "6"}, ["Adams, Zo", "Hall, Leo"]),
        ({"year_group": "6", "status": "K"}, ["Adams, Zo"]),
        ({"q": "evans"}, ["Evans, Maya"]),
        ({"q": "Maya Evans"}, ["Evans, Maya"]),
        ({"q": "zo"}, ["Adams, Zo"]),  # preferred name
        ({"q": "Zoe"}, ["Adams, Zo"]),  # legal name
        ({"q": "nobody"}, []),
    ],
)
def test_it_filters_and_searches(senco, register, login, query, expected):
    assert names(login(senco).get(URL, query)) == expected


def test_it_filters_by_class_registration_or_teaching_group(senco, register, login):
    client = login(senco)
    assert names(client.get(URL, {"group": register["6C"].pk})) == ["Adams, Zo", "Hall, Leo"]
    assert names(client.get(URL, {"group": register["art"].pk})) == ["Adams, Zo"]


def test_it_finds_a_pupil_by_upn_in_any_case(senco, register, login, other_pupil):
    assert names(login(senco).get(URL, {"q": other_pupil.upn.lower()})) == ["Ward, Ben"]


def test_it_ignores_a_filter_value_it_does_not_know(senco, register, login):
    response = login(senco).get(URL, {"status": "S", "group": "999999"})
    assert response.status_code == 200


def test_it_pages_long_registers(senco, school, login):
    for n in range(55):
        make_pupil(school, first=f"P{n:02d}", last="Many", provision="K", needs=[("MLD", 1)])
    client = login(senco)
    first = client.get(URL)
    assert len(names(first)) == 50
    assert "Page 1 of 2" in first.content.decode()
    assert len(names(client.get(URL, {"page": 2}))) == 5


def test_a_teacher_sees_only_the_pupils_they_teach(teacher, register, login):
    assert names(login(teacher).get(URL)) == ["Cole, Ivy", "Evans, Maya"]


def test_a_teacher_sees_the_whole_register_where_the_school_allows_it(teacher, register, login, school):
    school.whole_register_visible_to_staff = True
    school.save()
    assert names(login(teacher).get(URL)) == ["Adams, Zo", "Cole, Ivy", "Evans, Maya", "Hall, Leo", "Ward, Ben"]


def test_pupils_who_have_left_are_not_on_the_register_or_in_the_counts(senco, register, login, pupil, other_pupil):
    from datetime import date, timedelta

    from sendsupport.pupils.selectors import register_counts

    pupil.on_roll_until = date(2025, 7, 18)
    pupil.save()
    other_pupil.on_roll_until = date.today() + timedelta(days=30)  # leaving soon, still here today
    other_pupil.save()
    assert names(login(senco).get(URL)) == ["Adams, Zo", "Cole, Ivy", "Hall, Leo", "Ward, Ben"]
    assert register_counts(senco, pupil.school) == {"K": 2, "E": 2, "total": 4}
