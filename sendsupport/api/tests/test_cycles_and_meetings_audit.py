"""Every API read of a pupil's cycles or meetings is in the audit log, once a call; a refused one is not."""

from __future__ import annotations

import pytest

from sendsupport.audit.models import AuditEvent
from sendsupport.core.dates import in_words


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/api/v1/pupils/{id}/cycles", "API: SEN support cycles"),
        ("/api/v1/pupils/{id}/cycles/1", "API: SEN support cycle 1"),
        ("/api/v1/pupils/{id}/meetings", "API: meetings with parents"),
        ("/api/v1/pupils/{id}/meetings/{meeting}", "API: a meeting with parents (Review meeting on {held_on})"),
    ],
)
@pytest.mark.parametrize("persona", ["senco", "parent"])
def test_it_logs_each_view_of_a_pupil(path, what, persona, pupil, personas, tokens, cycles, meetings, api_get):
    shared = meetings["shared"]
    before = AuditEvent.objects.count()
    response = api_get(path.format(id=pupil.pk, meeting=shared.pk), tokens[persona])
    assert response.status_code == 200
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.actor_id, event.pupil_id, event.school_id, event.summary) == (
        "viewed",
        personas[persona].pk,
        pupil.pk,
        pupil.school_id,
        what.format(held_on=in_words(shared.held_on)),
    )


def test_it_logs_nothing_for_a_refused_view(pupil, tokens, cycles, meetings, api_get):
    before = AuditEvent.objects.count()
    for path in ("cycles", "cycles/1", "meetings", f"meetings/{meetings['shared'].pk}"):
        assert api_get(f"/api/v1/pupils/{pupil.pk}/{path}", tokens["other_parent"]).status_code == 404
        assert api_get(f"/api/v1/pupils/{pupil.pk}/{path}", None).status_code == 401
    assert api_get(f"/api/v1/pupils/{pupil.pk}/meetings/{meetings['private'].pk}", tokens["parent"]).status_code == 404
    assert api_get(f"/api/v1/pupils/{pupil.pk}/cycles/9", tokens["senco"]).status_code == 404
    assert AuditEvent.objects.count() == before
