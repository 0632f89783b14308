"""Writing, reading and acknowledging the passport through the pages."""

from __future__ import annotations

from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.support.profiles.models import ProfileAcknowledgement, PupilProfile
from sendsupport.support.profiles.tests.conftest import TEXT, write


def test_the_senco_writes_the_first_version(pupil, senco, login):
    response = login(senco).post(reverse("profiles:edit", args=[pupil.pk]), TEXT)
    assert response.status_code == 302
    assert PupilProfile.objects.get().version == 1


def test_it_names_the_missing_section_and_saves_nothing(pupil, senco, login):
    response = login(senco).post(reverse("profiles:edit", args=[pupil.pk]), {**TEXT, "strategies": ""})
    assert response.status_code == 400
    assert "Strategies that work: Write the section “Strategies that work”." in response.content.decode()
    assert PupilProfile.objects.count() == 0


def test_it_says_when_nothing_changed(passport, pupil, senco, login):
    response = login(senco).post(reverse("profiles:edit", args=[pupil.pk]), TEXT)
    assert response.status_code == 400
    assert "Nothing has changed since version 1" in response.content.decode()
    assert PupilProfile.objects.count() == 1


def test_the_senco_sees_who_still_has_to_read_it(passport, pupil, senco, teacher, ta, login):
    page = login(senco).get(reverse("profiles:passport", args=[pupil.pk])).content.decode()
    still = page.split("Who still needs to read version 1")[1].split("Who has read version 1")[0]
    assert "Teacher Person" in still and "Ta Person" in still
    login(teacher).post(reverse("profiles:acknowledge", args=[pupil.pk]), {"version": 1})
    login(ta).post(reverse("profiles:acknowledge", args=[pupil.pk]), {"version": 1})
    page = login(senco).get(reverse("profiles:passport", args=[pupil.pk])).content.decode()
    assert "Nobody: every teacher and teaching assistant who works with Maya Evans has read this version." in page


def test_a_teacher_sees_the_button_then_the_confirmation(passport, pupil, teacher, login):
    client = login(teacher)
    url = reverse("profiles:passport", args=[pupil.pk])
    assert "I have read this passport" in client.get(url).content.decode()
    client.post(reverse("profiles:acknowledge", args=[pupil.pk]), {"version": 1})
    page = client.get(url).content.decode()
    assert "You have read this version" in page
    assert "I have read this passport" not in page
    assert "Who still needs to read" not in page


def test_acknowledging_an_old_version_is_refused_with_a_clear_message(passport, pupil, senco, teacher, login):
    write(pupil, senco, strategies="New")
    response = login(teacher).post(reverse("profiles:acknowledge", args=[pupil.pk]), {"version": 1})
    assert response.status_code == 400
    assert "has been replaced by version 2. Read version 2 and confirm that one." in response.content.decode()
    assert ProfileAcknowledgement.objects.count() == 0


def test_acknowledging_without_a_version_is_refused(passport, pupil, teacher, login):
    response = login(teacher).post(reverse("profiles:acknowledge", args=[pupil.pk]), {"version": "x"})
    assert response.status_code == 400
    assert "Choose the version of the passport you have read." in response.content.decode()
    assert login(teacher).post(reverse("profiles:acknowledge", args=[pupil.pk]), {"version": 7}).status_code == 404
    assert ProfileAcknowledgement.objects.count() == 0


def test_a_parent_reads_the_passport_in_plain_english(passport, pupil, parent, login):
    page = login(parent).get(reverse("profiles:passport", args=[pupil.pk])).content.decode()
    assert "Maya Evans's passport" in page
    assert "What is important to me" in page
    assert TEXT["important_to_me"].replace("'", "&#x27;") in page
    for staff_only in ("Who still needs to read", "I have read this passport", "Version 1,", "every version"):
        assert staff_only not in page


def test_an_old_version_stays_readable(passport, pupil, senco, teacher, login):
    write(pupil, senco, strategies="Movement breaks.")
    page = login(teacher).get(reverse("profiles:version", args=[pupil.pk, 1])).content.decode()
    assert TEXT["strategies"] in page
    assert "This version has been replaced." in page


def test_each_page_is_logged(passport, pupil, senco, login):
    client = login(senco)
    client.get(reverse("profiles:passport", args=[pupil.pk]))
    client.get(reverse("profiles:versions", args=[pupil.pk]))
    client.get(reverse("profiles:version", args=[pupil.pk, 1]))
    summaries = set(
        AuditEvent.objects.filter(pupil=pupil, action="viewed", actor=senco).values_list("summary", flat=True)
    )
    assert {
        "Viewed the pupil's passport",
        "Viewed the versions of the pupil's passport",
        "Viewed version 1 of the pupil's passport",
    } <= summaries


def test_the_pupil_page_summarises_the_passport(passport, pupil, senco, teacher, login):
    page = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "Version 1, written on" in page
    assert "<strong>1</strong> member of staff still to read it." in page
    page = login(teacher).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "You have not read this version yet" in page
