"""Every write to an evidence pack. Keyword-only; one transaction each; "today" injectable."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.core import dates
from sendsupport.pupils.models import Pupil
from sendsupport.statutory.evidence.documents import make_documents
from sendsupport.statutory.models import EHCRequest, EvidencePack
from sendsupport.statutory.services import save_request

SENT_MESSAGE = "This evidence pack has been sent to the local authority, so it can no longer be changed."
NO_INVOLVEMENT = (
    "Record when and how the parents were involved before you send the request: a school asks for an "
    "EHC needs assessment with the parents' knowledge and, where possible, their agreement."
)


@transaction.atomic
def save_pack(
    *,
    pupil: Pupil,
    by: Any,
    covering_summary: str,
    parents_involved_on: date | None,
    parents_involvement: str,
    parents_view: str = "",
    pack: EvidencePack | None = None,
    for_request: EHCRequest | None = None,
    today: date | None = None,
) -> EvidencePack:
    """Start or change a pack's covering summary and the record of the parents' involvement.

    ``for_request`` is a request already recorded (a parent's own): the pack is prepared for it."""
    today = today or dates.today()
    if pack is not None and pack.is_sent:
        raise ValidationError({"covering_summary": SENT_MESSAGE})
    row = pack or EvidencePack(pupil=pupil, prepared_by=by, request=for_request)
    row.covering_summary = covering_summary.strip()
    row.parents_involved_on = parents_involved_on
    row.parents_involvement = parents_involvement.strip()
    row.parents_view = parents_view.strip()
    errors: dict[str, str] = {}
    if parents_involved_on is not None and parents_involved_on > today:
        errors["parents_involved_on"] = (
            f"The date the parents were involved must be today ({today:%d/%m/%Y}) or in the past."
        )
    if parents_involved_on is not None and not row.parents_involvement:
        errors["parents_involvement"] = "Say how the parents were involved, or leave the date blank."
    if row.parents_involvement and parents_involved_on is None:
        errors["parents_involved_on"] = "Enter the date the parents were involved."
    if errors:
        raise ValidationError(errors)
    row._history_user = by
    row.save()
    return row


@transaction.atomic
def send_pack(*, pack: EvidencePack, by: Any, sent_on: date, today: date | None = None) -> EvidencePack:
    """Send the pack to the local authority: for the school's own request, record the request (dated
    the day it was sent) through ``statutory.services.save_request``; for a request already recorded
    (a parent's), record when the school's evidence went with it. Refused without the parents'
    involvement recorded, and nothing is saved."""
    today = today or dates.today()
    pack = EvidencePack.objects.select_for_update().get(pk=pack.pk)
    if pack.is_sent:
        raise ValidationError({"sent_on": SENT_MESSAGE})
    if not pack.parents_involved:
        raise ValidationError({"sent_on": NO_INVOLVEMENT})
    if pack.parents_involved_on and sent_on < pack.parents_involved_on:
        raise ValidationError(
            {
                "sent_on": f"The request cannot be sent before the parents were involved ({pack.parents_involved_on:%d/%m/%Y})."
            }
        )
    if sent_on > today:
        raise ValidationError({"sent_on": f"The date sent must be today ({today:%d/%m/%Y}) or in the past."})
    if pack.request is None:
        pack.request = save_request(
            pupil=pack.pupil,
            by=by,
            requested_on=sent_on,
            requested_by=EHCRequest.RequestedBy.SCHOOL,
            notes="Sent with the school's evidence pack.",
            today=today,
        )
    pack.sent_on = sent_on
    # Freeze what went: the local authority reads this copy, whatever changes in the records later.
    pack.sent_json, pack.sent_pdf = make_documents(by, pack, today=today)
    pack._history_user = by
    pack.save()
    return pack
