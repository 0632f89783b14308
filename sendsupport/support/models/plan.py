"""Plan and Do: the SEN support plan, its outcomes, and the notes staff add while it runs."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.core.dates import in_words
from sendsupport.core.versioning import Versioned
from sendsupport.pupils.codes import BroadArea
from sendsupport.pupils.models import pupil_data
from sendsupport.support.choices import PlanStatus


class Plan(Versioned):
    """The Plan stage (Code of Practice 6.48): outcomes, teaching strategies, support and a review date.

    A plan is a draft until agreed (with ``agreed_on``). The measurability (SMART) check only warns;
    ``smart_override_reason`` keeps an optional note on its warnings made when the plan was agreed.
    The parent's and the pupil's agreement are recorded with their dates. Changing an agreed plan
    makes it a draft again.
    """

    cycle = models.OneToOneField("support.Cycle", on_delete=models.CASCADE, related_name="plan")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_plans")
    strategies = models.TextField(
        "Strategies for class teachers", blank=True, help_text="What every adult teaching the pupil should do."
    )
    support = models.TextField(
        "Support and interventions",
        blank=True,
        help_text="What extra help the pupil gets, who gives it, how often and for how long.",
    )
    at_home = models.TextField("How parents can help at home", blank=True)
    review_date = models.DateField("Review date")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_on = models.DateField("Written on")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    agreed_on = models.DateField("Agreed on", null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    parent_agreed_on = models.DateField("Date the parent agreed", null=True, blank=True)
    parents_consulted_on = models.DateField("Date the parents were consulted on the plan", null=True, blank=True)
    pupil_agreed_on = models.DateField("Date the pupil agreed", null=True, blank=True)
    smart_override_reason = models.TextField(
        "Why the plan is agreed although outcomes fail the SMART check", blank=True
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # What exactly was agreed: the plan's version and a fingerprint of its outcomes' versions when the
    # agreement page was loaded (agreement is refused if either changed since).
    agreed_version = models.PositiveIntegerField("Version of the plan agreed", null=True, blank=True, editable=False)
    agreed_outcomes = models.TextField("Versions of the outcomes agreed", blank=True, editable=False)

    before_sendsupport = models.BooleanField(
        "Recorded afterwards, from before the school used sendsupport", default=False, editable=False
    )

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["status", "review_date"])]

    def __str__(self) -> str:
        return f"SEN support plan, cycle {self.cycle.number}, for {self.pupil}"

    @property
    def is_agreed(self) -> bool:
        return self.status == PlanStatus.AGREED

    @property
    def starts_on(self) -> date:
        """The date the plan took effect: when agreed, else when written. Reviews cannot be earlier."""
        return self.agreed_on or self.created_on

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.review_date and self.created_on and self.review_date <= self.created_on:
            errors["review_date"] = f"The review date must be after the plan was written ({in_words(self.created_on)})."
        if self.status == PlanStatus.AGREED and not self.agreed_on:
            errors["agreed_on"] = "Enter the date the plan was agreed."
        if self.agreed_on and self.created_on and self.agreed_on < self.created_on:
            errors["agreed_on"] = f"The plan cannot be agreed before it was written ({in_words(self.created_on)})."
        if self.parents_consulted_on and self.agreed_on and self.parents_consulted_on > self.agreed_on:
            errors["parents_consulted_on"] = (
                f"The parents must be consulted on or before the date the plan was agreed ({in_words(self.agreed_on)})."
            )
        if self.agreed_on and self.review_date and self.agreed_on >= self.review_date:
            errors["agreed_on"] = f"The plan must be agreed before its review date ({in_words(self.review_date)})."
        if errors:
            raise ValidationError(errors)


class Outcome(Versioned):
    """One outcome sought: baseline, target, how it is measured, by when, who is responsible, and the
    broad area of need it serves. ``carried_from`` links an outcome carried over from the last cycle."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_outcomes")
    position = models.PositiveSmallIntegerField(default=1)
    area = models.CharField("Area of need", max_length=20, choices=BroadArea.choices)
    description = models.TextField("The outcome", help_text="What the pupil will be able to do.")
    baseline = models.TextField("Baseline", blank=True, help_text="Where the pupil is now, with a measure and date.")
    target = models.TextField("Target", blank=True, help_text="What success looks like, with a number.")
    measure = models.TextField("How it will be measured", blank=True)
    due_date = models.DateField("To be met by", null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Member of staff responsible",
    )
    responsible_other = models.CharField(
        "Or someone else responsible",
        max_length=200,
        blank=True,
        help_text="For example: speech and language therapist.",
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_into"
    )

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        text = self.description.strip()
        return text if len(text) <= 80 else text[:77] + "..."

    @property
    def responsible_name(self) -> str:
        if self.responsible_id:
            return str(self.responsible)
        return self.responsible_other

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.plan_id and self.due_date and self.due_date > self.plan.review_date:
            errors["due_date"] = (
                f"The outcome must be due on or before the plan's review date ({in_words(self.plan.review_date)})."
            )
        if not self.responsible_id and not self.responsible_other.strip():
            errors["responsible"] = "Choose who is responsible for this outcome, or name someone else."
        if errors:
            raise ValidationError(errors)


class OutcomeNote(models.Model):
    """Do (Code of Practice 6.52-6.53): a dated note and evidence against an outcome while the plan runs,
    with the latest measure if one was taken."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="notes")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_notes")
    written_on = models.DateField("Date")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField("Note")
    evidence = models.TextField(
        "Evidence", blank=True, help_text="For example: a piece of work, a score, an observation."
    )
    measure = models.CharField(
        "Latest measure", max_length=200, blank=True, help_text="For example: 7 out of 10 words."
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["outcome", "-written_on"])]

    def __str__(self) -> str:
        return f"Note on {in_words(self.written_on)}"
