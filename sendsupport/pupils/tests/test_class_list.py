"""The class list: the pupils in a group that the person may see, with their SEN status; linked from where groups show."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.schools.models import Group

pytestmark = pytest.mark.django_db

STAFF = {"senco", "head", "teacher", "ta"}


@pytest.fixture
def classes(school, class_4a, class_5b, pupil, other_pupil):
    """4A: Maya (K) and Ella (no SEN), and Zac who has left; 5B: Ben (E); Art club: Ben, taught there."""
    make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
    zac = make_pupil(school, first="Zac", last="Gone", registration_group=class_4a)
    zac.on_roll_until = zac.on_roll_from
    zac.save()
    art = Group.objects.create(school=school, name="Art club", kind=Group.Kind.TEACHING)
    other_pupil.teaching_groups.add(art)
    return {"4A": class_4a, "5B": class_5b, "art": art}


def names(response) -> list[str]:
    return re.findall(r'href="/pupils/\d+/">([^<]+)</a>', response.content.decode())


def url(group: Group) -> str:
    return reverse("pupils:class_list", args=[group.pk])


@pytest.mark.parametrize("which", ["4A", "5B", "art"])
def test_only_staff_at_the_school_may_open_a_class_list(which, classes, personas, login):
    for persona, user in personas.items():
        response = login(user).get(url(classes[which]))
        expected = 200 if persona in STAFF else 404
        assert response.status_code == expected, f"{persona}: {response.status_code}"


def test_signed_out_visitors_are_sent_to_sign_in(classes, client):
    response = client.get(url(classes["4A"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_group_of_another_school_or_a_missing_one_is_not_found(classes, senco, login, other_school):
    elsewhere = Group.objects.create(school=other_school, name="4A", kind=Group.Kind.REGISTRATION)
    client = login(senco)
    assert client.get(url(elsewhere)).status_code == 404
    assert client.get(reverse("pupils:class_list", args=[elsewhere.pk + 1000])).status_code == 404


def test_it_lists_everyone_on_roll_in_the_class_with_their_sen_status(classes, senco, login):
    response = login(senco).get(url(classes["4A"]))
    assert names(response) == ["Evans, Maya", "Kelly, Ella"]
    html = re.sub(r"\s+", " ", response.content.decode())
    assert '<h1 class="govuk-heading-l">4A</h1>' in html
    assert "SEN support" in html and "No SEN provision" in html
    assert "Gone" not in html  # left the school


def test_a_teaching_group_lists_the_pupils_taught_there(classes, senco, login):
    assert names(login(senco).get(url(classes["art"]))) == ["Ward, Ben"]


def test_a_teacher_sees_only_the_pupils_she_may_see(classes, teacher, login, school):
    client = login(teacher)
    assert names(client.get(url(classes["4A"]))) == ["Evans, Maya", "Kelly, Ella"]
    assert names(client.get(url(classes["5B"]))) == []
    school.whole_register_visible_to_staff = True
    school.save()
    assert names(client.get(url(classes["5B"]))) == ["Ward, Ben"]


def test_group_names_link_to_the_class_list(classes, senco, login, pupil, other_pupil):
    client = login(senco)
    link_4a = f'href="{url(classes["4A"])}"'
    assert link_4a in client.get(reverse("schools:groups")).content.decode()
    assert link_4a in client.get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert link_4a in client.get(reverse("pupils:register")).content.decode()
    ben_page = client.get(reverse("pupils:detail", args=[other_pupil.pk])).content.decode()
    assert f'href="{url(classes["art"])}"' in ben_page  # teaching groups too
