"""The pupil profile ("passport"): one page about the pupil, versioned, and who has read each version.

Every edit makes a new version; earlier versions are kept and never changed. The current version
is the one with the highest number. Every teacher and TA who works with the pupil confirms they
have read the current version (CoP 6.48: everyone working with the pupil is told the needs and
strategies); ``selectors.unacknowledged_staff`` says who has not.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.pupils.models import Pupil, pupil_data

# The four sections of the one-page profile, in the order they are shown: (field, heading, hint).
SECTIONS = (
    (
        "liked_and_admired",
        "What people like and admire about me",
        "The pupil's strengths and qualities, in words they would recognise.",
    ),
    (
        "important_to_me",
        "What is important to me",
        "People, interests, routines and things that matter to the pupil.",
    ),
    (
        "how_to_support_me",
        "How best to support me",
        "What adults should do, and avoid, so the pupil can learn and feel safe.",
    ),
    (
        "strategies",
        "Strategies that work",
        "Teaching strategies and adjustments that help, for example visual timetables or pre-teaching vocabulary.",
    ),
)
SECTION_FIELDS = tuple(name for name, _, _ in SECTIONS)


class VersionLockedError(RuntimeError):
    """Raised when code tries to change a saved version: edits make a new version instead."""


class PupilProfile(models.Model):
    """One version of a pupil's one-page profile. Saved once, never changed."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="profiles")
    version = models.PositiveIntegerField()
    created_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    liked_and_admired = models.TextField(SECTIONS[0][1])
    important_to_me = models.TextField(SECTIONS[1][1])
    how_to_support_me = models.TextField(SECTIONS[2][1])
    strategies = models.TextField(SECTIONS[3][1])
    pupil_contributed = models.TextField(
        "How the pupil's views were gathered",
        help_text="For example: talked with Maya using picture cards, with her TA, on 3 November.",
    )
    changes_made = models.TextField("What has changed in this version", blank=True)

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pupil", "-version"]
        verbose_name = "pupil passport"
        constraints = [
            models.UniqueConstraint(fields=["pupil", "version"], name="one_profile_per_pupil_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="profile_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"Passport version {self.version}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise VersionLockedError("A passport version cannot be changed; save a new version instead.")
        super().save(*args, **kwargs)

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) for each of the four sections, for templates."""
        return [(heading, getattr(self, name)) for name, heading, _ in SECTIONS]


class ProfileAcknowledgement(models.Model):
    """A member of staff confirmed they have read one version of a pupil's passport."""

    profile = models.ForeignKey(PupilProfile, on_delete=models.CASCADE, related_name="acknowledgements")
    # Accounts are deactivated, not deleted: the evidence that staff were told must outlive them.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data("profile__pupil")
    history = HistoricalRecords()

    class Meta:
        ordering = ["acknowledged_at"]
        verbose_name = "passport read by staff"
        verbose_name_plural = "passports read by staff"
        constraints = [models.UniqueConstraint(fields=["profile", "user"], name="one_acknowledgement_per_version")]

    def __str__(self) -> str:
        return f"{self.user} read passport version {self.profile.version}"

    def audit_subject(self) -> tuple[int | None, int | None]:
        pupil = self.profile.pupil
        return pupil.school_id, pupil.pk
