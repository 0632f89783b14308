"""What a teacher needs to know: their pupils' current needs, outcomes and strategies."""

from __future__ import annotations

from conftest import make_pupil, make_user
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


def test_after_a_review_the_last_agreed_plan_stays_in_force_labelled_as_carried(reviewed, teacher, school):
    plans = plans_for_teacher(teacher, school)
    assert [p.plan for p in plans] == [reviewed.plan]
    assert plans[0].carried
    assert plans[0].strategies == "Give instructions one step at a time and check understanding."


def test_a_draft_plan_is_not_in_force(running, senco, teacher, school):
    helpers.outcome(running.plan, senco)  # a change makes the agreed plan a draft again
    assert plans_for_teacher(teacher, school) == []


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


def test_it_takes_the_same_queries_for_many_pupils(school, class_4a, senco, teacher, django_assert_max_num_queries):
    for index in range(6):
        pupil = make_pupil(school, first=f"P{index}", registration_group=class_4a, provision="K", needs=[("MLD", 1)])
        cycle = helpers.running_cycle(pupil, senco, teacher)
        helpers.outcome(cycle.plan, senco)
        helpers.agree(cycle.plan, senco)  # adding an outcome made it a draft again
    with django_assert_max_num_queries(3):
        plans = plans_for_teacher(teacher, school)
        # two outcomes each, and the two needs the assessment recorded (SLCN, SEMH)
        assert sum(len(p.outcomes) + len(p.needs) for p in plans) == 6 * 4
