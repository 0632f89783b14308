"""Views before a review: what parents send, what pupils say, and the pupils' own sign-in.

Parents with parental responsibility send their views while a cycle is open (before its review):
``ParentViews``. Staff capture a pupil's views with them, or the pupil gives them through their own
simple sign-in where the school allows it: ``PupilViews``, with a picture scale for each question.
Both hang on the cycle that was open when they were given, so the review of that cycle shows them
and the to-do list counts them as the parents' and the pupil's views.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.core.dates import in_words
from sendsupport.pupils.models import Pupil, PupilDataQuerySet, pupil_data


class Face(models.IntegerChoices):
    """The picture scale: five faces, each with words a pupil who does not read can be told."""

    VERY_SAD = 1, "Very unhappy"
    SAD = 2, "Unhappy"
    OK = 3, "OK"
    HAPPY = 4, "Happy"
    VERY_HAPPY = 5, "Very happy"


# The three questions a pupil is asked: (field prefix, question for staff, question for the pupil).
QUESTIONS = (
    ("going_well", "What is going well", "What is going well for me"),
    ("hard", "What is hard", "What is hard for me"),
    ("helps", "What helps me", "What helps me"),
)


class ParentViews(models.Model):
    """A parent's or carer's views before the review of a cycle (Code of Practice 6.54)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="parent_views_sent")
    cycle = models.ForeignKey("support.Cycle", on_delete=models.CASCADE, related_name="parent_views_sent")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_by_name = models.CharField("Sent by", max_length=200)
    going_well = models.TextField("What is going well", blank=True)
    worries = models.TextField("What worries you", blank=True)
    next_steps = models.TextField("What you would like to happen next", blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = "parent's views"
        verbose_name_plural = "parents' views"
        indexes = [models.Index(fields=["cycle", "sent_at"])]

    def __str__(self) -> str:
        return f"Views from {self.sent_by_name} sent on {in_words(timezone.localdate(self.sent_at))}"

    @property
    def parts(self) -> list[tuple[str, str]]:
        return [
            (label, text)
            for label, text in (
                ("What is going well", self.going_well),
                ("What worries me", self.worries),
                ("What I would like to happen next", self.next_steps),
            )
            if text.strip()
        ]

    @property
    def first_line(self) -> str:
        text = next((text for _, text in self.parts), "")
        line = text.strip().splitlines()[0] if text.strip() else ""
        return line if len(line) <= 120 else line[:117].rstrip() + "..."

    def as_text(self) -> str:
        """The views as the review's record of the parents' views."""
        sent = in_words(timezone.localdate(self.sent_at))
        lines = [f"From {self.sent_by_name}, sent on {sent}:"]
        lines += [f"{label}: {text.strip()}" for label, text in self.parts]
        return "\n".join(lines)

    def clean(self) -> None:
        if not self.parts:
            raise ValidationError(
                {"going_well": "Write something in at least one of the three boxes before you send your views."}
            )


class PupilViewsQuerySet(PupilDataQuerySet):
    def visible_to(self, user: Any) -> models.QuerySet:
        """Staff who read the pupil's whole record, and the pupil themselves through their own sign-in."""
        if user is None or not user.is_authenticated:
            return self.none()
        staff_pupils = Pupil.objects.seen_as_staff_by(user).values("pk")
        own = PupilAccount.objects.filter(user=user, active=True).values("pupil_id")
        return self.filter(Q(pupil__in=staff_pupils) | Q(pupil__in=own))


class PupilViews(models.Model):
    """A pupil's own views, captured with them by staff or given through the pupil's own sign-in.

    Each question has a face from the picture scale and optional words; at least one answer is given.
    ``cycle`` is the cycle that was open at the time (none when the pupil had no open cycle), so the
    views go into that cycle's review.
    """

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="voice_records")
    cycle = models.ForeignKey(
        "support.Cycle", on_delete=models.SET_NULL, null=True, blank=True, related_name="pupil_views_given"
    )
    given_on = models.DateField("Date")
    by_pupil = models.BooleanField("Given by the pupil through their own sign-in", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    going_well_face = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    going_well = models.TextField("What is going well", blank=True)
    hard_face = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    hard = models.TextField("What is hard", blank=True)
    helps_face = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    helps = models.TextField("What helps me", blank=True)
    how_gathered = models.CharField("How the views were gathered", max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = PupilViewsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = "pupil's views"
        verbose_name_plural = "pupils' views"
        indexes = [models.Index(fields=["pupil", "given_on"]), models.Index(fields=["cycle"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(going_well_face__gte=1, going_well_face__lte=5) | Q(going_well_face__isnull=True),
                name="voice_going_well_face_on_scale",
            ),
            models.CheckConstraint(
                condition=Q(hard_face__gte=1, hard_face__lte=5) | Q(hard_face__isnull=True),
                name="voice_hard_face_on_scale",
            ),
            models.CheckConstraint(
                condition=Q(helps_face__gte=1, helps_face__lte=5) | Q(helps_face__isnull=True),
                name="voice_helps_face_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil}'s views on {in_words(self.given_on)}"

    @property
    def answers(self) -> list[dict[str, Any]]:
        """Each question with its face (value and words) and the pupil's words, answered ones only."""
        found = []
        for prefix, staff_label, own_label in QUESTIONS:
            face = getattr(self, f"{prefix}_face")
            words = getattr(self, prefix).strip()
            if face is None and not words:
                continue
            found.append(
                {
                    "question": staff_label,
                    "own_question": own_label,
                    "face": face,
                    "face_label": Face(face).label if face else "",
                    "words": words,
                }
            )
        return found

    def as_text(self) -> str:
        """The views as the review's record of the pupil's views."""
        how = "in their own words, signed in" if self.by_pupil else (self.how_gathered or "with a member of staff")
        lines = [f"{in_words(self.given_on)} ({how}):"]
        for answer in self.answers:
            parts = [p for p in (answer["face_label"] and f"[{answer['face_label']}]", answer["words"]) if p]
            lines.append(f"{answer['question']}: {' '.join(parts)}")
        return "\n".join(lines)

    def clean(self) -> None:
        if not self.answers:
            raise ValidationError(
                {"going_well_face": "Choose a face or write some words for at least one of the three questions."}
            )


class PupilAccount(models.Model):
    """A pupil's own simple sign-in, made by the SENCO where the school allows it.

    The account has no staff or parent role: it sees only the pupil's own "My views" page
    (``voice.middleware.PupilAccountMiddleware`` turns every other page away).
    """

    pupil = models.OneToOneField(Pupil, on_delete=models.CASCADE, related_name="voice_account")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pupil_account")
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Sign-in for {self.pupil}"
