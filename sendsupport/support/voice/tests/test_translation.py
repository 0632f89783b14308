"""A parent's views page reads in the words of a translation: form errors and the thank-you message."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import trans_real

from sendsupport.support.voice.forms import LONG

pytestmark = pytest.mark.django_db


def _translate(monkeypatch, words: dict) -> None:
    catalog = trans_real.translation(settings.LANGUAGE_CODE)._catalog._catalogs[0]
    for msgid, msgstr in words.items():
        monkeypatch.setitem(catalog, msgid, msgstr)


def test_it_shows_the_errors_in_the_words_of_a_translation_and_keeps_the_english(
    login, parent, pupil, running, monkeypatch
):
    url = reverse("voice:parent_views", args=[pupil.pk])
    too_long = {"going_well": "x" * (LONG + 1), "worries": "", "next_steps": "", "cycle": running.pk}
    english = login(parent).post(url, too_long).content.decode()
    assert f"Keep this to {LONG} characters or fewer." in english
    _translate(monkeypatch, {"Keep this to %(limit_value)d characters or fewer.": "Dim mwy na %(limit_value)d nod."})
    translated = login(parent).post(url, too_long)
    assert translated.status_code == 400 and f"Dim mwy na {LONG} nod." in translated.content.decode()


def test_it_thanks_the_parent_in_the_words_of_a_translation(login, parent, pupil, running, monkeypatch):
    msgid = "Thank you. Your views about %(name)s have been sent to the school and will be part of the review."
    _translate(monkeypatch, {msgid: "Diolch. Mae eich barn am %(name)s wedi'i hanfon."})
    form = {"going_well": "Reading.", "worries": "", "next_steps": "", "cycle": running.pk}
    page = login(parent).post(reverse("voice:parent_views", args=[pupil.pk]), form, follow=True).content.decode()
    assert f"Mae eich barn am {pupil.display_name} wedi" in page
