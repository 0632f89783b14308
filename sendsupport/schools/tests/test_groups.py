"""The SENCO lists and adds registration and teaching groups; a duplicate name is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.schools.models import Group

pytestmark = pytest.mark.django_db


def test_the_groups_page_lists_groups_with_pupils_and_staff(senco, teacher, pupil, class_5b, login):
    html = login(senco).get(reverse("schools:groups")).content.decode()
    assert "4A" in html and "5B" in html and "Registration group" in html
    assert "Teacher Person" in html


def test_it_adds_a_group(senco, school, login):
    response = login(senco).post(reverse("schools:group_add"), {"name": "Maths set 1", "kind": "teaching"})
    assert response.status_code == 302
    assert Group.objects.filter(school=school, name="Maths set 1", kind="teaching").exists()


def test_a_duplicate_name_is_refused_with_a_message(senco, school, class_4a, login):
    before = Group.objects.count()
    response = login(senco).post(reverse("schools:group_add"), {"name": "4A", "kind": "registration"})
    assert response.status_code == 400
    assert "Name: This school already has a group of this type with that name." in response.content.decode()
    assert Group.objects.count() == before


def test_the_same_name_is_fine_for_another_kind_or_another_school(senco, school, other_school, class_4a, login):
    Group.objects.create(school=other_school, name="Art", kind="teaching")
    client = login(senco)
    assert client.post(reverse("schools:group_add"), {"name": "4A", "kind": "teaching"}).status_code == 302
    assert client.post(reverse("schools:group_add"), {"name": "Art", "kind": "teaching"}).status_code == 302


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"name": "", "kind": "teaching"}, "This field is required."),
        ({"name": "X", "kind": "club"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_named(senco, login, data, words):
    before = Group.objects.count()
    response = login(senco).post(reverse("schools:group_add"), data)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert Group.objects.count() == before
