"""A parent's meetings section and reply page read in the words of a translation."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db


def _translate(monkeypatch, words: dict) -> None:
    catalog = trans_real.translation(settings.LANGUAGE_CODE)._catalog._catalogs[0]
    for msgid, msgstr in words.items():
        monkeypatch.setitem(catalog, msgid, msgstr)


def test_it_shows_the_parents_meetings_and_reply_in_the_words_of_a_translation(
    client, pupil, parent, planned, monkeypatch
):
    _translate(
        monkeypatch,
        {
            "Upcoming meetings": "Cyfarfodydd i ddod",  # the portal section, {% translate %}
            'Add to calendar<span class="govuk-visually-hidden">: the meeting on %(date)s</span>': (
                'Ychwanegu at y calendr<span class="govuk-visually-hidden">: %(date)s</span>'
            ),  # {% blocktranslate %}
            "Reply to the meeting invitation": "Ateb y gwahoddiad",  # gettext in the view
            "Can you come?": "Allwch chi ddod?",  # gettext_lazy label
            "Choose whether you can come.": "Dewiswch a allwch chi ddod.",  # gettext_lazy error
            "Thank you. The school has been told your answer.": "Diolch. Mae'r ysgol wedi cael gwybod.",
        },
    )
    client.force_login(parent)
    section = client.get(reverse("portal:child", args=[pupil.pk])).content.decode()
    assert "Cyfarfodydd i ddod" in section and "Ychwanegu at y calendr" in section
    assert "Add to calendar" not in section
    url = reverse("meetings:reply", args=[pupil.pk, planned.pk])
    refused = client.post(url, {"answer": ""})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Ateb y gwahoddiad" in body and "Allwch chi ddod?" in body and "Dewiswch a allwch chi ddod." in body
    answered = client.post(url, {"answer": "yes"}, follow=True)
    assert "Diolch. Mae&#x27;r ysgol wedi cael gwybod." in answered.content.decode()
