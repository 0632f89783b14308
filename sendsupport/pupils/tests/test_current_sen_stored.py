"""The stored current SEN status (``CurrentSEN``) never disagrees with the dated history it is
read instead of: whatever sequence of changes, corrections and deletions a school makes, the
register, the to-do list and the LA overview show what the history says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import OuterRef, Subquery
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, make_pupil
from sendsupport.pupils import services
from sendsupport.pupils.current_sen import refresh
from sendsupport.pupils.models import CurrentSEN, Pupil, SENNeed, SENStatus
from sendsupport.pupils.selectors import with_current_sen

pytestmark = pytest.mark.django_db

NEEDS = ["SLCN", "SEMH", "MLD", "SPLD", "ASD"]


def from_history(queryset):
    """The rule the lists applied before the status was stored: correlated subqueries per pupil."""
    latest = SENStatus.objects.filter(pupil=OuterRef("pk")).order_by("-start_date", "-id")
    need = SENNeed.objects.filter(pupil=OuterRef("pk"), end_date__isnull=True)
    return queryset.annotate(
        h_provision=Subquery(latest.values("provision")[:1]),
        h_primary=Subquery(need.filter(rank=1).values("need_type")[:1]),
        h_secondary=Subquery(need.filter(rank=2).values("need_type")[:1]),
    )


def disagreements() -> list:
    pupils = from_history(with_current_sen(Pupil.objects.all()))
    return [
        (p.pk, (p.current_provision, p.primary_need, p.secondary_need), (p.h_provision, p.h_primary, p.h_secondary))
        for p in pupils
        if (p.current_provision, p.primary_need, p.secondary_need) != (p.h_provision, p.h_primary, p.h_secondary)
    ]


change = st.tuples(
    st.sampled_from(["change", "delete_latest", "end_needs"]),
    st.sampled_from(["N", "K", "E"]),
    st.lists(st.sampled_from(NEEDS), min_size=0, max_size=2, unique=True),
    st.integers(min_value=0, max_value=40),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.integers(0, 1), change), max_size=8))
def test_stored_and_history_never_disagree(school, senco, steps):
    pupils = [make_pupil(school, provision="K", needs=[("SLCN", 1)]), make_pupil(school)]
    day = date(2024, 9, 1)
    try:
        for which, (kind, provision, needs, gap) in steps:
            pupil = pupils[which]
            day = min(day + timedelta(days=gap), TODAY)
            if kind == "change":
                ranked = [(need, rank) for rank, need in enumerate(needs, start=1)] if provision != "N" else []
                if provision != "N" and not ranked:
                    ranked = [("MLD", 1)]
                services.change_sen_status(
                    pupil=pupil, provision=provision, needs=ranked, start_date=day, reason="Test", by=senco, today=TODAY
                )
            elif kind == "delete_latest":
                latest = pupil.sen_statuses.order_by("-start_date", "-id").first()
                if latest:
                    latest.delete()  # a correction in the admin
            else:
                for need in SENNeed.objects.filter(pupil=pupil, end_date__isnull=True):
                    need.end_date = day
                    need.save()
            assert disagreements() == []
    finally:
        Pupil.objects.filter(pk__in=[p.pk for p in pupils]).delete()
    assert not CurrentSEN.objects.filter(pupil_id__in=[p.pk for p in pupils]).exists()


def test_deleting_a_pupil_deletes_its_row_and_leaves_no_dangling_one(school):
    pupil = make_pupil(school, provision="E", needs=[("ASD", 1), ("SLCN", 2)])
    assert CurrentSEN.objects.filter(pupil=pupil).values_list("provision", "primary_need", "secondary_need").get() == (
        "E",
        "ASD",
        "SLCN",
    )
    pupil.delete()
    assert not CurrentSEN.objects.exists()


def test_refresh_repairs_rows_written_around_the_signals(school):
    """Bulk inserts send no signals: their writers call ``refresh``, which puts the rows right."""
    pupil = make_pupil(school)
    SENStatus.objects.bulk_create([SENStatus(pupil=pupil, provision="K", start_date=date(2025, 1, 6))])
    SENNeed.objects.bulk_create([SENNeed(pupil=pupil, need_type="MLD", rank=1, start_date=date(2025, 1, 6))])
    assert disagreements() != []
    refresh([pupil.pk])
    assert disagreements() == []
    assert with_current_sen(Pupil.objects.filter(pk=pupil.pk)).get().current_provision == "K"


def test_a_pupil_with_no_history_has_no_status_as_before(school):
    pupil = make_pupil(school)
    found = with_current_sen(Pupil.objects.filter(pk=pupil.pk)).get()
    assert (found.current_provision, found.primary_need, found.secondary_need) == (None, None, None)
