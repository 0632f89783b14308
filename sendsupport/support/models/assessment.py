"""Assess: the assessment with its decision, standardised scores, and telling the parents."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.core.dates import in_words
from sendsupport.core.versioning import Versioned
from sendsupport.pupils.codes import NeedType
from sendsupport.pupils.models import pupil_data
from sendsupport.support.choices import Comparison, Decision, NotificationMethod

# The usual range of standardised scores (mean 100, standard deviation 15) with room either side.
SCORE_MIN, SCORE_MAX = 40, 160


def views_problems(obj: object) -> dict[str, str]:
    """Both the pupil's and the parent's views must be recorded, or the reason they are absent."""
    errors: dict[str, str] = {}
    for who, label in (("pupil", "the pupil's"), ("parent", "the parent's")):
        given = (getattr(obj, f"{who}_views") or "").strip()
        absent = (getattr(obj, f"{who}_views_absent_reason") or "").strip()
        if not given and not absent:
            errors[f"{who}_views"] = f"Enter {label} views, or say why they could not be given."
        elif given and absent:
            errors[f"{who}_views_absent_reason"] = (
                f"You have entered {label} views, so leave the reason they are absent blank."
            )
    return errors


class Assessment(Versioned):
    """The Assess stage of a cycle (Code of Practice 6.45): the evidence and the decision it led to.

    ``primary_need`` and ``secondary_need`` are census SEN type codes. The decision updates the SEN
    register through ``pupils.services.change_sen_status``; ``status_change`` is the register entry
    it made (empty when the decision changed nothing). After MONITOR or END the cycle closes.
    """

    cycle = models.OneToOneField("support.Cycle", on_delete=models.CASCADE, related_name="assessment")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_assessments")
    teacher_assessment = models.TextField("Teacher assessment")
    attainment = models.TextField(
        "Attainment and rate of progress",
        help_text="Compared with the pupil's peers and with age-related expectations.",
    )
    observations = models.TextField("Observations", blank=True)
    behaviour = models.TextField("Behaviour", blank=True)
    pupil_views = models.TextField("The pupil's views", blank=True)
    pupil_views_absent_reason = models.TextField("Why the pupil's views are not recorded", blank=True)
    parent_views = models.TextField("The parent's views", blank=True)
    parent_views_absent_reason = models.TextField("Why the parent's views are not recorded", blank=True)
    external_advice = models.TextField("Advice from outside the school", blank=True)
    # The SENCO's judgement that prompts considering an EHC needs assessment (CoP 6.63).
    severe_or_complex = models.BooleanField(
        "The SENCO judges the pupil's needs severe or complex",
        default=False,
        help_text="The to-do list then prompts you to consider asking for an EHC needs assessment.",
    )
    primary_need = models.CharField("Primary area of need", max_length=4, choices=NeedType.choices, blank=True)
    secondary_need = models.CharField("Secondary area of need", max_length=4, choices=NeedType.choices, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    decided_on = models.DateField("Date of the decision")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status_change = models.ForeignKey(
        "pupils.SENStatus", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["pupil", "decided_on"])]

    def __str__(self) -> str:
        return f"Assessment for {self.cycle}"

    def needs(self) -> list[tuple[str, int]]:
        """The (census code, rank) pairs this assessment records, as ``change_sen_status`` takes them."""
        needs = []
        if self.primary_need:
            needs.append((self.primary_need, 1))
        if self.secondary_need:
            needs.append((self.secondary_need, 2))
        return needs

    @property
    def views_missing(self) -> bool:
        return bool(views_problems(self))

    def clean(self) -> None:
        errors = views_problems(self)
        if self.secondary_need and not self.primary_need:
            errors["primary_need"] = "Choose a primary need before a secondary need."
        if self.primary_need and self.primary_need == self.secondary_need:
            errors["secondary_need"] = "The secondary need must be different from the primary need."
        if self.decision in (Decision.MONITOR, Decision.END) and (self.primary_need or self.secondary_need):
            errors["primary_need"] = (
                "A pupil who is not on SEN support has no recorded areas of need: leave the needs blank."
            )
        if self.decision in (Decision.START, Decision.CONTINUE) and not self.primary_need:
            errors["primary_need"] = "Choose the primary area of need: the register records it for SEN support."
        if self.cycle_id and self.decided_on and self.decided_on < self.cycle.opened_on:
            errors["decided_on"] = (
                f"The decision cannot be before the cycle started ({in_words(self.cycle.opened_on)})."
            )
        if errors:
            raise ValidationError(errors)


class AssessmentScore(models.Model):
    """One attainment measure in an assessment: a standardised score where there is one, and how it
    compares with age-related expectations. Kept as data so progress across cycles can be queried."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="support_scores")
    what = models.CharField("What was assessed", max_length=200)
    score = models.PositiveSmallIntegerField(
        "Standardised score",
        null=True,
        blank=True,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )
    compared_with_expected = models.CharField(
        "Compared with age-related expectations", max_length=12, choices=Comparison.choices
    )
    taken_on = models.DateField("Date taken", null=True, blank=True)

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.what}: {self.score if self.score is not None else self.get_compared_with_expected_display()}"


class ParentNotification(models.Model):
    """A record that the parents were told the school is making special educational provision.

    The duty: Children and Families Act 2014 s.68; Code of Practice 6.43 and 6.48. Records when, how,
    by whom and to whom. ``cycle`` is empty only for pupils whose SEN support began before their
    first cycle was recorded here. It must not be dated before the decision it reports.
    """

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="parent_notifications")
    cycle = models.ForeignKey(
        "support.Cycle", on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    notified_on = models.DateField("Date the parent was told")
    method = models.CharField("How", max_length=10, choices=NotificationMethod.choices)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="Told by"
    )
    contact = models.ForeignKey(
        "pupils.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Parent or carer told",
    )
    # s.68(2): once the pupil is over compulsory school age, the young person is told, not the parent.
    to_young_person = models.BooleanField("The young person was told (over compulsory school age)", default=False)
    notes = models.TextField(blank=True)
    # The email that carried the letter, when it was emailed: its outcome is shown beside this record.
    email = models.ForeignKey(
        "core.OutboundEmail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    before_sendsupport = models.BooleanField(
        "Recorded afterwards, from before the school used sendsupport", default=False, editable=False
    )

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-notified_on", "-id"]
        indexes = [models.Index(fields=["pupil", "-notified_on"])]

    def __str__(self) -> str:
        return f"Parent told ({self.get_method_display().lower()}) on {in_words(self.notified_on)}"
