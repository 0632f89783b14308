"""The intervention library's services: adding, changing, sharing and stopping an intervention, and
adding the common interventions. Bad input names the field and the rule, and saves nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sendsupport.audit.models import AuditEvent
from sendsupport.provision.library_seed import COMMON_INTERVENTIONS
from sendsupport.provision.models import Intervention
from sendsupport.provision.services import library

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Lego-based social group",
    "area": "communication",
    "description": "Building together, taking turns as builder, supplier and engineer.",
    "group_size": 3,
    "session_minutes": 45,
    "sessions_per_week": 1,
    "delivered_by": "ta",
}


def test_it_adds_an_intervention_and_audits_who_did(school, senco):
    added = library.create_intervention(school=school, by=senco, **GOOD, extra_cost_pence=4500)
    assert (added.school, added.name, added.extra_cost_pence, added.active) == (school, GOOD["name"], 4500, True)
    event = AuditEvent.objects.get(object_type=Intervention._meta.verbose_name, object_id=str(added.pk))
    assert (event.action, event.actor, event.school_id) == ("created", senco, school.pk)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the intervention's name"),
        ({"name": "phonics CATCH-UP"}, "name", "already has an intervention called"),
        ({"description": "  "}, "description", "Say what happens in a session"),
        ({"group_size": 0}, "group_size", "must be 1 or more"),
        ({"session_minutes": -5}, "session_minutes", "must be 1 or more"),
        ({"session_minutes": 2000}, "session_minutes", "longer than a day"),
        ({"sessions_per_week": 0}, "sessions_per_week", "must be 1 or more"),
        ({"extra_cost_pence": -100}, "extra_cost_pence", "cannot be less than nothing"),
        ({"evidence_url": "not a link"}, "evidence_url", "valid URL"),
        ({"area": "maths"}, "area", "not a valid choice"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(school, senco, intervention, change, field, message):
    before = (list(Intervention.objects.values()), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        library.create_intervention(school=school, by=senco, **{**GOOD, **change})
    assert field in error.value.message_dict
    assert message in error.value.message_dict[field][0]
    assert (list(Intervention.objects.values()), AuditEvent.objects.count()) == before


def test_it_shares_with_the_trust_and_stops_offering(school, senco, intervention):
    library.update_intervention(
        intervention=intervention, school=school, by=senco, shared_with_trust=True, active=False
    )
    intervention.refresh_from_db()
    assert (intervention.shared_with_trust, intervention.active) == (True, False)
    event = AuditEvent.objects.filter(action="changed", object_id=str(intervention.pk)).get()
    assert {change["field"] for change in event.changes} == {"shared_with_trust", "active"}


def test_another_schools_intervention_cannot_be_changed_here(school, other_school, senco):
    theirs = Intervention.objects.create(
        school=other_school, name="Theirs", area="cognition", description="x", delivered_by="ta"
    )
    with pytest.raises(ValidationError, match="belongs to another school"):
        library.update_intervention(intervention=theirs, school=school, by=senco, name="Ours now")
    theirs.refresh_from_db()
    assert theirs.name == "Theirs"


def test_it_adds_the_common_interventions_once_keeping_what_the_school_has(school, senco, intervention):
    added = library.add_common_interventions(school=school, by=senco)
    names = [entry["name"] for entry in COMMON_INTERVENTIONS]
    assert len(names) >= 12
    # The school already has "Phonics catch-up" (the fixture): it is kept as it is, not added twice.
    assert sorted(i.name for i in added) == sorted(n for n in names if n != "Phonics catch-up")
    assert Intervention.objects.get(school=school, name="Phonics catch-up").pk == intervention.pk
    assert library.add_common_interventions(school=school, by=senco) == []
    assert Intervention.objects.filter(school=school).count() == len(names)


def test_the_common_interventions_claim_no_evidence_we_cannot_stand_by():
    for entry in COMMON_INTERVENTIONS:
        assert entry.get("evidence_url", "") == ""
        assert entry["description"] and entry["evidence"]
        assert "%" not in entry["evidence"]  # no effect sizes or percentages quoted
