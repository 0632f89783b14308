"""Recording, editing, sharing and correcting through the pages, including bad input."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from sendsupport.audit.models import AuditEvent
from sendsupport.meetings.models import Meeting, MeetingCorrection


def _post_data(pupil, **overrides):
    data = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "kind": "review",
        "parents_attended": [link.contact_id for link in pupil.contact_links.all()],
        "discussed": "Maya's talk targets.",
        "agreed": "Keep going with the language group.",
        "actions": "",
        "other_attendees": "",
    }
    data.update(overrides)
    return data


def test_it_records_a_meeting_and_logs_it(pupil, parent, senco, teacher, login):
    response = login(senco).post(
        reverse("meetings:add", args=[pupil.pk]), _post_data(pupil, staff_attendees=[senco.pk, teacher.pk])
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[pupil.pk, meeting.pk])
    assert set(meeting.staff_attendees.all()) == {senco, teacher}
    assert AuditEvent.objects.filter(pupil=pupil, action="created", actor=senco, object_type="meeting with parents")


def test_it_refuses_a_future_meeting_naming_the_field(pupil, parent, senco, login):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login(senco).post(reverse("meetings:add", args=[pupil.pk]), _post_data(pupil, held_on=tomorrow))
    assert response.status_code == 400
    assert "Date of the meeting: The date of the meeting must be today" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_it_refuses_a_parent_of_another_child(pupil, parent, other_pupil, other_parent, senco, login):
    wrong = other_pupil.contact_links.get().contact_id
    response = login(senco).post(reverse("meetings:add", args=[pupil.pk]), _post_data(pupil, parents_attended=[wrong]))
    assert response.status_code == 400
    assert (
        "Parents and carers who attended: Choose only this pupil&#x27;s parents or carers." in response.content.decode()
    )
    assert Meeting.objects.count() == 0


def test_it_refuses_a_record_without_what_was_discussed(pupil, parent, senco, login):
    response = login(senco).post(reverse("meetings:add", args=[pupil.pk]), _post_data(pupil, discussed=""))
    assert response.status_code == 400
    assert "What was discussed: Say what was discussed." in response.content.decode()
    assert Meeting.objects.count() == 0


def test_it_edits_an_unshared_record(meeting, senco, login):
    url = reverse("meetings:edit", args=[meeting.pupil_id, meeting.pk])
    client = login(senco)
    assert "Maya will have two short sessions" in client.get(url).content.decode()
    response = client.post(url, _post_data(meeting.pupil, agreed="Three sessions."))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agreed == "Three sessions."


def test_it_shares_a_record_and_then_takes_corrections(meeting, senco, login):
    client = login(senco)
    client.post(reverse("meetings:share", args=[meeting.pupil_id, meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.shared_with_parents_on == timezone.localdate()
    url = reverse("meetings:correct", args=[meeting.pupil_id, meeting.pk])
    response = client.post(url, {"part": "agreed", "correction": "Two sessions a week.", "reason": ""})
    assert response.status_code == 400
    assert "Why it is corrected: Say why the record is corrected." in response.content.decode()
    assert MeetingCorrection.objects.count() == 0
    response = client.post(url, {"part": "agreed", "correction": "Two sessions a week.", "reason": "Wrong number."})
    assert response.status_code == 302
    detail = client.get(reverse("meetings:detail", args=[meeting.pupil_id, meeting.pk])).content.decode()
    assert "Two sessions a week." in detail
    assert "Maya will have two short sessions a week with the TA." in detail  # the original is kept


def test_it_explains_when_a_record_is_shared_twice(shared_meeting, senco, login):
    response = login(senco).post(reverse("meetings:share", args=[shared_meeting.pupil_id, shared_meeting.pk]))
    assert response.status_code == 400
    assert "This record was already shared on" in response.content.decode()


def test_it_logs_each_page_view(meeting, senco, login):
    client = login(senco)
    client.get(reverse("meetings:list", args=[meeting.pupil_id]))
    client.get(reverse("meetings:detail", args=[meeting.pupil_id, meeting.pk]))
    client.get(reverse("meetings:copy", args=[meeting.pupil_id, meeting.pk]))
    summaries = list(
        AuditEvent.objects.filter(pupil_id=meeting.pupil_id, action="viewed", actor=senco).values_list(
            "summary", flat=True
        )
    )
    assert "Viewed meetings with parents" in summaries
    assert any(s.startswith("Viewed the record of a meeting") for s in summaries)
    assert any(s.startswith("Read the parents' copy") for s in summaries)
