"""The selector the compliance engine uses: meetings that parents attended, per pupil, per academic year."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import link_parent, make_pupil, make_user
from sendsupport.meetings import services
from sendsupport.meetings.models import Meeting
from sendsupport.meetings.selectors import academic_year_bounds, meetings_for, meetings_with_parents_count

YEAR = (date(2025, 9, 1), date(2026, 8, 31))
TODAY = date(2026, 8, 31)


def _meet(pupil, by, held_on, *, with_parent=True):
    parents = [link.contact for link in pupil.contact_links.all()] if with_parent else []
    return services.record_meeting(
        pupil=pupil,
        by=by,
        held_on=held_on,
        kind=Meeting.Kind.OTHER,
        discussed="d",
        agreed="a",
        parents_attended=parents,
        today=TODAY,
    )


def test_it_gives_the_academic_year_from_september_to_august():
    assert academic_year_bounds(date(2025, 9, 1)) == YEAR
    assert academic_year_bounds(date(2026, 8, 31)) == YEAR
    assert academic_year_bounds(date(2025, 8, 31)) == (date(2024, 9, 1), date(2025, 8, 31))


def test_it_counts_only_meetings_a_parent_attended_in_the_year(pupil, parent, other_pupil, other_parent, senco):
    _meet(pupil, senco, date(2025, 8, 31))  # the year before
    _meet(pupil, senco, date(2025, 9, 1))
    _meet(pupil, senco, date(2026, 8, 31))
    _meet(pupil, senco, date(2026, 1, 10), with_parent=False)  # nobody came: does not count
    _meet(other_pupil, senco, date(2026, 2, 2))
    nobody = make_pupil(pupil.school, first="No", last="Meetings")
    counts = meetings_with_parents_count([pupil.pk, other_pupil.pk, nobody.pk], *YEAR)
    assert counts == {pupil.pk: 2, other_pupil.pk: 1, nobody.pk: 0}


def test_it_counts_a_meeting_two_parents_attended_once(pupil, parent, senco):
    link_parent(pupil, make_user("dad"))
    _meet(pupil, senco, date(2025, 10, 1))
    assert Meeting.objects.get().parents_attended.count() == 2
    assert meetings_with_parents_count([pupil.pk], *YEAR) == {pupil.pk: 1}


def test_it_answers_for_400_pupils_in_two_queries(pupil, parent, senco, school):
    _meet(pupil, senco, date(2025, 10, 1))
    ids = [pupil.pk] + list(range(10_000, 10_399))
    with CaptureQueriesContext(connection) as queries:
        counts = meetings_with_parents_count(ids, *YEAR)
    assert len(queries) == 2  # meetings attended, and meetings offered and declined
    assert len(counts) == 400
    assert counts[pupil.pk] == 1


def test_a_meeting_offered_and_declined_counts_on_the_day_it_was_offered(pupil, parent, senco):
    services.record_declined_meeting(pupil=pupil, by=senco, offered_on=date(2025, 10, 1), today=TODAY)
    services.record_declined_meeting(pupil=pupil, by=senco, offered_on=date(2025, 8, 1), today=TODAY)
    assert meetings_with_parents_count([pupil.pk], *YEAR) == {pupil.pk: 1}


def test_it_answers_with_no_query_for_no_pupils(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert meetings_with_parents_count([], *YEAR) == {}


def test_it_shows_parents_only_shared_records(pupil, parent, senco, teacher):
    first = _meet(pupil, senco, date(2025, 10, 1))
    _meet(pupil, senco, date(2025, 11, 1))
    services.share_with_parents(meeting=first, by=senco, today=TODAY)
    assert [m.pk for m in meetings_for(parent, pupil)] == [first.pk]
    assert meetings_for(teacher, pupil).count() == 2
