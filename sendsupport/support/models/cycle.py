"""Concerns, cycles and corrections: the frame that the four stages hang on."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.core.dates import in_words
from sendsupport.pupils.models import PupilDataQuerySet, pupil_data
from sendsupport.support.choices import CycleStatus

CLOSED_MESSAGE = "This cycle is closed. Add a correction instead."


class Concern(models.Model):
    """A worry about a pupil raised by a member of staff who works with them.

    What they noticed, since when, and what they have tried already. The SENCO takes it up into a
    cycle (``cycle`` is set then), or records that they looked at it and why nothing more is needed
    (``looked_at_on`` and ``looked_at_note``); until either, the concern is "open" and shows on the
    SENCO's to-do list. The member of staff who raised it sees which of the two happened.
    """

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    raised_on = models.DateField("Date raised")
    noticed = models.TextField("What have you noticed?")
    since = models.DateField("Since when?", help_text="An approximate date is fine.")
    tried = models.TextField("What have you tried already?", blank=True)
    cycle = models.ForeignKey(
        "support.Cycle", on_delete=models.SET_NULL, null=True, blank=True, related_name="concerns"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    looked_at_on = models.DateField("Date looked at", null=True, blank=True)
    looked_at_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    looked_at_note = models.TextField("What was decided", blank=True)

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["pupil", "cycle"])]

    def __str__(self) -> str:
        return f"Concern about {self.pupil} raised on {in_words(self.raised_on)}"

    @property
    def is_open(self) -> bool:
        return self.cycle_id is None and self.looked_at_on is None

    def clean(self) -> None:
        if self.since and self.raised_on and self.since > self.raised_on:
            raise ValidationError({"since": "The date you first noticed this must be on or before the date raised."})


class Cycle(models.Model):
    """One turn of Assess, Plan, Do, Review for a pupil, numbered from 1 for the pupil's time at school.

    At most one cycle per pupil is open. The class teacher stays named as responsible for the pupil
    (Code of Practice 6.52). A closed cycle is read-only; corrections are added as ``Correction`` rows.
    ``previous`` links to the cycle before, whose review pre-fills this one.
    """

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_cycles")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    opened_on = models.DateField("Started on")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    class_teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_cycles_as_teacher",
        help_text="The teacher who stays responsible for the pupil day to day.",
    )
    previous = models.OneToOneField("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_cycle")
    closed_on = models.DateField("Closed on", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_reason = models.TextField("Why it closed", blank=True)

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pupil", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pupil", "number"], name="support_cycle_number_unique"),
            models.UniqueConstraint(
                fields=["pupil"], condition=models.Q(status="open"), name="support_one_open_cycle_per_pupil"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="open", closed_on__isnull=True) | models.Q(status="closed", closed_on__isnull=False)
                ),
                name="support_cycle_closed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "pupil"])]

    def __str__(self) -> str:
        return f"Cycle {self.number} for {self.pupil}"

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.OPEN

    def clean(self) -> None:
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": "A cycle cannot close before it started."})


class CorrectionQuerySet(PupilDataQuerySet):
    def update(self, **kwargs):  # noqa: ARG002 - corrections are append-only
        raise ValidationError("Corrections cannot be changed: add another correction.")

    def delete(self):
        raise ValidationError("Corrections cannot be deleted: add another correction.")


class Correction(models.Model):
    """A dated correction to one field of a closed cycle's record, kept beside the original.

    Append-only: the original row is never changed, and corrections are never edited or deleted.
    ``object_type`` is one of the keys of ``services.corrections.CORRECTABLE`` (assessment, plan,
    outcome, note, notification, review, rating) and ``field`` a field name on that model.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="corrections")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_corrections")
    object_type = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=60)
    label = models.CharField("What was corrected", max_length=200)
    original = models.TextField("Original")
    corrected = models.TextField("Corrected to")
    reason = models.TextField("Why")
    made_on = models.DateField("Corrected on")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CorrectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["made_on", "id"]
        indexes = [models.Index(fields=["cycle", "object_type", "object_id"])]

    def __str__(self) -> str:
        return f"Correction to {self.label} on {in_words(self.made_on)}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Corrections cannot be changed: add another correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Corrections cannot be deleted: add another correction.")
