"""Every change in the graduated approach reaches the audit log with its pupil; every page view is logged."""

from __future__ import annotations

from django.urls import reverse

from sendsupport.audit.models import AuditEvent


def test_each_change_is_logged_against_the_pupil_and_who_made_it(running, senco):
    logged = set(
        AuditEvent.objects.filter(pupil=running.pupil, actor=senco, action="created").values_list(
            "object_type", flat=True
        )
    )
    assert {"cycle", "assessment", "plan", "outcome"} <= logged
    agreed = AuditEvent.objects.filter(pupil=running.pupil, object_type="plan", action="changed").first()
    assert {"field": "status", "before": "draft", "after": "agreed"} in agreed.changes


def test_the_pages_record_who_viewed_the_record(running, teacher, login):
    client = login(teacher)
    client.get(reverse("support:timeline", args=[running.pupil_id]))
    client.get(reverse("support:plan", args=[running.pupil_id, 1]))
    summaries = list(
        AuditEvent.objects.filter(pupil=running.pupil, actor=teacher, action="viewed").values_list("summary", flat=True)
    )
    assert "Viewed the SEN support timeline" in summaries
    assert "Viewed the SEN support plan for cycle 1" in summaries
