"""A list's "viewed" entries, one per pupil shown, are written by one statement however long the list,
each with its own school, pupil and object id and everything else shared (SQLite reads the varying
values from one JSON array, PostgreSQL from three arrays)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_list_view

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("length", [1, 50, 400])  # 400 entries: beyond SQLite's 999 values in one statement
def test_every_pupil_shown_gets_its_own_entry_in_one_statement(senco, school, other_school, length):
    shown = [(school.pk if number % 3 else other_school.pk, 10_000 + number) for number in range(length)]
    with CaptureQueriesContext(connection) as queries:
        written = record_list_view(user=senco, shown=shown, what="Viewed the register")
    assert written == length
    assert [query["sql"].split(" ", 1)[0] for query in queries.captured_queries] == ["INSERT"]
    entries = list(
        AuditEvent.objects.order_by("pk").values_list(
            "school_id", "pupil_id", "object_type", "object_id", "actor_id", "action", "summary", "request_id"
        )
    )
    assert [(school_id, pupil_id, object_id) for school_id, pupil_id, _type, object_id, *_rest in entries] == [
        (school_id, pupil_id, str(pupil_id)) for school_id, pupil_id in shown
    ]
    assert {tuple(entry[4:7]) for entry in entries} == {(senco.pk, AuditEvent.Action.VIEWED, "Viewed the register")}
    assert {entry[2] for entry in entries} == {"pupil"}
    assert len({entry[7] for entry in entries}) == 1  # one request's entries share its id
