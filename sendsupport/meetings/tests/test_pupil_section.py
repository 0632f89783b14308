from __future__ import annotations

from django.urls import reverse

from sendsupport.meetings.tests.conftest import record
from sendsupport.schools.models import SchoolPolicy


def test_it_shows_staff_this_years_count_on_the_pupil_page(pupil, parent, senco, login):
    record(pupil, senco)
    page = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "Meetings with parents" in page
    assert "<strong>1 of 3</strong>" in page
    assert reverse("meetings:add", args=[pupil.pk]) in page


def test_it_tells_a_parent_how_many_records_are_shared(pupil, parent, senco, login):
    record(pupil, senco)
    page = login(parent).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "No meeting records have been shared with you yet." in page
    assert reverse("meetings:add", args=[pupil.pk]) not in page


def test_it_reads_the_target_from_the_schools_figures(pupil, parent, senco, login):
    SchoolPolicy.objects.create(school=pupil.school, parent_meetings_per_year=4)
    record(pupil, senco)
    page = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "<strong>1 of 4</strong>" in page
