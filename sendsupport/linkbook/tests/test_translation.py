"""The parent's link book reads in the words of a translation: templates, form labels, hints and messages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import trans_real

from sendsupport.linkbook import services
from sendsupport.linkbook.models import TEXT_LIMIT
from sendsupport.linkbook.tests.conftest import BASE

pytestmark = pytest.mark.django_db


def _translate(monkeypatch, words: dict) -> None:
    catalog = trans_real.translation(settings.LANGUAGE_CODE)._catalog._catalogs[0]
    for msgid, msgstr in words.items():
        monkeypatch.setitem(catalog, msgid, msgstr)


def test_it_shows_the_book_and_its_form_in_the_words_of_a_translation(
    pupil, entry, teacher, parent, login, monkeypatch
):
    services.reply(thread=entry, by=teacher, side="school", text="Well done.", base_url=BASE)
    services.reply(thread=entry, by=teacher, side="school", text="Again.", base_url=BASE)
    _translate(
        monkeypatch,
        {
            "Home-school link book": "Llyfr cyswllt cartref-ysgol",  # {% translate %}
            "Your message": "Eich neges",  # gettext_lazy label
            "Up to {limit} characters. Once sent it cannot be changed: to correct it, add a reply.": (
                "Hyd at {limit} nod."
            ),  # format_lazy hint
            ("(%(replies)s reply)", 0): "(%(replies)s ateb)",  # blocktranslate count
            ("(%(replies)s reply)", 1): "(%(replies)s o atebion)",
            "From home, %(when)s": "O gartref, %(when)s",
        },
    )
    page = login(parent).get(reverse("linkbook:parent", args=[pupil.pk])).content.decode()
    for expected in [
        "Llyfr cyswllt cartref-ysgol",
        "Eich neges",
        f"Hyd at {TEXT_LIMIT} nod.",
        "(2 o atebion)",
        "O gartref, ",
    ]:
        assert expected in page
    assert "Home-school link book" not in page


def test_it_reads_the_success_message_and_errors_in_the_words_of_a_translation(
    pupil, parent, chosen_teacher, login, monkeypatch
):
    _translate(
        monkeypatch,
        {
            "Write your message.": "Ysgrifennwch eich neges.",
            "Your message has been added to the link book.": "Mae eich neges wedi'i hychwanegu.",
        },
    )
    client = login(parent)
    refused = client.post(reverse("linkbook:parent", args=[pupil.pk]), {"kind": "news", "text": ""})
    assert refused.status_code == 400 and "Ysgrifennwch eich neges." in refused.content.decode()
    sent = client.post(
        reverse("linkbook:parent", args=[pupil.pk]), {"kind": "news", "text": "Swimming today."}, follow=True
    )
    assert "Mae eich neges wedi" in sent.content.decode()


def test_it_names_the_kind_of_message_in_the_words_of_a_translation(pupil, entry, parent, login, monkeypatch):
    _translate(monkeypatch, {"Something positive": "Rhywbeth cadarnhaol"})  # a choice label (gettext_lazy)
    page = login(parent).get(reverse("linkbook:parent", args=[pupil.pk])).content.decode()
    assert "Rhywbeth cadarnhaol" in page
    assert "Something positive" not in page
