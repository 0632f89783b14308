"""The to-do list is remembered between requests and worked out again the moment a record changes."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.compliance.engine import todo_list
from sendsupport.compliance.tests.test_todo_list import open_cycle_with_plan
from sendsupport.core import dates
from sendsupport.schools.memo import path_to_school, records_changed, records_version, school_of, watched_models
from sendsupport.schools.models import LocalAuthority
from sendsupport.support import services
from sendsupport.support.models import Outcome

pytestmark = pytest.mark.django_db


def _lines(todo) -> list[tuple[int, list[str]]]:
    return [(line.pupil_id, [item.gap.duty for item in line.items]) for line in todo.lines]


def test_asked_again_it_reads_only_the_records_version(senco, school, class_4a, django_assert_num_queries):
    for index in range(3):
        make_pupil(school, first=f"P{index}", registration_group=class_4a, provision="K", needs=[("SLCN", 1)])
    first = todo_list(senco, school, today=TODAY)
    with django_assert_num_queries(1):
        again = todo_list(senco, school, today=TODAY)
    assert _lines(again) == _lines(first) and len(first.lines) == 3


def test_a_concern_raised_is_on_the_list_at_once(senco, teacher, school, class_4a):
    make_pupil(school, first="Sam", registration_group=class_4a, provision="K", needs=[("SLCN", 1)])
    ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
    assert ella.pk not in [line.pupil_id for line in todo_list(senco, school, today=TODAY).lines]
    services.raise_concern(
        pupil=ella, by=teacher, noticed="Finds it hard to follow", since=date(2025, 9, 1), today=TODAY
    )
    assert ella.pk in [line.pupil_id for line in todo_list(senco, school, today=TODAY).lines]


def test_the_page_shows_a_change_made_after_it_was_last_seen(senco, teacher, school, class_4a, login):
    ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
    client = login(senco)
    assert "Ella Kelly" not in client.get(reverse("compliance:todo")).content.decode()
    services.raise_concern(
        pupil=ella, by=teacher, noticed="Finds it hard to follow", since=date(2025, 9, 1), today=TODAY
    )
    assert "Ella Kelly" in client.get(reverse("compliance:todo")).content.decode()


def test_a_record_two_steps_from_the_school_changes_its_version(school, other_school, pupil):
    _cycle, plan = open_cycle_with_plan(pupil)
    before, elsewhere = records_version(school.pk), records_version(other_school.pk)
    outcome = Outcome.objects.create(plan=plan, pupil=pupil, area="cognition", description="Reads 20 words a minute")
    assert school_of(Outcome.objects.get(pk=outcome.pk)) == school.pk  # followed with one query, nothing loaded
    assert records_version(school.pk) != before
    assert records_version(other_school.pk) == elsewhere  # another school's list still stands


def test_a_deleted_record_and_a_shared_record_change_versions(school, other_school, class_4a):
    before = records_version(school.pk)
    class_4a.delete()
    assert records_version(school.pk) != before
    before_other = records_version(other_school.pk)
    LocalAuthority.objects.create(number="998", name="Elsewhere Council")  # shared: every school's list goes
    assert records_version(other_school.pk) != before_other


def test_bulk_writers_mark_the_schools_they_changed(school, other_school):
    before, elsewhere = records_version(school.pk), records_version(other_school.pk)
    records_changed([school.pk])
    assert records_version(school.pk) != before and records_version(other_school.pk) == elsewhere


def test_with_remembering_off_it_is_worked_out_every_time(senco, school, class_4a, settings):
    settings.REMEMBER_LISTS_SECONDS = 0
    make_pupil(school, first="Sam", registration_group=class_4a, provision="K", needs=[("SLCN", 1)])
    with CaptureQueriesContext(connection) as first:
        todo_list(senco, school, today=TODAY)
    with CaptureQueriesContext(connection) as again:
        todo_list(senco, school, today=TODAY)
    assert len(again) == len(first) > 1


# Records every school shares: a change to one makes every school's list be worked out again.
SHARED = {
    "schools.LocalAuthority",
    "schools.LocalAuthorityMembership",
    "schools.LocalOfferService",
    "schools.Trust",
    "schools.AcademicYear",
}


def test_every_watched_record_leads_to_its_school_or_is_shared():
    """A new model the to-do list might read must say whose it is: through foreign keys to a school
    (then only that school's list is worked out again), or in SHARED (then every school's is)."""
    for model in watched_models():
        path = path_to_school(model)
        label = model._meta.label
        if path is None:
            assert label in SHARED, f"{label} has no foreign key path to a school"
        else:
            assert path == () or path[-1] == "school", label


def test_a_pupils_part_of_the_whole_list_is_what_working_out_that_pupil_alone_gives():
    """The pupil page takes its pupil's gaps from the whole school's remembered list when it can: on
    the demo school, that must be exactly what checking the pupil alone finds, for every pupil."""
    from django.core.management import call_command

    from sendsupport.accounts.models import User
    from sendsupport.compliance.engine import _check, checked_pupils
    from sendsupport.schools.models import School

    call_command("demo", "--no-serve")
    school = School.objects.get(name="Oakfield Primary School")
    senco = User.objects.get(username="senco")
    on = dates.today()  # the demo's records are dated from today
    whole = checked_pupils(senco, school, today=on)
    assert len(whole) > 50 and sum(len(one.gaps) for one in whole) >= 5
    for one in whole:
        [alone] = _check(senco, school, on, [one.facts.pupil_id])
        assert alone.gaps == one.gaps, one.facts.name
        [taken] = checked_pupils(senco, school, today=on, pupil_ids=[one.facts.pupil_id])
        assert taken is one  # taken from the remembered list, not worked out again
