"""The database itself refuses to change or delete an audit entry (triggers, on SQLite and PostgreSQL),
whatever the code that asks; emptying the whole database with ``flush`` still works."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_view


@pytest.fixture
def entry(pupil, senco) -> AuditEvent:
    record_view(user=senco, pupil=pupil, what="Viewed the pupil's record")
    return AuditEvent.objects.latest("pk")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET summary = 'rewritten'",
        "UPDATE audit_auditevent SET actor_name = 'someone else' WHERE id = %s",
        "DELETE FROM audit_auditevent",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
    ids=["update-all", "update-one", "delete-all", "delete-one"],
)
def test_it_refuses_raw_sql_that_changes_or_deletes_entries(entry, sql):
    before = list(AuditEvent.objects.values_list("pk", "summary", "actor_name"))
    with (
        pytest.raises(DatabaseError, match="Audit entries cannot be"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk] if "%s" in sql else [])
    assert list(AuditEvent.objects.values_list("pk", "summary", "actor_name")) == before
    assert (entry.pk, "Viewed the pupil's record", "senco") in before


@pytest.mark.django_db
def test_it_refuses_a_raw_delete_that_skips_the_model(entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=entry.pk)._raw_delete(connection.alias)
    assert AuditEvent.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_deleting_a_pupil_keeps_their_audit_entries(entry, pupil):
    """The log outlives the record: entries point at the pupil without a database constraint."""
    pupil_id = pupil.pk
    pupil.delete()
    assert AuditEvent.objects.filter(pupil_id=pupil_id, pk=entry.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database(entry):
    """Transactional tests (and a demo reset) end with ``flush``; the teardown of this test is the check."""
    assert AuditEvent.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_the_events_of_one_request_share_a_request_id(pupil, senco, client):
    client.force_login(senco)
    client.get(reverse("pupils:detail", args=[pupil.pk]))
    client.post(
        reverse("pupils:edit", args=[pupil.pk]),
        {
            "upn": pupil.upn,
            "legal_first_name": pupil.legal_first_name,
            "legal_last_name": "Evans-Ward",
            "date_of_birth": pupil.date_of_birth.isoformat(),
            "sex": pupil.sex,
            "year_group": pupil.year_group,
            "registration_group": pupil.registration_group_id,
            "on_roll_from": pupil.on_roll_from.isoformat(),
        },
    )
    viewed = AuditEvent.objects.get(action="viewed", summary="Viewed the pupil's record")
    changed = AuditEvent.objects.filter(action="changed", pupil=pupil)
    assert viewed.request_id is not None
    assert changed.exists()
    assert {event.request_id for event in changed} == {changed[0].request_id}
    assert changed[0].request_id not in (None, viewed.request_id)
