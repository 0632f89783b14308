"""The selectors the compliance engine uses: who must still read the current passport."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_pupil, make_user
from sendsupport.schools.models import Group, Role, StaffMembership
from sendsupport.support.profiles import services
from sendsupport.support.profiles.selectors import (
    current_profiles,
    passports_to_read,
    staff_working_with,
    unacknowledged_staff,
)
from sendsupport.support.profiles.tests.conftest import write


def _staff(school, username, role, *groups, active=True):
    user = make_user(username)
    StaffMembership.objects.create(user=user, school=school, role=role, active=active)
    for group in groups:
        group.staff.add(user)
    return user


def test_it_lists_teachers_and_tas_of_the_pupils_groups(
    passport, pupil, school, class_4a, class_5b, teacher, ta, senco
):
    art = Group.objects.create(school=school, name="Art", kind=Group.Kind.TEACHING)
    pupil.teaching_groups.add(art)
    art_teacher = _staff(school, "art", Role.TEACHER, art)
    _staff(school, "leaver", Role.TA, class_4a, active=False)  # membership ended
    gone = _staff(school, "gone", Role.TEACHER, class_4a)
    gone.is_active = False
    gone.save()
    _staff(school, "fivebee", Role.TEACHER, class_5b)  # another class
    class_4a.staff.add(senco)  # a SENCO linked to the class does not count as teaching it
    assert unacknowledged_staff([pupil.pk]) == {pupil.pk: [art_teacher, ta, teacher]}


def test_it_drops_people_once_they_read_the_current_version(passport, pupil, senco, teacher, ta):
    services.acknowledge(profile=passport, by=teacher)
    assert unacknowledged_staff([pupil.pk]) == {pupil.pk: [ta]}
    write(pupil, senco, strategies="New")
    assert unacknowledged_staff([pupil.pk]) == {pupil.pk: [ta, teacher]}


def test_pupils_without_a_passport_have_nobody_to_read_it(pupil, teacher):
    assert unacknowledged_staff([pupil.pk]) == {pupil.pk: []}
    assert current_profiles([pupil.pk]) == {pupil.pk: None}
    assert staff_working_with([pupil.pk]) == {pupil.pk: [teacher]}


def test_it_answers_for_many_pupils_in_a_fixed_number_of_queries(school, class_4a, class_5b, senco, teacher, ta):
    def make(n):
        ids = []
        for i in range(n):
            p = make_pupil(school, first=f"P{i}", last="Bulk", registration_group=class_4a if i % 2 else class_5b)
            write(p, senco)
            ids.append(p.pk)
        return ids

    few = make(2)
    with CaptureQueriesContext(connection) as small:
        unacknowledged_staff(few)
    many = few + make(12)
    with CaptureQueriesContext(connection) as large:
        result = unacknowledged_staff(many)
    assert len(small) == len(large) == 5
    assert result[many[1]] == [ta, teacher]
    assert result[many[0]] == []  # 5B has no staff linked


def test_it_gives_the_current_version_of_each_pupil(passport, pupil, other_pupil, senco, django_assert_num_queries):
    second = write(pupil, senco, strategies="New")
    with django_assert_num_queries(1):
        assert current_profiles([pupil.pk, other_pupil.pk]) == {pupil.pk: second, other_pupil.pk: None}


def test_it_lists_the_passports_a_teacher_still_has_to_read(passport, pupil, school, teacher, senco):
    assert passports_to_read(teacher, school) == [(pupil, passport)]
    services.acknowledge(profile=passport, by=teacher)
    assert passports_to_read(teacher, school) == []
    assert passports_to_read(senco, school) == []
