"""Inclusion beyond the classroom: activities, adjustments and exam access arrangements.

- ``Activity``: a trip, club or event the school runs (Children and Families Act 2014 s.35: a pupil
  with SEN takes part with the other children so far as is reasonably practicable).
- ``ActivityPlace``: a pupil with SEN taking part, and the adjustments made so they can.
- ``ActivityDecision``: a decision that a pupil cannot take part. The law allows only the three
  reasons of s.35(3), and the Equality Act 2010 asks what reasonable adjustments were considered,
  so both are required; the pupil's parents are told.
- ``Adjustment``: a reasonable adjustment or auxiliary aid provided for a pupil (Equality Act 2010
  s.20), shown on the pupil's passport.
- ``AccessArrangement``: an exam access arrangement for one exam series (JCQ, or the STA for Key
  Stage 2 tests), each with its evidence.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sendsupport.accounts.access import STAFF_ROLES, school_ids_with_roles
from sendsupport.core.versioning import Versioned
from sendsupport.pupils.models import Pupil, pupil_data
from sendsupport.schools.models import School


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> models.QuerySet:
        """Activities of the schools where the user is staff (the names of trips are not pupil data)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(school_id__in=school_ids_with_roles(user, STAFF_ROLES))


class Activity(Versioned):
    """A trip, club or event. Its pupils with SEN, and any decisions, hang on it. Versioned: two
    people changing it at once do not overwrite each other."""

    class Kind(models.TextChoices):
        TRIP = "trip", "Day trip or visit"
        RESIDENTIAL = "residential", "Residential trip"
        CLUB = "club", "Club"
        EVENT = "event", "Event"
        SPORT = "sport", "Sports fixture or sports day"

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="activities")
    name = models.CharField("Name of the activity", max_length=200)
    kind = models.CharField("Kind of activity", max_length=20, choices=Kind.choices)
    starts_on = models.DateField("Date (or first date)")
    ends_on = models.DateField("Last date", null=True, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities_led",
        verbose_name="Staff lead",
    )
    details = models.TextField("Details", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "name", "id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["school", "starts_on"])]

    def __str__(self) -> str:
        return self.name

    @property
    def dates_text(self) -> str:
        start = f"{self.starts_on.day} {self.starts_on:%B %Y}"
        if self.ends_on and self.ends_on != self.starts_on:
            return f"{start} to {self.ends_on.day} {self.ends_on:%B %Y}"
        return start

    def clean(self) -> None:
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The last date must be the same as or after the first date."})


class ActivityPlace(models.Model):
    """A pupil with SEN taking part in an activity, and what is done so that they can."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="places")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="activity_places")
    adjustments = models.TextField("Adjustments made so they can take part")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = "place on a trip, club or event"
        verbose_name_plural = "places on trips, clubs and events"
        constraints = [models.UniqueConstraint(fields=["activity", "pupil"], name="inclusion_one_place_per_pupil")]

    def __str__(self) -> str:
        return f"{self.pupil} on {self.activity}"

    def clean(self) -> None:
        if not (self.adjustments or "").strip():
            raise ValidationError({"adjustments": "Enter the adjustments made so the pupil can take part."})


class Section35Reason(models.TextChoices):
    """The only reasons the Children and Families Act 2014 s.35(3) allows for a pupil not taking part."""

    PROVISION = (
        "provision",
        _(
            "Taking part is not compatible with the pupil receiving the special educational provision their "
            "learning difficulty calls for"
        ),
    )
    OTHERS_EDUCATION = (
        "others_education",
        _(
            "Taking part is not compatible with the provision of efficient education for the children with whom "
            "they are educated"
        ),
    )
    RESOURCES = "resources", _("Taking part is not compatible with the efficient use of resources")

    @classmethod
    def short(cls, value: str) -> str:
        return SHORT_REASONS.get(value, "")


SHORT_REASONS = {
    Section35Reason.PROVISION: "The special educational provision the pupil needs",
    Section35Reason.OTHERS_EDUCATION: "The efficient education of the other children",
    Section35Reason.RESOURCES: "The efficient use of resources",
}


class ActivityDecision(models.Model):
    """A decision that a pupil cannot take part in an activity, with its lawful reason.

    ``reason`` and ``adjustments_considered`` are both required: a decision without them is not one
    the law allows. ``parents_told_on`` is set when the email to the parents is queued.
    """

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="decisions")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="activity_decisions")
    reason = models.CharField(
        "Reason (Children and Families Act 2014 s.35)", max_length=30, choices=Section35Reason.choices
    )
    explanation = models.TextField("Why taking part is not reasonably practicable")
    adjustments_considered = models.TextField("Reasonable adjustments considered")
    decided_on = models.DateField("Date of the decision")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    parents_told_on = models.DateField("Parents told on", null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = "decision that the pupil could not take part"
        verbose_name_plural = "decisions that the pupil could not take part"
        indexes = [models.Index(fields=["pupil", "decided_on"])]

    def __str__(self) -> str:
        return f"Decision about {self.pupil} and {self.activity}"

    @property
    def short_reason(self) -> str:
        return Section35Reason.short(self.reason)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.reason not in Section35Reason.values:
            errors["reason"] = (
                "Choose one of the three reasons the Children and Families Act 2014 s.35 allows: a pupil "
                "cannot be left out of an activity for any other reason."
            )
        if not (self.adjustments_considered or "").strip():
            errors["adjustments_considered"] = (
                "Enter the reasonable adjustments that were considered before deciding the pupil cannot take part."
            )
        if not (self.explanation or "").strip():
            errors["explanation"] = "Enter why taking part is not reasonably practicable for the pupil."
        if errors:
            raise ValidationError(errors)


class AdjustmentQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> models.QuerySet:
        """Staff who see the pupil, and the pupil's parents: the adjustments are on the passport."""
        return self.filter(pupil__in=Pupil.objects.visible_to(user).values("pk"))

    def current(self, on: Any) -> models.QuerySet:
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on), since__lte=on)


class Adjustment(Versioned):
    """A reasonable adjustment or auxiliary aid provided for a pupil (Equality Act 2010 s.20). Versioned,
    as its edit page is: a review date changed by one person is not lost to another's save."""

    class Kind(models.TextChoices):
        ADJUSTMENT = "adjustment", _("Reasonable adjustment")
        AID = "aid", _("Auxiliary aid (equipment)")
        SERVICE = "service", _("Auxiliary service (a person's help)")

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField("Kind", max_length=20, choices=Kind.choices)
    description = models.TextField("What is provided")
    since = models.DateField("Provided since")
    review_on = models.DateField("Review date", null=True, blank=True)
    ended_on = models.DateField("Stopped on", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AdjustmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["since", "id"]
        verbose_name = "reasonable adjustment or auxiliary aid"
        verbose_name_plural = "reasonable adjustments and auxiliary aids"
        indexes = [models.Index(fields=["pupil", "since"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.pupil}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.description or "").strip():
            errors["description"] = "Enter what is provided."
        if self.since and self.review_on and self.review_on < self.since:
            errors["review_on"] = "The review date must be after the date it was provided from."
        if self.since and self.ended_on and self.ended_on < self.since:
            errors["ended_on"] = "The date it stopped must be after the date it was provided from."
        if errors:
            raise ValidationError(errors)


class Arrangement(models.TextChoices):
    """Exam access arrangements named by JCQ (Adjustments for candidates with disabilities and
    learning difficulties) and the STA's Key Stage 2 access arrangements guidance."""

    EXTRA_TIME = "extra_time", "Extra time"
    READER = "reader", "Reader"
    COMPUTER_READER = "computer_reader", "Computer reader or reading pen"
    READ_ALOUD = "read_aloud", "Reading aloud (to themselves)"
    SCRIBE = "scribe", "Scribe"
    SPEECH_RECOGNITION = "speech_recognition", "Speech recognition technology"
    WORD_PROCESSOR = "word_processor", "Word processor"
    REST_BREAKS = "rest_breaks", "Supervised rest breaks"
    SEPARATE_ROOM = "separate_room", "Separate room (separate invigilation)"
    PROMPTER = "prompter", "Prompter"
    PRACTICAL_ASSISTANT = "practical_assistant", "Practical assistant"
    MODIFIED_PAPER = "modified_paper", "Modified papers (enlarged, braille or modified language)"
    COLOURED_OVERLAY = "coloured_overlay", "Coloured overlays or coloured paper"
    LANGUAGE_MODIFIER = "language_modifier", "Oral language modifier"
    SIGN_LANGUAGE = "sign_language", "Sign language interpreter"
    EARLY_OPENING = "early_opening", "Early opening of test papers (Key Stage 2, to modify them)"


# Extra time is given as a percentage of the time allowed (JCQ's usual figure is 25%, up to 50% and
# beyond with further evidence); the bounds only keep out typing mistakes.
MAX_EXTRA_TIME_PERCENT = 100


class AccessArrangement(models.Model):
    """One exam access arrangement for a pupil in one exam series, with the evidence for it."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="access_arrangements")
    series = models.CharField("Exam series", max_length=100)
    arrangement = models.CharField("Arrangement", max_length=30, choices=Arrangement.choices)
    extra_time_percent = models.PositiveSmallIntegerField("Extra time (%)", null=True, blank=True)
    evidence = models.TextField("Evidence")
    assessed_on = models.DateField("Date of the assessor's report", null=True, blank=True)
    assessor = models.CharField("Assessor", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["series", "arrangement", "id"]
        verbose_name = "exam access arrangement"
        indexes = [models.Index(fields=["series"]), models.Index(fields=["pupil", "series"])]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "series", "arrangement"], name="inclusion_one_arrangement_per_series"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} for {self.pupil} ({self.series})"

    @property
    def label(self) -> str:
        name = self.get_arrangement_display()
        if self.arrangement == Arrangement.EXTRA_TIME and self.extra_time_percent:
            return f"{name} ({self.extra_time_percent}%)"
        return name

    @property
    def evidence_text(self) -> str:
        parts = [self.evidence.strip()]
        if self.assessor or self.assessed_on:
            who = self.assessor or "an assessor"
            when = f" on {self.assessed_on.day} {self.assessed_on:%B %Y}" if self.assessed_on else ""
            parts.append(f"Assessed by {who}{when}.")
        return " ".join(part for part in parts if part)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.series or "").strip():
            errors["series"] = 'Enter the exam series, for example "GCSE summer 2027".'
        if not (self.evidence or "").strip():
            errors["evidence"] = (
                "Enter the evidence for this arrangement: for example the assessor's report (who and when) "
                "and the history of need, or how the pupil normally works in class."
            )
        if self.arrangement == Arrangement.EXTRA_TIME:
            if not self.extra_time_percent or not 0 < self.extra_time_percent <= MAX_EXTRA_TIME_PERCENT:
                errors["extra_time_percent"] = (
                    f"Enter the extra time as a percentage from 1 to {MAX_EXTRA_TIME_PERCENT}, for example 25."
                )
        elif self.extra_time_percent:
            errors["extra_time_percent"] = "Leave the extra time empty unless the arrangement is extra time."
        if errors:
            raise ValidationError(errors)
