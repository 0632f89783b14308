"""The fast insert path writes the same rows as Django and django-simple-history would."""

from __future__ import annotations

from datetime import date

import pytest
from simple_history.utils import bulk_create_with_history

from conftest import make_pupil
from sendsupport.interop.services.fast_insert import create_with_history, update_with_history
from sendsupport.pupils.models import SENNeed, SENStatus

pytestmark = pytest.mark.django_db
SKIP = {"history_id", "history_date", "id", "recorded_at"}


def rows(queryset) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in SKIP} for row in queryset.order_by("pk").values()]


def test_rows_and_history_match_simple_history_bulk_create(school, senco):
    first, second = make_pupil(school), make_pupil(school)
    ours = [SENStatus(pupil=first, provision="K", start_date=date(2024, 9, 1), reason="Imported")]
    theirs = [SENStatus(pupil=second, provision="K", start_date=date(2024, 9, 1), reason="Imported")]
    create_with_history(SENStatus, ours, user=senco)
    bulk_create_with_history(theirs, SENStatus, default_user=senco)
    mine, reference = rows(SENStatus.objects.filter(pupil=first)), rows(SENStatus.objects.filter(pupil=second))
    assert [{**r, "pupil_id": None} for r in mine] == [{**r, "pupil_id": None} for r in reference]
    assert ours[0].pk == SENStatus.objects.get(pupil=first).pk
    history = rows(SENStatus.history.filter(pupil=first))
    expected = rows(SENStatus.history.filter(pupil=second))
    assert [{**r, "pupil_id": None} for r in history] == [{**r, "pupil_id": None} for r in expected]
    assert history[0]["history_user_id"] == senco.pk and history[0]["history_type"] == "+"


def test_updates_write_a_change_history_row(school, senco):
    pupil = make_pupil(school, provision="K", needs=[("SLCN", 1)])
    need = SENNeed.objects.get(pupil=pupil)
    need.end_date = date(2025, 1, 1)
    update_with_history(SENNeed, [need], ["end_date"], user=senco)
    latest = SENNeed.history.filter(id=need.pk).order_by("-history_id").first()
    assert (latest.history_type, latest.end_date, latest.history_user) == ("~", date(2025, 1, 1), senco)
    assert latest.prev_record is not None
