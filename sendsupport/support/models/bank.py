"""The outcome bank: example outcomes by broad area of need, to start a plan from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.pupils.codes import BroadArea


class OutcomeBankEntry(models.Model):
    """An example outcome with an example baseline, target and measure, organised by broad area.

    Rows with no ``school`` are examples written by sendsupport, shown to every school. A school's
    SENCO edits one by saving the school's own version (``based_on`` points at the example, which
    the school then no longer sees) and removes one by saving an ``archived`` version. Rows with a
    ``school`` belong to that school only.
    """

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, null=True, blank=True, related_name="outcome_bank"
    )
    area = models.CharField("Area of need", max_length=20, choices=BroadArea.choices)
    text = models.TextField("Outcome")
    example_baseline = models.TextField("Example baseline", blank=True)
    example_target = models.TextField("Example target", blank=True)
    example_measure = models.TextField("How it could be measured", blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="school_versions"
    )
    archived = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "id"]
        verbose_name = "outcome bank entry"
        verbose_name_plural = "outcome bank entries"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "based_on"],
                condition=models.Q(based_on__isnull=False),
                name="support_one_school_version_per_example",
            )
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."
