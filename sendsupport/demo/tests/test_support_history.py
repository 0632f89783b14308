"""The demo records: a reviewed cycle, a running one, and a concern for the SENCO to pick up."""

from __future__ import annotations

from conftest import TODAY, make_pupil
from sendsupport.demo.support_history import add_demo_support
from sendsupport.support.choices import PlanStatus
from sendsupport.support.models import Concern, Cycle


def test_it_builds_a_lived_in_record(school, class_4a, pupil, parent, senco, teacher, ta):
    other = make_pupil(school, first="Ola", registration_group=class_4a)
    add_demo_support(school=school, child=pupil, senco=senco, teacher=teacher, ta=ta, today=TODAY)
    first, second = Cycle.objects.filter(pupil=pupil).order_by("number")
    assert not first.is_open and first.review.next_step == "revise"
    assert second.is_open and second.plan.status == PlanStatus.AGREED
    assert [o.carried_from_id is not None for o in second.plan.outcomes.all()] == [True, True]
    assert Concern.objects.get(cycle__isnull=True).pupil == other
    add_demo_support(school=school, child=pupil, senco=senco, teacher=teacher, ta=ta, today=TODAY)
    assert Cycle.objects.filter(pupil=pupil).count() == 2
