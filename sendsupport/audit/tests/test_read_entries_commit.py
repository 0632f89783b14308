"""On PostgreSQL, the entries a read writes are committed without waiting for the disk, each list
by one statement that is its own transaction; changes to records, and anything inside another
transaction, always wait."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import (
    begin_capture,
    end_capture,
    record_export,
    record_list_view,
    record_view,
    write_again,
)
from sendsupport.pupils import services as pupil_services

NOT_WAITING = "set_config('synchronous_commit', 'off', true)"


def _sent(write) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        write()
    return [query["sql"] for query in queries.captured_queries]


def _not_waiting(sent: list[str]) -> int:
    """How many statements sent set ``synchronous_commit`` off; each of them also wrote entries."""
    found = [sql for sql in sent if "synchronous_commit" in sql]
    assert all(NOT_WAITING in sql and sql.startswith("INSERT INTO") for sql in found), found
    return len(found)


def _expected(statements: int) -> int:
    return statements if connection.vendor == "postgresql" else 0


@pytest.mark.django_db(transaction=True)
def test_read_entries_on_their_own_do_not_wait_for_the_disk(senco, pupil, other_pupil):
    before = AuditEvent.objects.count()
    sent = _sent(lambda: record_view(user=senco, pupil=pupil, what="Viewed the pupil's record"))
    sent += _sent(lambda: record_export(user=senco, school_id=pupil.school_id, pupil=None, what="API: listed 2"))
    shown = [(pupil.school_id, pupil.pk), (other_pupil.school_id, other_pupil.pk)]
    sent += _sent(lambda: record_list_view(user=senco, shown=shown, what="Saw the pupil listed"))
    assert _not_waiting(sent) == _expected(3)
    assert len(sent) == 3  # one statement for each list of entries, begin and commit included
    assert AuditEvent.objects.count() == before + 4  # every entry is written, and committed


@pytest.mark.django_db(transaction=True)
def test_changes_and_entries_inside_another_transaction_wait(senco, pupil, settings):
    sent = _sent(lambda: pupil_services.update_pupil(pupil=pupil, by=senco, preferred_first_name="Mimi"))

    def inside_a_transaction() -> None:
        with transaction.atomic():
            record_view(user=senco, pupil=pupil, what="Viewed the pupil's record")

    sent += _sent(inside_a_transaction)
    settings.AUDIT_READS_WAIT_FOR_DISK = True
    sent += _sent(lambda: record_view(user=senco, pupil=pupil, what="Viewed the pupil's record"))
    assert _not_waiting(sent) == 0


@pytest.mark.django_db(transaction=True)
def test_a_remembered_pages_entries_are_written_again_in_one_statement(senco, pupil, other_pupil):
    token = begin_capture()
    record_export(user=senco, school_id=pupil.school_id, pupil=None, what="API: listed 2 pupils")
    shown = [(pupil.school_id, pupil.pk), (other_pupil.school_id, other_pupil.pk)]
    record_list_view(user=senco, shown=shown, what="API: listed among pupils")
    written = end_capture(token)
    mark = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sent = _sent(lambda: write_again(user=senco, written=written))
    assert _not_waiting(sent) == _expected(1)
    assert len(sent) == 1  # the export and the list, drawn as two statements
    again = AuditEvent.objects.filter(pk__gt=mark)
    assert sorted(
        again.values_list("action", "object_type", "object_id", "summary", "pupil_id", "school_id")
    ) == sorted(
        [
            ("exported", "school", str(pupil.school_id), "API: listed 2 pupils", None, pupil.school_id),
            ("viewed", "pupil", str(pupil.pk), "API: listed among pupils", pupil.pk, pupil.school_id),
            ("viewed", "pupil", str(other_pupil.pk), "API: listed among pupils", other_pupil.pk, other_pupil.school_id),
        ]
    )
    assert set(again.values_list("actor_id", flat=True)) == {senco.pk}


@pytest.mark.django_db(transaction=True)
def test_what_is_written_next_on_the_connection_waits_again(senco, pupil):
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        (before,) = cursor.fetchone()
        record_view(user=senco, pupil=pupil, what="Viewed the pupil's record")
        cursor.execute("SHOW synchronous_commit")
        (after,) = cursor.fetchone()
    assert before == after == "on"
