"""The full demo looks like a school that has used sendsupport for a year, not a school in chaos.

Built once (it takes a while): most pupils on the register have a current agreed plan, parents told,
meetings held and passports read, and the SENCO's to-do list shows a short list spread across duties.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from sendsupport.accounts.models import User
from sendsupport.compliance.engine import todo_list
from sendsupport.demo.school import DEMO_URN
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import School
from sendsupport.support.choices import CycleStatus, PlanStatus
from sendsupport.support.models import Cycle
from sendsupport.support.profiles.models import PupilProfile

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


def test_the_demo_school_has_a_year_of_records_and_a_short_varied_to_do_list(monkeypatch):
    monkeypatch.setattr("sendsupport.demo.management.commands.demo.today", lambda: TODAY)
    call_command("demo", "--no-serve")
    school = School.objects.get(urn=DEMO_URN)
    on_support = list(
        with_current_sen(Pupil.objects.filter(school=school)).filter(current_provision=Provision.SEN_SUPPORT)
    )
    with_agreed_plan = Cycle.objects.filter(
        pupil__in=on_support, status=CycleStatus.OPEN, plan__status=PlanStatus.AGREED
    ).count()
    assert with_agreed_plan >= 0.85 * len(on_support)
    assert PupilProfile.objects.filter(pupil__in=on_support).values("pupil").distinct().count() >= 0.9 * len(on_support)

    todo = todo_list(User.objects.get(username="senco"), school, today=TODAY)
    assert 10 <= len(todo.items) <= 25, [item.gap.message for item in todo.items]
    duties = {item.gap.duty for item in todo.items}
    assert len(duties) >= 4, duties
    # Each gap is current: a few days or weeks old, never years.
    assert max(item.gap.days_overdue for item in todo.items) <= 60
