"""What a teacher needs to know: their pupils' current needs, outcomes and strategies."""

from __future__ import annotations

from conftest import make_user
from sendsupport.schools.models import Role, StaffMembership
from sendsupport.support.selectors import plans_for_teacher
from sendsupport.support.tests import helpers


def test_a_teacher_sees_the_current_plans_of_the_pupils_they_teach(running, teacher, school):
    plans = plans_for_teacher(teacher, school)
    assert [p.pupil for p in plans] == [running.pupil]
    summary = plans[0]
    assert [n.need_type for n in summary.needs] == ["SLCN", "SEMH"]
    assert summary.strategies == "Give instructions one step at a time and check understanding."
    assert [o.description for o in summary.outcomes] == [helpers.GOOD_OUTCOME["description"]]
    assert summary.cycle == running


def test_pupils_they_do_not_teach_are_left_out(running, other_pupil, senco, teacher, school):
    helpers.running_cycle(other_pupil, senco, None)
    assert [p.pupil for p in plans_for_teacher(teacher, school)] == [running.pupil]


def test_a_closed_cycle_keeps_its_agreed_plan_in_force_until_a_new_one_is_agreed(reviewed, teacher, school):
    """Between cycles the last agreed plan stays in force for staff (see test_carry_over)."""
    [summary] = plans_for_teacher(teacher, school)
    assert summary.cycle == reviewed and summary.plan.cycle == reviewed


def test_being_named_class_teacher_is_enough_where_staff_see_the_whole_register(other_pupil, senco, school):
    school.whole_register_visible_to_staff = True
    school.save()
    named = make_user("named")
    StaffMembership.objects.create(user=named, school=school, role=Role.TEACHER)
    helpers.running_cycle(other_pupil, senco, named)
    assert [p.pupil for p in plans_for_teacher(named, school)] == [other_pupil]


def test_a_named_class_teacher_who_may_not_see_the_pupil_gets_nothing(other_pupil, senco, school):
    named = make_user("named")
    StaffMembership.objects.create(user=named, school=school, role=Role.TEACHER)
    helpers.running_cycle(other_pupil, senco, named)
    assert plans_for_teacher(named, school) == []  # who may see a pupil is decided by the groups they teach


def test_no_school_no_plans(teacher):
    assert plans_for_teacher(teacher, None) == []
