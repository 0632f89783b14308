"""Keeps ``CurrentSEN`` (each pupil's current provision and needs) equal to the SEN history.

``refresh(pupil_ids)`` works the rows out again from ``SENStatus`` and ``SENNeed`` with the same
rule the lists used to apply per pupil in SQL: the status with the latest start date (then the
latest id), and the needs with no end date by rank. Saving or deleting a status or a need refreshes
its pupil (signals connected in ``PupilsConfig.ready``), so a service, a factory or the admin cannot
forget it; code that writes history with ``bulk_create`` or raw inserts (the CTF import, the
synthetic data) calls ``refresh`` itself once for all the pupils it touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from sendsupport.pupils.models import CurrentSEN, Pupil, SENNeed, SENStatus

BATCH = 2000


def refresh(pupil_ids: Iterable[int]) -> None:
    """Rewrite the current-SEN rows of these pupils from their history (four queries a batch)."""
    ids = sorted(set(pupil_ids))
    for start in range(0, len(ids), BATCH):
        _refresh_batch(ids[start : start + BATCH])


@transaction.atomic
def _refresh_batch(ids: list[int]) -> None:
    rows: dict[int, CurrentSEN] = {}
    for pupil_id, provision in (
        SENStatus.objects.filter(pupil_id__in=ids)
        .order_by("pupil_id", "-start_date", "-id")
        .values_list("pupil_id", "provision")
    ):
        if pupil_id not in rows:
            rows[pupil_id] = CurrentSEN(pupil_id=pupil_id, provision=provision)
    for pupil_id, need_type, rank in (
        SENNeed.objects.filter(pupil_id__in=ids, end_date__isnull=True, rank__in=(1, 2))
        .order_by("pupil_id", "rank", "-start_date", "-id")
        .values_list("pupil_id", "need_type", "rank")
    ):
        row = rows.setdefault(pupil_id, CurrentSEN(pupil_id=pupil_id))
        field = "primary_need" if rank == 1 else "secondary_need"
        if getattr(row, field) is None:
            setattr(row, field, need_type)
    CurrentSEN.objects.filter(pupil_id__in=ids).delete()
    CurrentSEN.objects.bulk_create(rows.values())


def refresh_all() -> None:
    """Every pupil's row again (after a bulk load, or to repair by hand: ``manage.py shell``)."""
    refresh(Pupil.objects.order_by().values_list("pk", flat=True))


def _on_history_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures load history and pupils in any order: they refresh_all after
        refresh([instance.pupil_id])


def _on_history_deleted(sender: Any, instance: Any, origin: Any = None, **kwargs: Any) -> None:
    # Deleting a pupil deletes its history and its row together: writing the row again here would
    # point at a pupil about to go.
    if isinstance(origin, Pupil) or getattr(origin, "model", None) is Pupil:
        return
    refresh([instance.pupil_id])


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in (SENStatus, SENNeed):
        post_save.connect(_on_history_saved, sender=model, dispatch_uid=f"current_sen_saved_{model.__name__}")
        post_delete.connect(_on_history_deleted, sender=model, dispatch_uid=f"current_sen_deleted_{model.__name__}")
