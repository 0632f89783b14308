"""Every write to specialist involvement. Keyword-only; one transaction each; "today" injectable."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.pupils.models import Pupil
from sendsupport.support.specialists.documents import check_document
from sendsupport.support.specialists.models import SpecialistInvolvement

REFERRAL_FIELDS = (
    "professional_type",
    "professional_type_other",
    "professional_name",
    "organisation",
    "reason",
    "referral_date",
    "parental_consent",
    "consent_date",
)


def _not_in_future(values: dict[str, date | None], labels: dict[str, str], today: date) -> dict[str, str]:
    return {
        field: f"{labels[field]} must be today ({in_words(today)}) or in the past."
        for field, value in values.items()
        if value is not None and value > today
    }


def _save(involvement: SpecialistInvolvement, by: Any, errors: dict[str, str]) -> SpecialistInvolvement:
    try:
        involvement.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages[0])
    if errors:
        raise ValidationError(errors)
    involvement._history_user = by
    involvement.save()
    return involvement


@transaction.atomic
def add_referral(
    *,
    pupil: Pupil,
    by: Any,
    professional_type: str,
    referral_date: date | None,
    parental_consent: bool,
    consent_date: date | None,
    professional_type_other: str = "",
    professional_name: str = "",
    organisation: str = "",
    reason: str = "",
    today: date | None = None,
) -> SpecialistInvolvement:
    """Record a referral to an external professional, with the parents' consent."""
    today = today or dates.today()
    involvement = SpecialistInvolvement(
        pupil=pupil,
        professional_type=professional_type,
        professional_type_other=(professional_type_other or "").strip(),
        professional_name=(professional_name or "").strip(),
        organisation=(organisation or "").strip(),
        reason=(reason or "").strip(),
        referral_date=referral_date,
        parental_consent=bool(parental_consent),
        consent_date=consent_date,
        consent_recorded_by=by if parental_consent else None,
        status=SpecialistInvolvement.Status.REFERRED,
        recorded_by=by,
    )
    errors = _not_in_future(
        {"referral_date": referral_date, "consent_date": consent_date},
        {"referral_date": "The date of referral", "consent_date": "The date of consent"},
        today,
    )
    return _save(involvement, by, errors)


@transaction.atomic
def update_involvement(
    *,
    involvement: SpecialistInvolvement,
    by: Any,
    professional_type: str,
    referral_date: date | None,
    parental_consent: bool,
    consent_date: date | None,
    status: str,
    professional_type_other: str = "",
    professional_name: str = "",
    organisation: str = "",
    reason: str = "",
    how_plan_used_it: str = "",
    today: date | None = None,
) -> SpecialistInvolvement:
    """Change the details of an involvement: who, when, consent, status and how the plan used the advice."""
    today = today or dates.today()
    involvement = SpecialistInvolvement.objects.select_for_update().select_related("pupil").get(pk=involvement.pk)
    consent_changed = (involvement.parental_consent, involvement.consent_date) != (bool(parental_consent), consent_date)
    involvement.professional_type = professional_type
    involvement.professional_type_other = (professional_type_other or "").strip()
    involvement.professional_name = (professional_name or "").strip()
    involvement.organisation = (organisation or "").strip()
    involvement.reason = (reason or "").strip()
    involvement.referral_date = referral_date
    involvement.parental_consent = bool(parental_consent)
    involvement.consent_date = consent_date
    if consent_changed:
        involvement.consent_recorded_by = by
    involvement.status = status
    involvement.how_plan_used_it = (how_plan_used_it or "").strip()
    errors = _not_in_future(
        {"referral_date": referral_date, "consent_date": consent_date},
        {"referral_date": "The date of referral", "consent_date": "The date of consent"},
        today,
    )
    if status not in SpecialistInvolvement.Status.values:
        errors["status"] = "Choose where the involvement has got to."
    return _save(involvement, by, errors)


@transaction.atomic
def record_advice(
    *,
    involvement: SpecialistInvolvement,
    by: Any,
    advice_received_on: date | None,
    advice: str = "",
    document: Any = None,
    how_plan_used_it: str | None = None,
    today: date | None = None,
) -> SpecialistInvolvement:
    """Record the advice received: a summary, the document (PDF, Word or image), or both.

    A new document replaces the one shown; the earlier file stays on disk and in the history.
    """
    today = today or dates.today()
    involvement = SpecialistInvolvement.objects.select_for_update().select_related("pupil").get(pk=involvement.pk)
    errors = _not_in_future(
        {"advice_received_on": advice_received_on}, {"advice_received_on": "The date the advice was received"}, today
    )
    if advice_received_on is None:
        errors["advice_received_on"] = "Enter the date the advice was received."
    if document is not None:
        try:
            check_document(document)
        except ValidationError as error:
            errors.update({field: messages[0] for field, messages in error.message_dict.items()})
    if not (advice or "").strip() and document is None and not involvement.advice_document:
        errors["advice"] = "Write a summary of the advice, or upload the document, or both."
    if errors:
        raise ValidationError(errors)
    involvement.advice_received_on = advice_received_on
    involvement.advice = (advice or "").strip()
    if how_plan_used_it is not None:
        involvement.how_plan_used_it = how_plan_used_it.strip()
    if document is not None:
        name = PurePath(document.name).name
        stem, suffix = PurePath(name).stem, PurePath(name).suffix
        involvement.advice_document_name = stem[: 255 - len(suffix)] + suffix
        involvement.advice_document = document
    if involvement.status != SpecialistInvolvement.Status.ENDED:
        involvement.status = SpecialistInvolvement.Status.ADVICE_RECEIVED
    return _save(involvement, by, {})
