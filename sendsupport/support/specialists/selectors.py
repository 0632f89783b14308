"""Reads of specialist involvement. Pages pass a pupil already fetched with ``get_visible_pupil``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from sendsupport.pupils.models import Pupil
from sendsupport.support.specialists.models import SpecialistInvolvement


def specialist_involvement(pupil_ids: Iterable[int]) -> dict[int, list[SpecialistInvolvement]]:
    """Every involvement of each pupil, earliest referral first, in ONE query.

    Returns an entry for every id given ([] when no specialist has been involved). Each item has
    ``professional_type``, ``referral_date``, ``consent_date``, ``advice_received_on`` and ``status``,
    which is what "specialist involvement present or not, and when" needs. Pass a list of ids the
    caller has already scoped to the user.
    """
    ids = list(pupil_ids)
    result: dict[int, list[SpecialistInvolvement]] = {pupil_id: [] for pupil_id in ids}
    if not ids:
        return result
    for involvement in SpecialistInvolvement.objects.filter(pupil_id__in=ids).order_by("referral_date", "id"):
        result[involvement.pupil_id].append(involvement)
    return result


def involvements_for(user: Any, pupil: Pupil) -> QuerySet[SpecialistInvolvement]:
    """The pupil's specialist involvement, newest referral first. Everyone who sees the pupil sees all of it."""
    return (
        SpecialistInvolvement.objects.visible_to(user)
        .filter(pupil=pupil)
        .select_related("recorded_by", "consent_recorded_by")
        .order_by("-referral_date", "-id")
    )


def get_involvement(user: Any, pupil: Pupil, involvement_id: int) -> SpecialistInvolvement:
    involvement = (
        involvements_for(user, pupil).select_related("pupil", "pupil__school").filter(pk=involvement_id).first()
    )
    if involvement is None:
        raise Http404("No such involvement")
    return involvement
