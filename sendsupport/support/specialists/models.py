"""Involvement of external professionals (CoP 6.58-6.62): referral, parents' consent, advice, and its use.

Parents are involved in any referral: a referral is recorded only with their consent, dated.
The advice document is kept under MEDIA_ROOT with a random name and is only ever served through
a permission-checked download; there is no public address for it.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.core.dates import in_words
from sendsupport.pupils.models import Pupil, pupil_data


def advice_upload_to(instance: SpecialistInvolvement, filename: str) -> str:
    """A random file name in a folder per school and pupil; the name the user gave is kept in a field."""
    extension = PurePath(filename).suffix.lower()
    return f"specialist-advice/{instance.pupil.school_id}/{instance.pupil_id}/{uuid.uuid4().hex}{extension}"


class SpecialistInvolvement(models.Model):
    """One external professional's involvement with a pupil: from referral to advice and how it was used."""

    class Professional(models.TextChoices):
        EDUCATIONAL_PSYCHOLOGIST = "educational_psychologist", "Educational psychologist"
        SPEECH_AND_LANGUAGE_THERAPIST = "speech_language_therapist", "Speech and language therapist"
        OCCUPATIONAL_THERAPIST = "occupational_therapist", "Occupational therapist"
        SPECIALIST_TEACHER = "specialist_teacher", "Specialist teacher"
        CAMHS = "camhs", "Child and adolescent mental health services (CAMHS)"
        OTHER = "other", "Other professional"

    class Status(models.TextChoices):
        REFERRED = "referred", "Referred, waiting for advice"
        ADVICE_RECEIVED = "advice_received", "Advice received"
        ENDED = "ended", "Involvement ended"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="specialist_involvements")
    professional_type = models.CharField("Type of professional", max_length=30, choices=Professional.choices)
    professional_type_other = models.CharField("What kind of professional", max_length=100, blank=True)
    professional_name = models.CharField("Name of the professional", max_length=150, blank=True)
    organisation = models.CharField("Service or organisation", max_length=200, blank=True)
    reason = models.TextField("Why the pupil was referred", blank=True)
    referral_date = models.DateField("Date of referral")
    parental_consent = models.BooleanField("The parents have given their consent", default=False)
    consent_date = models.DateField("Date the parents gave consent", null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    advice_received_on = models.DateField("Date the advice was received", null=True, blank=True)
    advice = models.TextField("Advice received", blank=True)
    advice_document = models.FileField("Advice document", upload_to=advice_upload_to, max_length=255, blank=True)
    advice_document_name = models.CharField("File name", max_length=255, blank=True)
    how_plan_used_it = models.TextField("How the plan used the advice", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REFERRED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-referral_date", "-id"]
        verbose_name = "specialist involvement"
        indexes = [models.Index(fields=["pupil", "referral_date"])]
        constraints = [
            # No referral without the parents' consent (CoP 6.58): the database refuses it too.
            models.CheckConstraint(
                condition=models.Q(parental_consent=True, consent_date__isnull=False),
                name="specialist_referral_has_consent",
                violation_error_message="A referral needs the parents' consent and the date they gave it.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional_label} (referred {in_words(self.referral_date)})"

    @property
    def professional_label(self) -> str:
        if self.professional_type == self.Professional.OTHER and self.professional_type_other:
            return self.professional_type_other
        return self.get_professional_type_display()

    @property
    def has_advice(self) -> bool:
        return self.advice_received_on is not None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.professional_type == self.Professional.OTHER and not self.professional_type_other.strip():
            errors["professional_type_other"] = "Say what kind of professional this is."
        if not self.parental_consent:
            errors["parental_consent"] = (
                "A referral can only be recorded with the parents' consent. Ask the parents first, "
                "then record the date they agreed."
            )
        if self.parental_consent and self.consent_date is None:
            errors["consent_date"] = "Enter the date the parents gave their consent."
        if self.consent_date and self.referral_date and self.consent_date > self.referral_date:
            errors["consent_date"] = (
                f"The parents' consent must be given on or before the referral ({in_words(self.referral_date)})."
            )
        if self.advice_received_on and self.referral_date and self.advice_received_on < self.referral_date:
            errors["advice_received_on"] = (
                f"The advice cannot be dated before the referral ({in_words(self.referral_date)})."
            )
        if (self.advice.strip() or self.advice_document) and self.advice_received_on is None:
            errors["advice_received_on"] = "Enter the date the advice was received."
        if self.status == self.Status.ADVICE_RECEIVED and self.advice_received_on is None:
            errors["status"] = "Record the advice before marking it as received."
        if errors:
            raise ValidationError(errors)
