"""On roll means one thing everywhere: a pupil whose leaving date is still ahead is on roll, so
they stay on the register and on the to-do list until the day after they leave."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import QueryDict

from conftest import TODAY
from sendsupport.compliance.engine import todo_list
from sendsupport.core import dates
from sendsupport.pupils.filters import register_filterset
from sendsupport.pupils.models import Pupil

pytestmark = pytest.mark.django_db


def pupils_to_do(senco, school) -> set[int]:
    return {item.gap.pupil_id for item in todo_list(senco, school, today=TODAY).items}


def test_a_pupil_leaving_later_stays_on_the_to_do_list(senco, school, pupil, parent):
    assert pupil.pk in pupils_to_do(senco, school)
    pupil.on_roll_until = TODAY + timedelta(days=30)
    pupil.save()
    assert pupil.pk in pupils_to_do(senco, school)


def test_a_pupil_who_has_left_drops_off_the_to_do_list(senco, school, pupil, parent):
    pupil.on_roll_until = TODAY - timedelta(days=1)
    pupil.save()
    assert pupil.pk not in pupils_to_do(senco, school)


def test_the_to_do_list_and_the_register_agree_on_who_is_on_roll(senco, school, pupil, parent):
    leaves = dates.today() + timedelta(days=30)  # the register is read as of the real today
    pupil.on_roll_until = leaves
    pupil.save()
    filterset = register_filterset(senco, school, QueryDict())  # the register page, unfiltered
    assert filterset.is_valid()
    on_register = {p.pk for p in filterset.ordered}
    assert pupil.pk in on_register
    assert pupil.pk in pupils_to_do(senco, school)
    assert list(Pupil.objects.on_roll(leaves).filter(pk=pupil.pk)) == [pupil]
    assert not Pupil.objects.on_roll(leaves + timedelta(days=1)).filter(pk=pupil.pk).exists()
