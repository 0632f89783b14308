"""The provision map's filters and groups, impact by intervention, entry and exit measures, and one
member of staff's groups, as the SENCO, the TA and a teacher use them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.provision import selectors
from sendsupport.provision.choices import MeasureKind
from sendsupport.provision.models import ImpactMeasure
from sendsupport.provision.selectors_map import MapFilters, impact_by_intervention, provision_map
from sendsupport.provision.services.impact import save_measure
from sendsupport.support.choices import Rating
from sendsupport.support.tests.helpers import reviewed_cycle

DAY = date(2026, 12, 1)


def measure(provision, pupil, kind, score, scale="Reading age in months", on=date(2026, 9, 7)):
    return save_measure(
        provision=provision,
        pupil=pupil,
        by=None,
        kind=kind,
        score=Decimal(score),
        scale=scale,
        measured_on=on,
        today=DAY,
    )


def test_it_filters_by_year_group_and_groups_a_mixed_group_under_each_year(provision, school, pupil, other_pupil):
    by_year = provision_map(school, day=DAY, filters=MapFilters(group_by="year_group"))
    assert [(group.title, [row.name for row in group.rows]) for group in by_year.groups] == [
        ("Year 4", ["Phonics group A"]),
        ("Year 5", ["Phonics group A"]),
    ]
    assert provision_map(school, day=DAY, filters=MapFilters(year_group="6")).rows == []
    assert provision_map(school, day=DAY, filters=MapFilters(area="semh")).rows == []
    only = provision_map(school, day=DAY, filters=MapFilters(year_group="5", funding="notional_sen")).rows
    assert [(row.name, row.pupils, row.schedule) for row in only] == [
        ("Phonics group A", 2, "30 minutes, 3 times a week")
    ]


def test_the_map_page_filters_with_a_get_form_and_ignores_what_it_does_not_know(provision, teacher, login):
    client = login(teacher)
    page = client.get(reverse("provision:map"), {"area": "cognition", "group_by": "funding"})
    assert page.status_code == 200
    assert "Funding stream: Notional SEN budget" in page.content.decode()
    stale = client.get(reverse("provision:map"), {"intervention": "999999"})
    assert stale.status_code == 200
    assert "Phonics group A" in stale.content.decode()


def test_it_shows_which_interventions_work(
    provision, delivered_session, role_costs, school, senco, teacher, pupil, other_pupil
):
    maya = reviewed_cycle(pupil, senco, teacher, rating=Rating.MET)
    ben = reviewed_cycle(other_pupil, senco, teacher, rating=Rating.NOT_MET)
    provision.outcomes.add(*maya.plan.outcomes.all(), *ben.plan.outcomes.all())
    measure(provision, pupil, MeasureKind.ENTRY, "80")
    measure(provision, pupil, MeasureKind.EXIT, "86.5", on=date(2026, 11, 30))
    measure(provision, other_pupil, MeasureKind.ENTRY, "70")  # no exit yet: not in the gain

    [impact] = impact_by_intervention(school, day=DAY, with_costs=True)
    delivered = selectors.school_costs(school, day=DAY).provisions[provision.pk].delivered_to_date
    assert (impact.name, impact.pupils, impact.measured, impact.mean_gain) == (
        "Phonics catch-up",
        2,
        1,
        Decimal("6.50"),
    )
    assert (impact.met, impact.rated, impact.met_percent) == (1, 2, 50)
    assert (impact.present, impact.absent, impact.attendance_percent) == (1, 1, 50)
    assert impact.delivered_pence == delivered == 900  # one 30-minute session of a £18 TA hour
    assert impact.cost_per_pupil == 450
    assert impact.cost_per_gain == 69  # £4.50 for 6.5 points
    assert impact_by_intervention(school, day=DAY)[0].cost_per_pupil is None  # without costs: none at all


def test_it_records_and_corrects_a_measure_from_the_provisions_page(provision, pupil, ta, login):
    client = login(ta)
    url = reverse("provision:map_measure", args=[provision.pk, pupil.pk, "entry"])
    data = {"score": "84", "scale": "Standardised reading score", "measured_on": "2026-09-07"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "score": "85"}).status_code == 302
    saved = ImpactMeasure.objects.get()
    assert (saved.score, saved.kind, saved.recorded_by) == (Decimal("85.00"), "entry", ta)
    assert AuditEvent.objects.filter(pupil=pupil, object_type="impact measure").count() == 2
    page = client.get(reverse("provision:map_provision_impact", args=[provision.pk])).content.decode()
    assert "85.00 (Standardised reading score)" in page


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("exit", {"score": "90", "scale": "Boxall profile", "measured_on": "2026-10-01"}, "Use the same scale"),
        ("exit", {"score": "90", "scale": "Reading age", "measured_on": "2026-09-01"}, "on or after the entry"),
        ("entry", {"score": "90", "scale": "Reading age", "measured_on": "2099-01-01"}, "today"),
        ("entry", {"score": "-3", "scale": "Reading age", "measured_on": "2026-09-07"}, "cannot be negative"),
        ("entry", {"score": "lots", "scale": "Reading age", "measured_on": "2026-09-07"}, "as a number"),
    ],
)
def test_it_refuses_a_measure_that_makes_no_sense(kind, data, message, provision, other_pupil, senco, login):
    measure(provision, other_pupil, MeasureKind.ENTRY, "70", scale="Reading age", on=date(2026, 9, 7))
    before = list(ImpactMeasure.objects.values())
    response = login(senco).post(reverse("provision:map_measure", args=[provision.pk, other_pupil.pk, kind]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(ImpactMeasure.objects.values()) == before


def test_the_staff_page_lists_the_groups_they_deliver(
    provision, delivered_session, role_costs, ta, teacher, senco, login
):
    client = login(senco)
    page = client.get(reverse("provision:map_staff", args=[ta.pk])).content.decode()
    assert "Phonics group A" in page and "Groups delivered by Ta Person" in page
    none = client.get(reverse("provision:map_staff", args=[teacher.pk])).content.decode()
    assert "They deliver no provision this school year." in none


def test_the_map_is_linked_from_the_home_page_and_links_to_the_staff_view(provision, senco, ta, login):
    client = login(senco)
    assert reverse("provision:map") in client.get(reverse("home")).content.decode()
    assert reverse("provision:map_staff", args=[ta.pk]) in client.get(reverse("provision:map")).content.decode()
