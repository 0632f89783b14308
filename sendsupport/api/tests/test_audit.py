"""Every API read of a pupil's record is in the audit log; a list is logged once per school listed."""

from __future__ import annotations

import pytest

from sendsupport.audit.models import AuditEvent


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/api/v1/pupils/{id}", "API: pupil record"),
        ("/api/v1/pupils/by-upn/{upn}", "API: pupil record, found by UPN"),
        ("/api/v1/pupils/{id}/sen-statuses", "API: SEN status history"),
        ("/api/v1/pupils/{id}/needs", "API: needs"),
    ],
)
def test_it_logs_each_view_of_a_pupil(path, what, pupil, senco, tokens, api_get):
    before = AuditEvent.objects.count()
    response = api_get(path.format(id=pupil.pk, upn=pupil.upn), tokens["senco"])
    assert response.status_code == 200
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.actor_id, event.pupil_id, event.school_id, event.summary) == (
        "viewed",
        senco.pk,
        pupil.pk,
        pupil.school_id,
        what,
    )


def test_it_logs_nothing_for_a_refused_view(other_pupil, tokens, api_get):
    before = AuditEvent.objects.count()
    assert api_get(f"/api/v1/pupils/{other_pupil.pk}", tokens["teacher"]).status_code == 404
    assert api_get(f"/api/v1/pupils/{other_pupil.pk}", None).status_code == 401
    assert AuditEvent.objects.count() == before


def test_it_logs_a_list_once_per_school_with_the_number_listed(
    school, other_school, pupil, other_pupil, senco, tokens, api_get, add_pupil
):
    from sendsupport.schools.models import StaffMembership

    StaffMembership.objects.create(user=senco, school=other_school, role="senco")
    zed = add_pupil(other_school, first="Zed", last="Other")
    before = AuditEvent.objects.count()
    assert api_get("/api/v1/pupils", tokens["senco"]).json()["count"] == 3
    events = list(AuditEvent.objects.order_by("id")[before:])
    # One entry per school with the number listed, and one per pupil so each child's log shows it.
    assert sorted((e.school_id, e.action, e.pupil_id or 0, e.summary) for e in events) == sorted(
        [
            (school.pk, "exported", 0, "API: listed 2 pupils"),
            (other_school.pk, "exported", 0, "API: listed 1 pupils"),
            (school.pk, "viewed", pupil.pk, "API: listed among pupils"),
            (school.pk, "viewed", other_pupil.pk, "API: listed among pupils"),
            (other_school.pk, "viewed", zed.pk, "API: listed among pupils"),
        ]
    )
    assert all(e.actor_id == senco.pk for e in events)


def test_an_empty_list_logs_nothing(tokens, api_get, pupil):
    before = AuditEvent.objects.count()
    assert api_get("/api/v1/pupils", tokens["governor"]).json()["items"] == []
    assert AuditEvent.objects.count() == before
