"""Meetings with parents: what was discussed and agreed, and a copy the parents can read.

The Code of Practice (6.65) expects the school to meet parents at least three times a year.
A meeting counts toward that when at least one parent or carer attended (``parents_attended``).
Once a record is shared with the parents it is never changed: corrections are added as dated
entries (``MeetingCorrection``) that keep the original wording.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sendsupport.core.dates import in_words
from sendsupport.core.versioning import Versioned
from sendsupport.pupils.models import Contact, Pupil, PupilDataQuerySet, pupil_data


class MeetingQuerySet(PupilDataQuerySet):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        """Staff read every meeting of the pupils they read as staff; a parent only shared records."""
        staff_pupils = Pupil.objects.seen_as_staff_by(user).values("pk")
        visible = Pupil.objects.visible_to(user).values("pk")
        return self.filter(
            models.Q(pupil__in=staff_pupils) | models.Q(pupil__in=visible, shared_with_parents_on__isnull=False)
        )


class MeetingCorrectionQuerySet(PupilDataQuerySet):
    def visible_to(self, user: Any) -> MeetingCorrectionQuerySet:
        return self.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))


class Meeting(Versioned):
    """One meeting held with a pupil's parents or carers (a review meeting or any other).

    The school is the pupil's school. ``shared_with_parents_on`` is set once, when the record is
    shared; from then on the parents can read it in their own view and it can no longer be edited.
    """

    class Kind(models.TextChoices):
        REVIEW = "review", "Review meeting"
        OTHER = "other", "Other meeting with parents"
        ANNUAL_REVIEW = "annual_review", "Annual review of an EHC plan"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("Date of the meeting")
    kind = models.CharField("Type of meeting", max_length=20, choices=Kind.choices)
    parents_attended = models.ManyToManyField(
        Contact, blank=True, related_name="meetings_attended", verbose_name="Parents and carers who attended"
    )
    staff_attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings_attended", verbose_name="Staff who attended"
    )
    other_attendees = models.TextField(
        "Other people who attended", blank=True, help_text="For example the pupil, or a speech and language therapist."
    )
    discussed = models.TextField("What was discussed")
    agreed = models.TextField("What was agreed")
    actions = models.TextField("Actions: who will do what, and by when", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    shared_with_parents_on = models.DateField("Shared with the parents on", null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    before_sendsupport = models.BooleanField(
        "Recorded afterwards, from before the school used sendsupport", default=False, editable=False
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[parents_attended, staff_attendees])

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "meeting with parents"
        verbose_name_plural = "meetings with parents"
        # The yearly count filters by pupil and date range.
        indexes = [models.Index(fields=["pupil", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {in_words(self.held_on)}"

    @property
    def is_shared(self) -> bool:
        return self.shared_with_parents_on is not None

    def clean(self) -> None:
        if self.shared_with_parents_on and self.held_on and self.shared_with_parents_on < self.held_on:
            raise ValidationError({"shared_with_parents_on": "A record cannot be shared before the meeting was held."})


class MeetingCorrection(models.Model):
    """A dated correction to a record already shared with the parents. The original stays as it was."""

    class Part(models.TextChoices):
        DATE = "date", "Date or type of meeting"
        ATTENDANCE = "attendance", "Who attended"
        DISCUSSED = "discussed", "What was discussed"
        AGREED = "agreed", "What was agreed"
        ACTIONS = "actions", "Actions"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="corrections")
    part = models.CharField("Which part of the record is corrected", max_length=20, choices=Part.choices)
    correction = models.TextField("What the record should say")
    reason = models.TextField("Why it is corrected")
    made_on = models.DateField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MeetingCorrectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["made_on", "id"]

    def __str__(self) -> str:
        return f"Correction to {self.get_part_display().lower()} on {in_words(self.made_on)}"

    def audit_subject(self) -> tuple[int | None, int | None]:
        pupil = self.meeting.pupil
        return pupil.school_id, pupil.pk


class DeclinedMeeting(models.Model):
    """A meeting offered to the parents that they declined. It counts as evidence towards the meetings
    expected in the year (CoP 6.65): the school did its part. The date it was offered is required."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="declined_meetings")
    offered_on = models.DateField("Date the meeting was offered")
    proposed_for = models.DateField("Date proposed for the meeting", null=True, blank=True)
    notes = models.TextField("How it was offered and what the parents said", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["-offered_on", "-id"]
        verbose_name = "meeting offered and declined"
        indexes = [models.Index(fields=["pupil", "offered_on"])]

    def __str__(self) -> str:
        return f"Meeting offered on {self.offered_on:%d/%m/%Y}, declined by the parents"


class PlannedMeetingQuerySet(PupilDataQuerySet):
    def visible_to(self, user: Any) -> PlannedMeetingQuerySet:
        """Staff read every planned meeting of the pupils they read as staff; a parent or carer only the
        confirmed (or moved, or cancelled) meetings they are invited to, of their own children."""
        if user is None or not user.is_authenticated:
            return self.none()
        staff_pupils = Pupil.objects.seen_as_staff_by(user).values("pk")
        visible = Pupil.objects.visible_to(user).values("pk")
        invited = PlannedMeeting.invited.through.objects.filter(contact__user=user).values("plannedmeeting_id")
        return self.filter(
            models.Q(pupil__in=staff_pupils)
            | models.Q(pupil__in=visible, pk__in=invited, status__in=PlannedMeeting.PARENTS_SEE)
        )


class PlannedMeeting(models.Model):
    """A meeting with a pupil's parents planned ahead: when, where, who is invited, and the replies.

    Confirming it emails each invited parent a calendar invitation (``uid`` stays the same for the
    meeting's life; ``sequence`` goes up each time it is moved or cancelled, so calendar programs
    replace the old entry). Once held, "Record what happened" makes the :class:`Meeting` record
    (``record``), which is what counts toward the meetings with parents each year.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned, not sent yet"
        CONFIRMED = "confirmed", "Confirmed and sent to the parents"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held and recorded"

    PARENTS_SEE = (Status.CONFIRMED, Status.CANCELLED, Status.HELD)

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="planned_meetings")
    starts_at = models.DateTimeField("Starts")
    ends_at = models.DateTimeField("Ends")
    place = models.CharField("Where", max_length=200, blank=True)
    video_link = models.URLField("Video call link", max_length=500, blank=True)
    invited = models.ManyToManyField(
        Contact, related_name="planned_meetings", verbose_name="Parents and carers invited"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="planned_meetings", verbose_name="Staff invited"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    uid = models.CharField("Calendar UID", max_length=100, unique=True, editable=False)
    sequence = models.PositiveIntegerField("Calendar sequence", default=0, editable=False)
    moved_from = models.DateTimeField("First planned for", null=True, blank=True)
    cancel_reason = models.TextField("Why it was cancelled", blank=True)
    record = models.OneToOneField(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="planned_meeting"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlannedMeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[invited, staff])

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = "planned meeting with parents"
        indexes = [models.Index(fields=["pupil", "starts_at"])]

    def __str__(self) -> str:
        return f"Meeting with parents on {in_words(timezone.localtime(self.starts_at).date())}"

    @property
    def is_upcoming(self) -> bool:
        return self.status == self.Status.CONFIRMED and self.ends_at >= timezone.now()

    @property
    def where(self) -> str:
        """Where, in words: the place, the video link, or both."""
        parts = [self.place] if self.place else []
        if self.video_link:
            parts.append(f"by video call: {self.video_link}")
        return "; ".join(parts) or "to be confirmed"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The meeting must end after it starts."})


class MeetingReply(models.Model):
    """A parent's or carer's answer to a planned meeting: they can come, or they ask for another time."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes, I can come")
        OTHER_TIME = "other_time", _("Asked for another time")

    planned = models.ForeignKey(PlannedMeeting, on_delete=models.CASCADE, related_name="replies")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="meeting_replies")
    answer = models.CharField(max_length=12, choices=Answer.choices)
    message = models.TextField("Message", blank=True)
    # The meeting's sequence when the parent replied: a reply to a time since moved is shown as such.
    sequence = models.PositiveIntegerField(default=0)
    replied_at = models.DateTimeField(default=timezone.now)

    objects = pupil_data("planned__pupil")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-replied_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contact}: {self.get_answer_display()}"

    def audit_subject(self) -> tuple[int | None, int | None]:
        pupil = self.planned.pupil
        return pupil.school_id, pupil.pk
