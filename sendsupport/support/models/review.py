"""Review: judging each outcome, the pupil's and parent's views, and the next step."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.core.dates import in_words
from sendsupport.core.versioning import Versioned
from sendsupport.pupils.models import pupil_data
from sendsupport.support.choices import NextStep, Rating
from sendsupport.support.models.assessment import views_problems


class Review(Versioned):
    """The Review stage (Code of Practice 6.54-6.56) of a cycle's plan. Recording it closes the cycle.

    ``expected_progress`` is the overall judgement (did the pupil make expected progress?). Both views
    are recorded or the reason they are absent. ``next_step`` says what happens next; MONITOR and END
    take the pupil off SEN support (``status_change`` is the register entry that made).
    """

    cycle = models.OneToOneField("support.Cycle", on_delete=models.CASCADE, related_name="review")
    plan = models.OneToOneField("support.Plan", on_delete=models.CASCADE, related_name="review")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_reviews")
    held_on = models.DateField("Date of the review")
    expected_progress = models.BooleanField("Did the pupil make expected progress?", null=True)
    progress_summary = models.TextField("Summary of progress", blank=True)
    pupil_views = models.TextField("The pupil's views", blank=True)
    pupil_views_absent_reason = models.TextField("Why the pupil's views are not recorded", blank=True)
    parent_views = models.TextField("The parent's views", blank=True)
    parent_views_absent_reason = models.TextField("Why the parent's views are not recorded", blank=True)
    attendees = models.TextField("Who attended")
    # The review meeting counts as a meeting with parents (CoP 6.65) when a parent or carer attended.
    parents_attended = models.BooleanField("A parent or carer attended the review", default=False)
    next_step = models.CharField("Next step", max_length=12, choices=NextStep.choices)
    next_step_notes = models.TextField("More about the next step", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status_change = models.ForeignKey(
        "pupils.SENStatus", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["pupil", "held_on"])]

    def __str__(self) -> str:
        return f"Review of {self.cycle} on {in_words(self.held_on)}"

    @property
    def views_missing(self) -> bool:
        return bool(views_problems(self))

    def clean(self) -> None:
        errors = views_problems(self)
        if self.plan_id and self.held_on and self.held_on < self.plan.starts_on:
            errors["held_on"] = f"The review cannot be before the plan began ({in_words(self.plan.starts_on)})."
        if self.expected_progress is None:
            errors["expected_progress"] = "Say whether the pupil made expected progress."
        if errors:
            raise ValidationError(errors)


class OutcomeRating(models.Model):
    """How far one outcome of the plan was met at the review, with the evidence and the latest measure."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    outcome = models.OneToOneField("support.Outcome", on_delete=models.CASCADE, related_name="rating")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_ratings")
    rating = models.CharField(max_length=12, choices=Rating.choices)
    evidence = models.TextField("Evidence")
    latest_measure = models.CharField("Latest measure", max_length=200, blank=True)

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome__position", "outcome_id"]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.get_rating_display()}"

    def clean(self) -> None:
        if self.review_id and self.outcome_id and self.outcome.plan_id != self.review.plan_id:
            raise ValidationError({"outcome": "This outcome is not in the plan being reviewed."})
