"""The evidence pack is assembled from the records: what the local authority expects, in fixed queries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema_rs
import pytest
from django.conf import settings

from sendsupport.provision.selectors import pupil_costs
from sendsupport.schools.models import SchoolPolicy
from sendsupport.statutory.evidence.pack import build_pack
from sendsupport.statutory.tests import evidence_records
from sendsupport.support.specialists.models import SpecialistInvolvement

TODAY = date(2025, 11, 20)
SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs" / "schemas" / "ehc-evidence-pack.schema.json").read_text())


@pytest.fixture
def recorded(pupil, senco, teacher, ta):
    evidence_records.whole_record(pupil, senco, teacher, ta)
    return pupil


def test_it_tells_the_story_of_both_cycles_with_their_outcomes_and_ratings(recorded, senco):
    data = build_pack(senco, recorded, today=TODAY)

    assert [c.number for c in data.cycles] == [1, 2]
    assert [c.expected_progress for c in data.cycles] == [False, False]
    assert data.less_than_expected_in_a_row == 2
    first = data.cycles[0]
    assert first.attainment.startswith("Reading age 18 months below")
    assert first.outcomes[0].rating == "Partly met"
    assert first.outcomes[0].latest_measure == "6 out of 10"
    assert first.next_step == "Add specialist involvement"


def test_it_holds_the_register_and_needs_over_time(recorded, senco):
    data = build_pack(senco, recorded, today=TODAY)

    assert data.pupil.sen_provision == "K"
    assert {(n.code, n.rank) for n in data.needs if n.end_date is None} == {("SLCN", 1), ("SEMH", 2)}
    assert data.register[-1].provision == "K"


def test_its_costs_are_the_provision_maps_to_the_penny(recorded, senco):
    data = build_pack(senco, recorded, today=TODAY)
    costs = pupil_costs(recorded, day=TODAY)

    assert data.costs.projected_year_pence == costs.pupil_total(recorded.pk, "projected_year") > 0
    assert data.costs.planned_to_date_pence == costs.pupil_total(recorded.pk, "planned_to_date")
    assert data.costs.provisions[0].costed
    assert data.costs.provisions[0].projected_year_pence == data.costs.projected_year_pence


def test_the_threshold_is_the_schools_figure(recorded, senco, school):
    SchoolPolicy.objects.update_or_create(school=school, defaults={"element2_threshold_pence": 100})

    data = build_pack(senco, recorded, today=TODAY)

    assert data.costs.threshold_pence == 100
    assert data.costs.over_threshold


def test_it_holds_advice_views_and_meetings(recorded, senco):
    data = build_pack(senco, recorded, today=TODAY)

    assert data.specialists[0].advice.startswith("Daily receptive language work")
    assert data.specialists[0].parental_consent
    assert "Listening on the carpet." in data.pupil_views[0].text
    assert "cannot follow what the teacher says" in data.parent_views[0].text
    assert data.meetings[0].agreed.startswith("The school will prepare")


def test_its_json_follows_the_published_schema(recorded, senco):
    pack = evidence_records.pack(recorded, senco)

    document = build_pack(senco, recorded, pack, today=TODAY).as_json()

    jsonschema_rs.validator_for(SCHEMA, validate_formats=True).validate(document)
    assert document["school_part"]["parents_involved_on"] == "2025-11-14"
    assert document["costs"]["threshold_pence"] == 600000


def test_the_schema_rejects_money_that_is_not_whole_pence(recorded, senco):
    document = build_pack(senco, recorded, today=TODAY).as_json()
    document["costs"]["projected_year_pence"] = 12.5

    assert not jsonschema_rs.validator_for(SCHEMA).is_valid(document)


def test_the_published_schema_is_a_valid_2020_12_schema():
    assert jsonschema_rs.meta.is_valid(SCHEMA)


# Register and needs, cycles, scores, outcomes, advice, two kinds of views, meetings: one each. The
# provision map's own costing (policy, terms, provisions, costs, deliverers, members, sessions,
# attendance, extras) and the provisions' names; the school's threshold.
QUERIES = 21


def _many_more_rows(pupil, senco):
    for _ in range(4):
        evidence_records.specialist_advice(pupil, senco)
        evidence_records.views_and_meeting(pupil, senco)
    SpecialistInvolvement.objects.filter(pupil=pupil).update(organisation="Another service")


@pytest.mark.parametrize("many", [False, True], ids=["one of each", "many"])
def test_it_reads_in_a_fixed_number_of_queries(many, pupil, senco, teacher, ta, django_assert_num_queries):
    evidence_records.two_cycles_short_of_expected(pupil, senco, teacher, cycles=2 if many else 1)
    evidence_records.specialist_advice(pupil, senco)
    evidence_records.views_and_meeting(pupil, senco)
    evidence_records.phonics_group(pupil.school, pupil, ta)
    if many:
        _many_more_rows(pupil, senco)
        evidence_records.phonics_group(pupil.school, pupil, ta, name="Reading catch-up")
    pack = evidence_records.pack(pupil, senco)

    with django_assert_num_queries(QUERIES):
        build_pack(senco, pupil, pack, today=TODAY)
