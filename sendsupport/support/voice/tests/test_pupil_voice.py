"""Staff capture a pupil's views with the picture scale; the views reach the passport."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import TODAY
from sendsupport.support.voice import services
from sendsupport.support.voice.models import Face, PupilViews

pytestmark = pytest.mark.django_db

FORM = {
    "given_on": "2025-11-19",
    "going_well_face": "5",
    "going_well": "Maths games",
    "hard_face": "2",
    "hard": "",
    "helps_face": "",
    "helps": "Sitting near the front",
    "how_gathered": "Talked with the TA",
}


def test_it_records_a_pupils_views_with_faces_on_the_open_cycle(login, ta, pupil, running):
    answer = login(ta).post(reverse("voice:pupil_voice_new", args=[pupil.pk]), FORM)
    assert answer.status_code == 302
    views = PupilViews.objects.get()
    assert (views.going_well_face, views.hard_face, views.helps_face) == (5, 2, None)
    assert views.cycle == running and views.recorded_by == ta and not views.by_pupil
    assert views.helps == "Sitting near the front"


def test_the_form_shows_each_face_as_a_radio_with_visible_words(login, teacher, pupil):
    body = login(teacher).get(reverse("voice:pupil_voice_new", args=[pupil.pk])).content.decode()
    assert body.count('type="radio"') == 15
    for label in Face.labels:
        assert f"<br>{label}</label>" in body
    assert 'aria-hidden="true" focusable="false"' in body  # the picture adds nothing for a screen reader


def test_it_refuses_views_with_no_answer(login, ta, pupil):
    answer = login(ta).post(reverse("voice:pupil_voice_new", args=[pupil.pk]), {"given_on": "2025-11-19"})
    assert answer.status_code == 400
    assert "at least one question" in answer.content.decode()
    assert PupilViews.objects.count() == 0


def test_it_refuses_a_face_off_the_scale(login, ta, pupil):
    answer = login(ta).post(reverse("voice:pupil_voice_new", args=[pupil.pk]), {**FORM, "going_well_face": "9"})
    assert answer.status_code == 400
    assert "Choose one of the faces shown" in answer.content.decode()
    assert PupilViews.objects.count() == 0


def test_it_refuses_a_date_in_the_future(login, ta, pupil):
    answer = login(ta).post(reverse("voice:pupil_voice_new", args=[pupil.pk]), {**FORM, "given_on": "2025-12-01"})
    assert answer.status_code == 400
    assert "must be today (20 November 2025) or in the past" in answer.content.decode()
    assert PupilViews.objects.count() == 0


def test_views_without_an_open_cycle_are_kept_without_one(pupil, ta):
    views = services.record_pupil_views(pupil=pupil, by=ta, helps="Ear defenders", today=TODAY)
    assert views.cycle is None and views.given_on == TODAY


def test_the_passport_shows_the_pupils_own_words_with_the_date(login, teacher, parent, pupil, voice_record):
    url = reverse("profiles:passport", args=[pupil.pk])
    staff = login(teacher).get(url).content.decode()
    assert "In Maya Evans's own words" in staff
    assert "19 November 2025" in staff and "A word mat and a quiet table" in staff
    assert "What helps me" in staff
    assert "A word mat" not in login(parent).get(url).content.decode()


def test_the_pupil_page_links_to_the_views(login, senco, pupil, voice_record):
    body = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert reverse("voice:pupil_voice", args=[pupil.pk]) in body
    assert "last gave their views on 19 November 2025" in body


def test_the_views_page_lists_every_record_in_a_fixed_number_of_queries(login, senco, ta, pupil, running):
    client = login(senco)
    url = reverse("voice:pupil_voice", args=[pupil.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.record_pupil_views(pupil=pupil, by=ta, helps="One", given_on=date(2025, 11, 1), today=TODAY)
    one = count()
    for day in (3, 4, 5, 6):
        services.record_pupil_views(pupil=pupil, by=ta, helps="More", given_on=date(2025, 11, day), today=TODAY)
    assert count() == one
