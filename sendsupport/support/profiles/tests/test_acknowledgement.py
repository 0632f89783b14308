from __future__ import annotations

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from conftest import make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.schools.models import Group, Role, StaffMembership
from sendsupport.support.profiles import services
from sendsupport.support.profiles.models import ProfileAcknowledgement
from sendsupport.support.profiles.tests.conftest import write


def test_a_teacher_of_the_pupil_acknowledges_the_current_version(passport, teacher):
    ack = services.acknowledge(profile=passport, by=teacher)
    assert (ack.profile, ack.user) == (passport, teacher)
    assert AuditEvent.objects.filter(
        pupil_id=passport.pupil_id, action="created", object_type="passport read by staff", actor=teacher
    ).exists()


def test_acknowledging_twice_keeps_one_record(passport, ta):
    first = services.acknowledge(profile=passport, by=ta)
    assert services.acknowledge(profile=passport, by=ta) == first
    assert ProfileAcknowledgement.objects.count() == 1


def test_it_refuses_a_version_that_is_not_current(passport, pupil, senco, teacher):
    write(pupil, senco, strategies="Something new")
    with pytest.raises(ValidationError) as error:
        services.acknowledge(profile=passport, by=teacher)
    assert error.value.message_dict["version"] == [
        "Version 1 of Maya Evans's passport has been replaced by version 2. Read version 2 and confirm that one."
    ]
    assert ProfileAcknowledgement.objects.count() == 0


def test_it_refuses_staff_who_do_not_work_with_the_pupil(passport, school, class_5b, senco):
    other_teacher = make_user("otherteacher")
    StaffMembership.objects.create(user=other_teacher, school=school, role=Role.TEACHER)
    class_5b.staff.add(other_teacher)
    for person in (other_teacher, senco):
        with pytest.raises(ValidationError) as error:
            services.acknowledge(profile=passport, by=person)
        assert (
            "Only teachers and teaching assistants who work with Maya Evans"
            in (error.value.message_dict[NON_FIELD_ERRORS][0])
        )
    assert ProfileAcknowledgement.objects.count() == 0


def test_a_teacher_of_a_teaching_group_can_acknowledge(passport, pupil, school):
    maths = Group.objects.create(school=school, name="Maths set 2", kind=Group.Kind.TEACHING)
    pupil.teaching_groups.add(maths)
    maths_teacher = make_user("maths")
    StaffMembership.objects.create(user=maths_teacher, school=school, role=Role.TEACHER)
    maths.staff.add(maths_teacher)
    assert services.acknowledge(profile=passport, by=maths_teacher).user == maths_teacher
