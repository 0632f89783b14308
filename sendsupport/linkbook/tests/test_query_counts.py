"""Exact query counts for the book, with one entry and with many (each with replies): the same
number shows there is no N+1. When a change moves a number on purpose, update it and say why."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.linkbook import services
from sendsupport.linkbook.tests.conftest import BASE, write

pytestmark = pytest.mark.django_db

# -1 each: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 each: the session is read with its user, in one query (accounts.sessions).
BASELINES = {"linkbook:staff": 8, "linkbook:parent": 8, "linkbook:staff_entry": 7}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _conversation(pupil, parent, teacher, replies: int):
    entry = write(pupil, parent)
    for number in range(replies):
        services.reply(thread=entry, by=teacher, side="school", text=f"Reply {number}", base_url=BASE)
    return entry


@pytest.mark.parametrize("persona", ["teacher", "parent"])
def test_the_book_does_not_grow_with_the_number_of_entries(persona, pupil, parent, teacher, chosen_teacher, login):
    name = "linkbook:staff" if persona == "teacher" else "linkbook:parent"
    url = reverse(name, args=[pupil.pk])
    client = login(teacher if persona == "teacher" else parent)
    _conversation(pupil, parent, teacher, replies=1)
    assert _count(client, url) == BASELINES[name]
    for _ in range(14):
        _conversation(pupil, parent, teacher, replies=3)
    assert _count(client, url) == BASELINES[name]


def test_a_conversation_does_not_grow_with_its_replies(pupil, parent, teacher, chosen_teacher, login):
    client = login(teacher)
    entry = _conversation(pupil, parent, teacher, replies=1)
    url = reverse("linkbook:staff_entry", args=[pupil.pk, entry.pk])
    assert _count(client, url) == BASELINES["linkbook:staff_entry"]
    for number in range(20):
        services.reply(thread=entry, by=parent, side="home", text=f"More {number}", base_url=BASE)
    assert _count(client, url) == BASELINES["linkbook:staff_entry"]
