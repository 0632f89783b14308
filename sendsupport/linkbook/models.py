"""The home-school link book: a shared log per child, written by the parents and by the school.

Parents ask for one ("Can we have a home/school link book?"): a place to say what went well and
what was hard, at home and at school, and to answer each other. An entry is never changed once it is
written: a correction is a reply under it. The SENCO (and the head) choose which other staff read and
write in each child's book (``LinkBookReader``); they always can themselves.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sendsupport.accounts.access import school_ids_with_roles
from sendsupport.pupils.models import Pupil, PupilContact, pupil_data
from sendsupport.schools.models import REGISTER_MANAGERS

# The longest entry or reply, in characters: a page of a paper link book. Longer matters are for a meeting.
TEXT_LIMIT = 2000


class LinkBookReader(models.Model):
    """A member of staff the SENCO chose to read and write in this child's link book."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="link_book_readers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_books")
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        verbose_name = "link book reader"
        constraints = [models.UniqueConstraint(fields=["pupil", "user"], name="one_link_book_reader_row")]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.get_username()} may read the link book"


class LinkBookEntryQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> LinkBookEntryQuerySet:
        """Entries of the user's own children (with parental responsibility), and of the pupils whose
        book the user reads as staff: every pupil they see at a school they manage, and the pupils
        whose SENCO chose them."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = PupilContact.objects.filter(contact__user=user, parental_responsibility=True).values("pupil_id")
        chosen = LinkBookReader.objects.filter(user=user).values("pupil_id")
        as_staff = Pupil.objects.seen_as_staff_by(user).filter(
            Q(school_id__in=school_ids_with_roles(user, REGISTER_MANAGERS)) | Q(pk__in=chosen)
        )
        return self.filter(Q(pupil__in=own) | Q(pupil__in=as_staff.values("pk")))


class LinkBookEntry(models.Model):
    """One message in a child's link book: a new entry (with its kind), or a reply under one.

    ``author_label`` keeps who wrote it as it read that day ("Tara Hughes (class teacher)",
    "Priya Patel (mother)"), so the book does not change when someone changes role or leaves.
    """

    class Kind(models.TextChoices):
        POSITIVE = "positive", _("Something positive")
        DIFFICULTY = "difficulty", _("A difficulty")
        NEWS = "news", _("Other news")

    class Side(models.TextChoices):
        HOME = "home", _("Home")
        SCHOOL = "school", _("School")

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="link_book_entries")
    thread = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        help_text="Empty for a new entry.",
    )
    kind = models.CharField("What it is about", max_length=20, choices=Kind.choices, blank=True)
    text = models.TextField("Message")
    side = models.CharField(max_length=10, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    written_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = LinkBookEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at", "-id"]
        verbose_name = "link book entry"
        verbose_name_plural = "link book entries"
        indexes = [models.Index(fields=["pupil", "thread", "written_at"])]

    def __str__(self) -> str:
        what = "Reply" if self.thread_id else (self.get_kind_display() or "Entry")
        return f"{what} by {self.author_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Never edited after posting: a correction is a reply. Only a new row is ever saved.
        if not self._state.adding:
            raise ValueError("A link book entry is never changed once written: add a reply instead.")
        super().save(*args, **kwargs)

    @property
    def first_line(self) -> str:
        return first_line(self.text)


def first_line(text: str, limit: int = 120) -> str:
    """The first non-empty line, shortened to ``limit`` characters, for emails and summaries."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
