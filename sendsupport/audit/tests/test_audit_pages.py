"""The SENCO and head read the log for their school and for one pupil; everyone else gets a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_pupil, make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_export, record_view
from sendsupport.schools.models import Role, StaffMembership
from sendsupport.testing.personas import MANAGERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(other_school):
    """A pupil at another school, seen by that school's SENCO."""
    outsider = make_pupil(other_school, first="Hidden", last="Elsewhere")
    their_senco = make_user("theirsenco")
    StaffMembership.objects.create(user=their_senco, school=other_school, role=Role.SENCO)
    record_view(user=their_senco, pupil=outsider, what="Viewed the pupil's record")
    return outsider


@pytest.mark.parametrize("persona", sorted(MANAGERS))
def test_managers_read_their_schools_log(persona, personas, pupil, other_pupil, elsewhere, login):
    record_view(user=personas["teacher"], pupil=pupil, what="Viewed the pupil's record")
    response = login(personas[persona]).get(reverse("audit:school_log"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Viewed the pupil&#x27;s record" in html
    assert "Maya Evans" in html and "teacher" in html
    assert "Added SEN status" in html
    assert "Elsewhere" not in html and "theirsenco" not in html


def test_the_school_log_can_show_one_kind_of_entry(senco, pupil, login):
    record_view(user=senco, pupil=pupil, what="Looked at the passport")
    record_export(user=senco, school_id=pupil.school_id, pupil=pupil, what="Downloaded the census file")
    client = login(senco)
    exported = client.get(reverse("audit:school_log"), {"action": "exported"}).content.decode()
    assert "Downloaded the census file" in exported and "Looked at the passport" not in exported
    everything = client.get(reverse("audit:school_log"), {"action": "nonsense"}).content.decode()
    assert "Downloaded the census file" in everything and "Looked at the passport" in everything


@pytest.mark.parametrize("persona", sorted(MANAGERS))
def test_managers_read_one_pupils_log(persona, personas, pupil, other_pupil, login):
    record_view(user=personas["teacher"], pupil=other_pupil, what="Viewed Ben's record")
    record_view(user=personas["teacher"], pupil=pupil, what="Viewed Maya's record")
    html = login(personas[persona]).get(reverse("audit:pupil_log", args=[pupil.pk])).content.decode()
    assert "Viewed Maya&#x27;s record" in html
    assert "Viewed Ben" not in html
    assert "Audit log for Maya Evans" in html


def test_a_senco_cannot_read_another_schools_pupil_log(senco, elsewhere, login):
    client = login(senco)
    forbidden = client.get(reverse("audit:pupil_log", args=[elsewhere.pk]))
    missing = client.get(reverse("audit:pupil_log", args=[elsewhere.pk + 1000]))
    assert forbidden.status_code == missing.status_code == 404


def test_reading_the_log_is_not_itself_a_view_of_a_pupils_record(senco, pupil, login):
    before = AuditEvent.objects.filter(action="viewed").count()
    login(senco).get(reverse("audit:school_log"))
    assert AuditEvent.objects.filter(action="viewed").count() == before
