"""Deny by default: who sees which pupils, through the one selector every page uses."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from conftest import link_parent, make_pupil, make_user
from sendsupport.pupils.selectors import visible_pupils
from sendsupport.schools.models import Group, Role, StaffMembership
from sendsupport.testing.personas import MANAGERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(school, other_school, class_4a, pupil, other_pupil):
    """Maya (4A) and Ben (5B) at the school; Ola at another school; Tim in a teaching group only."""
    ola = make_pupil(other_school, first="Ola", last="Far")
    maths = Group.objects.create(school=school, name="Maths 6", kind=Group.Kind.TEACHING)
    tim = make_pupil(school, first="Tim", last="Set", year_group="6")
    tim.teaching_groups.add(maths)
    return {"ola": ola, "maths": maths, "tim": tim}


def seen(user) -> set[str]:
    return {p.legal_first_name for p in visible_pupils(user)}


@pytest.mark.parametrize("persona", sorted(MANAGERS))
def test_managers_see_every_pupil_at_their_school_only(persona, personas, world):
    assert seen(personas[persona]) == {"Maya", "Ben", "Tim"}


@pytest.mark.parametrize("persona", ["teacher", "ta"])
def test_classroom_staff_see_the_pupils_they_teach_or_support(persona, personas, world):
    user = personas[persona]
    assert seen(user) == {"Maya"}
    world["maths"].staff.add(user)
    assert seen(user) == {"Maya", "Tim"}


@pytest.mark.parametrize("persona", ["teacher", "ta"])
def test_a_school_can_open_its_whole_register_to_all_staff(persona, personas, world, school, other_pupil, login):
    school.whole_register_visible_to_staff = True
    school.save()
    user = personas[persona]
    assert seen(user) == {"Maya", "Ben", "Tim"}  # but never another school's pupils
    client = login(user)
    assert client.get(reverse("pupils:detail", args=[other_pupil.pk])).status_code == 200
    assert client.get(reverse("pupils:detail", args=[world["ola"].pk])).status_code == 404
    # Seeing is not changing.
    assert client.get(reverse("pupils:edit", args=[world["tim"].pk])).status_code == 404


def test_the_open_register_setting_does_not_open_anything_to_governors_or_parents(personas, world, school):
    school.whole_register_visible_to_staff = True
    school.save()
    assert seen(personas["governor"]) == set()
    assert seen(personas["parent"]) == {"Maya"}


def test_parents_see_only_their_own_children_and_only_with_parental_responsibility(personas, world, school):
    assert seen(personas["parent"]) == {"Maya"}
    assert seen(personas["other_parent"]) == {"Ben"}
    step_parent = make_user("stepparent")
    link_parent(world["tim"], step_parent, responsibility=False)
    assert seen(step_parent) == set()


@pytest.mark.parametrize("persona", ["governor", "la_officer", "stranger"])
def test_governors_la_officers_and_strangers_see_no_pupil(persona, personas, world):
    assert seen(personas[persona]) == set()


def test_signed_out_visitors_and_switched_off_accounts_see_nothing(personas, world):
    assert seen(AnonymousUser()) == set()
    assert seen(None) == set()
    senco = personas["senco"]
    senco.is_active = False
    senco.save()
    assert seen(senco) == set()


def test_switching_off_a_membership_takes_away_access(personas, world):
    teacher = personas["teacher"]
    StaffMembership.objects.filter(user=teacher).update(active=False)
    assert seen(teacher) == set()


def test_a_governor_who_also_teaches_sees_only_what_the_teaching_role_gives(personas, world, school):
    governor = personas["governor"]
    StaffMembership.objects.create(user=governor, school=school, role=Role.TEACHER)
    world["maths"].staff.add(governor)
    assert seen(governor) == {"Tim"}


def test_teaching_a_group_at_a_school_where_you_have_no_role_gives_nothing(personas, world, other_school):
    outsider_group = Group.objects.create(school=other_school, name="Far class", kind=Group.Kind.REGISTRATION)
    world["ola"].registration_group = outsider_group
    world["ola"].save()
    outsider_group.staff.add(personas["teacher"])
    assert "Ola" not in seen(personas["teacher"])


def test_a_superuser_has_no_free_pass(world, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    assert seen(root) == set()
