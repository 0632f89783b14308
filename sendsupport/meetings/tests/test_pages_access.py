"""Every meetings page, every persona: 200 for those who may see it, 404 for everyone else."""

from __future__ import annotations

from django.urls import reverse

from sendsupport.meetings.models import Meeting
from sendsupport.meetings.tests.conftest import record
from sendsupport.meetings.tests.helpers import MANAGERS, assert_only

STAFF = MANAGERS | {"teacher", "ta"}


def test_it_shows_the_list_to_those_who_may_see_the_pupil(personas, pupil, other_pupil, login):
    assert_only(login, personas, reverse("meetings:list", args=[pupil.pk]), STAFF | {"parent"})
    assert_only(login, personas, reverse("meetings:list", args=[other_pupil.pk]), MANAGERS | {"other_parent"})


def test_it_lets_managers_and_the_pupils_teacher_record_a_meeting(personas, pupil, other_pupil, login):
    assert_only(login, personas, reverse("meetings:add", args=[pupil.pk]), MANAGERS | {"teacher"})
    assert_only(login, personas, reverse("meetings:add", args=[other_pupil.pk]), MANAGERS)


def test_it_shows_the_full_record_to_staff_only(personas, meeting, shared_meeting, login):
    for m in (meeting, shared_meeting):
        assert_only(login, personas, reverse("meetings:detail", args=[m.pupil_id, m.pk]), STAFF)


def test_it_lets_managers_and_the_teacher_edit_until_shared(personas, meeting, login):
    assert_only(login, personas, reverse("meetings:edit", args=[meeting.pupil_id, meeting.pk]), MANAGERS | {"teacher"})


def test_it_lets_managers_and_the_teacher_correct_a_shared_record(personas, shared_meeting, login):
    url = reverse("meetings:correct", args=[shared_meeting.pupil_id, shared_meeting.pk])
    assert_only(login, personas, url, MANAGERS | {"teacher"})


def test_it_shows_the_parents_copy_to_parents_only_once_shared(personas, meeting, shared_meeting, login):
    for name in ("copy", "copy_pdf"):
        unshared = reverse(f"meetings:{name}", args=[meeting.pupil_id, meeting.pk])
        assert_only(login, personas, unshared, STAFF)
        shared = reverse(f"meetings:{name}", args=[shared_meeting.pupil_id, shared_meeting.pk])
        assert_only(login, personas, shared, STAFF | {"parent"})


def test_it_answers_404_for_a_meeting_of_another_pupil_under_this_pupil(personas, pupil, other_pupil, senco, login):
    other_meeting = record(other_pupil, senco, parents=[])
    url = reverse("meetings:detail", args=[pupil.pk, other_meeting.pk])
    assert login(senco).get(url).status_code == 404


def test_it_lets_only_managers_and_the_teacher_share(personas, pupil, parent, senco, login):
    for name, user in personas.items():
        meeting = record(pupil, senco)
        response = login(user).post(reverse("meetings:share", args=[pupil.pk, meeting.pk]))
        meeting.refresh_from_db()
        if name in MANAGERS | {"teacher"}:
            assert response.status_code == 302, name
            assert meeting.is_shared, name
        else:
            assert response.status_code == 404, name
            assert not meeting.is_shared, name
    meeting = record(pupil, senco)
    response = login(None).post(reverse("meetings:share", args=[pupil.pk, meeting.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Meeting.objects.get(pk=meeting.pk).is_shared


def test_it_refuses_get_on_the_share_address(senco, meeting, login):
    assert login(senco).get(reverse("meetings:share", args=[meeting.pupil_id, meeting.pk])).status_code == 405


def test_it_sends_the_edit_page_of_a_shared_record_to_corrections(senco, shared_meeting, login):
    response = login(senco).get(reverse("meetings:edit", args=[shared_meeting.pupil_id, shared_meeting.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:correct", args=[shared_meeting.pupil_id, shared_meeting.pk])
