"""Reads of evidence packs. Pages pass a pupil already found with ``pupil_for``."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from sendsupport.pupils.models import Pupil
from sendsupport.statutory.models import EHCRequest, EvidencePack


def packs_for(pupil: Pupil) -> QuerySet[EvidencePack]:
    """The pupil's packs, newest first, with the request each went with."""
    return EvidencePack.objects.filter(pupil=pupil).select_related("request").order_by("-prepared_at", "-id")


def get_pack(pupil: Pupil, pack_id: int) -> EvidencePack:
    found = packs_for(pupil).select_related("prepared_by").filter(pk=pack_id).first()
    if found is None:
        raise Http404("No such evidence pack")
    return found


def draft_pack(pupil: Pupil) -> EvidencePack | None:
    """The school's own pack being prepared (not sent, for no recorded request), if there is one:
    starting again opens it rather than making a second."""
    return packs_for(pupil).filter(sent_on__isnull=True, request__isnull=True).first()


def pack_for_request(request: EHCRequest) -> EvidencePack | None:
    return EvidencePack.objects.filter(request=request).first()
