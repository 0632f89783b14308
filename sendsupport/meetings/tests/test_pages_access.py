"""Meetings addresses beyond the permission table (``test_permissions.py``): wrong pupil, wrong method, shared records."""

from __future__ import annotations

from django.urls import reverse

from sendsupport.meetings.tests.conftest import record


def test_it_answers_404_for_a_meeting_of_another_pupil_under_this_pupil(pupil, other_pupil, senco, login):
    other_meeting = record(other_pupil, senco, parents=[])
    url = reverse("meetings:detail", args=[pupil.pk, other_meeting.pk])
    assert login(senco).get(url).status_code == 404


def test_it_refuses_get_on_the_share_address(senco, meeting, login):
    assert login(senco).get(reverse("meetings:share", args=[meeting.pupil_id, meeting.pk])).status_code == 405


def test_it_sends_the_edit_page_of_a_shared_record_to_corrections(senco, shared_meeting, login):
    response = login(senco).get(reverse("meetings:edit", args=[shared_meeting.pupil_id, shared_meeting.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:correct", args=[shared_meeting.pupil_id, shared_meeting.pk])
