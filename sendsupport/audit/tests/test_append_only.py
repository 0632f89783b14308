"""The audit log is append-only: no code path, page or admin screen changes or deletes an entry."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from sendsupport.audit.models import AppendOnlyError, AuditEvent
from sendsupport.audit.services import record_view

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(pupil, senco) -> AuditEvent:
    record_view(user=senco, pupil=pupil, what="Viewed the pupil's record")
    return AuditEvent.objects.latest("pk")


def test_saving_an_existing_entry_again_is_refused(entry):
    entry.summary = "Nothing happened"
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert AuditEvent.objects.get(pk=entry.pk).summary == "Viewed the pupil's record"


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEvent.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: AuditEvent.objects.update(summary="rewritten"),
        lambda: AuditEvent.objects.filter(action="viewed").update(summary="rewritten"),
        lambda: AuditEvent.objects.all().delete(),
        lambda: AuditEvent.objects.filter(action="viewed").delete(),
        lambda: AuditEvent.objects.bulk_update(
            [AuditEvent(pk=pk, summary="rewritten") for pk in AuditEvent.objects.values_list("pk", flat=True)],
            ["summary"],
        ),
    ],
    ids=["update-all", "update-filtered", "delete-all", "delete-filtered", "bulk-update"],
)
def test_querysets_refuse_to_update_or_delete(entry, attempt):
    before = list(AuditEvent.objects.values_list("pk", "summary"))
    with pytest.raises(AppendOnlyError), transaction.atomic():
        attempt()
    assert list(AuditEvent.objects.values_list("pk", "summary")) == before


def test_no_page_changes_the_log(entry, senco, pupil, login):
    client = login(senco)
    before = list(AuditEvent.objects.values_list("pk", "summary"))
    for url in (reverse("audit:school_log"), reverse("audit:pupil_log", args=[pupil.pk])):
        assert client.post(url, {"action": "viewed", "summary": "rewritten"}).status_code == 405
        assert client.delete(url).status_code == 405
    assert list(AuditEvent.objects.values_list("pk", "summary")) == before


def test_the_admin_shows_entries_read_only_even_to_a_system_administrator(entry, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(admin)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    change_url = reverse("admin:audit_auditevent_change", args=[entry.pk])
    assert client.get(change_url).status_code == 200
    # Refusals answer 404 here as everywhere (the site's 403 handler reveals nothing).
    assert client.post(change_url, {"summary": "rewritten"}).status_code == 404
    assert client.post(reverse("admin:audit_auditevent_delete", args=[entry.pk]), {"post": "yes"}).status_code == 404
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 404
    client.post(
        reverse("admin:audit_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert AuditEvent.objects.get(pk=entry.pk).summary == "Viewed the pupil's record"
