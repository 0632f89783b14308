"""The planner's pages: proposals, confirming with clear errors, moving, cancelling, recording what
happened, the parent's reply and calendar download, and the staff page showing replies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sendsupport.meetings.models import Meeting, MeetingReply, PlannedMeeting
from sendsupport.meetings.tests.conftest import plan_meeting
from sendsupport.pupils.models import Contact


def confirm_data(pupil, **extra):
    data = {
        "on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "starts": "15:30",
        "ends": "16:15",
        "place": "Room 4",
        "video_link": "",
        "invited": [c.pk for c in Contact.objects.filter(pupil_links__pupil=pupil)],
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_it_shows_proposals_for_the_year_and_confirms_one_with_invitations(
    client, senco, pupil, parent, django_capture_on_commit_callbacks
):
    client.force_login(senco)
    page = client.get(reverse("meetings:plan", args=[pupil.pk]))
    assert page.status_code == 200
    assert "Plan this year's meetings" in page.text and "Confirm a meeting on" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:plan_confirm", args=[pupil.pk]), confirm_data(pupil))
    assert response.status_code == 302
    planned = PlannedMeeting.objects.get()
    assert planned.status == PlannedMeeting.Status.CONFIRMED and planned.place == "Room 4"
    assert [m.to for m in mail.outbox] == [[parent.email]]
    page = client.get(reverse("meetings:plan", args=[pupil.pk]))
    assert "Room 4" in page.text and "No replies yet" in page.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"on": "2020-01-06"}, "on", "must be in the future"),
        ({"ends": "15:00"}, "ends", "must end after it starts"),
        ({"invited": []}, "invited", "Invite at least one parent or carer"),
        ({"place": "", "video_link": ""}, "place", "Say where the meeting is"),
        ({"starts": "teatime"}, "starts", "Enter a time such as 15:30"),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(client, senco, pupil, parent, change, field, words):
    client.force_login(senco)
    response = client.post(reverse("meetings:plan_confirm", args=[pupil.pk]), confirm_data(pupil, **change))
    assert response.status_code == 400
    assert words in str(response.context["form"].errors.get(field))
    assert not PlannedMeeting.objects.exists() and mail.outbox == []


@pytest.mark.django_db
def test_a_parent_without_parental_responsibility_cannot_be_invited(senco, pupil, parent):
    from django.core.exceptions import ValidationError

    from sendsupport.pupils.models import PupilContact

    PupilContact.objects.filter(pupil=pupil).update(parental_responsibility=False)
    contact = Contact.objects.get(user=parent)
    with pytest.raises(ValidationError, match="parental responsibility"):
        plan_meeting(pupil, senco, invited=[contact])
    assert not PlannedMeeting.objects.exists()


@pytest.mark.django_db
def test_moving_to_the_past_is_refused_and_nothing_changes(client, senco, pupil, planned):
    client.force_login(senco)
    response = client.post(
        reverse("meetings:planned_move", args=[pupil.pk, planned.pk]),
        {"on": "2020-01-06", "starts": "09:00", "ends": "10:00", "place": "Room 4"},
    )
    assert response.status_code == 400
    planned.refresh_from_db()
    assert planned.sequence == 0 and planned.place == "The SENCO's office"


@pytest.mark.django_db
def test_cancelling_from_the_page_tells_the_parents(
    client, senco, pupil, parent, planned, django_capture_on_commit_callbacks
):
    client.force_login(senco)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:planned_cancel", args=[pupil.pk, planned.pk]), {"reason": "Snow"})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == PlannedMeeting.Status.CANCELLED and "Snow" in mail.outbox[-1].body


@pytest.mark.django_db
def test_record_what_happened_opens_the_meeting_form_prefilled_and_links_the_record_back(
    client, senco, pupil, parent, planned
):
    client.force_login(senco)
    url = reverse("meetings:planned_record", args=[pupil.pk, planned.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["held_on"] == timezone.localtime(planned.starts_at).date()
    # The meeting has been held: it is now ten days later.
    PlannedMeeting.objects.filter(pk=planned.pk).update(
        starts_at=planned.starts_at - timedelta(days=20), ends_at=planned.ends_at - timedelta(days=20)
    )
    held_on = timezone.localtime(planned.starts_at - timedelta(days=20)).date()
    response = client.post(
        url,
        {
            "held_on": held_on.isoformat(),
            "kind": "review",
            "parents_attended": [Contact.objects.get(user=parent).pk],
            "discussed": "Reading progress.",
            "agreed": "Keep the reading group.",
        },
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    meeting = Meeting.objects.get()
    assert planned.status == PlannedMeeting.Status.HELD and planned.record == meeting
    assert meeting.planned_meeting == planned
    from sendsupport.meetings.selectors import meetings_with_parents_count, year_summary

    summary = year_summary(pupil, today=timezone.localdate())
    assert meetings_with_parents_count([pupil.pk], summary["start"], summary["end"])[pupil.pk] == 1
    assert client.get(url).status_code == 404  # recorded once


@pytest.mark.django_db
def test_the_parent_replies_and_the_senco_and_staff_are_told_and_see_it(
    client, senco, teacher, pupil, parent, django_capture_on_commit_callbacks
):
    planned = plan_meeting(pupil, senco, staff=[senco, teacher])
    mail.outbox.clear()
    client.force_login(parent)
    page = client.get(reverse("meetings:list", args=[pupil.pk]))
    assert "Yes, I can come" in page.text and "Add to calendar" in page.text and "The SENCO" in page.text
    url = reverse("meetings:reply", args=[pupil.pk, planned.pk])
    refused = client.post(url, {"answer": "other_time", "message": ""})
    assert refused.status_code == 400 and "which days or times" in refused.text
    assert not MeetingReply.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": "other_time", "message": "Could we meet after 5pm on a Thursday?"})
    assert response.status_code == 302
    reply = MeetingReply.objects.get()
    assert reply.answer == "other_time" and reply.sequence == 0
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted([senco.email, teacher.email])
    assert all("asked for another time" in m.body and "after 5pm" in m.body for m in mail.outbox)
    page = client.get(reverse("meetings:list", args=[pupil.pk]))
    assert "Asked for another time" in page.text
    client.force_login(senco)
    staff_page = client.get(reverse("meetings:plan", args=[pupil.pk]))
    assert "Asked for another time" in staff_page.text and "after 5pm on a Thursday" in staff_page.text


@pytest.mark.django_db
def test_yes_i_can_come_is_one_button(client, senco, pupil, parent, planned):
    client.force_login(parent)
    response = client.post(reverse("meetings:reply", args=[pupil.pk, planned.pk]), {"answer": "yes"})
    assert response.status_code == 302
    assert MeetingReply.objects.get().answer == MeetingReply.Answer.YES


@pytest.mark.django_db
def test_add_to_calendar_downloads_an_ics_file_with_the_meetings_uid(client, pupil, parent, planned):
    client.force_login(parent)
    response = client.get(reverse("meetings:ics", args=[pupil.pk, planned.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == planned.uid and str(event["LOCATION"]) == "The SENCO's office"


@pytest.mark.django_db
def test_the_planner_page_makes_the_same_number_of_queries_however_many_meetings(
    client, senco, pupil, parent, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(senco)
    url = reverse("meetings:plan", args=[pupil.pk])
    plan_meeting(pupil, senco, days_ahead=5)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for days in (6, 7, 8, 9):
        planned = plan_meeting(pupil, senco, days_ahead=days)
        MeetingReply.objects.create(planned=planned, contact=Contact.objects.get(user=parent), answer="yes")
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    assert len(five) == len(one), [q["sql"] for q in five.captured_queries]


@pytest.mark.django_db
def test_a_second_move_from_a_stale_page_is_refused_and_the_first_stands(client, senco, head, pupil, parent, planned):
    url = reverse("meetings:planned_move", args=[pupil.pk, planned.pk])
    day = (timezone.localdate() + timedelta(days=15)).isoformat()
    client.force_login(senco)
    first = client.post(url, {"on": day, "starts": "09:00", "ends": "09:30", "place": "Room 4", "sequence": 0})
    assert first.status_code == 302
    client.force_login(head)
    second = client.post(url, {"on": day, "starts": "11:00", "ends": "11:30", "place": "Hall", "sequence": 0})
    assert second.status_code == 400 and "Someone moved this meeting" in second.text
    planned.refresh_from_db()
    assert planned.place == "Room 4" and planned.sequence == 1


@pytest.mark.django_db
def test_a_pupil_not_on_the_register_gets_no_proposals(client, senco, school):
    from conftest import make_pupil

    pupil = make_pupil(school, first="Sam", last="Jones")
    client.force_login(senco)
    page = client.get(reverse("meetings:plan", args=[pupil.pk]))
    assert page.status_code == 200 and page.context["proposals"] == []
    assert "not on the SEN register" in page.text
