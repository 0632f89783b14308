"""The school's statutory records for EHC needs assessments and plans: just what the duties need.

- A request for an EHC needs assessment (CFA 2014 s.36): when, who made it, the LA's answer.
- An EHC plan issued by the LA, with the next phase transfer, and its annual reviews (s.44; SEND
  Regulations 2014 reg. 18 and 20): meeting date, when invitations went out and advice circulated.
- The plan's sections as rows (``PlanEntry``): the needs (section B), the outcomes (E) and the provision
  (F), each line of provision optionally linked to a provision on the school's provision map.
- Each review's advice requests (``AdviceRequest``) and its report to the LA: the views, progress towards
  each outcome (``OutcomeProgress``), the recommendation and when it was sent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.pupils.models import Pupil, pupil_data


class ClockException(models.TextChoices):
    """Why a time limit could not be met, as the law allows (SEND Regulations 2014 reg. 5(4), 8(2), 10(4)
    and 13(3)). Which clocks each may excuse is data: ``settings.EHC_CLOCKS["exceptions"]``."""

    SCHOOL_CLOSED = "school_closed", "The school was closed for at least 4 weeks when the advice was asked for"
    PERSONAL = "personal", "Exceptional personal circumstances of the child or the parent"
    AWAY = "away", "The child or the parent was away from the area for at least 4 weeks"
    APPOINTMENT = "appointment", "The child or the parent missed an appointment for an examination or test"


class EHCRequest(models.Model):
    """A request to the local authority for an EHC needs assessment, and the LA's decision."""

    class RequestedBy(models.TextChoices):
        SCHOOL = "school", "The school"
        PARENT = "parent", "A parent or carer"
        YOUNG_PERSON = "young_person", "The young person"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting for the local authority's decision"
        AGREED = "agreed", "The local authority agreed to assess"
        REFUSED = "refused", "The local authority decided not to assess"
        WITHDRAWN = "withdrawn", "Withdrawn"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ehc_requests")
    requested_on = models.DateField("Date of the request")
    requested_by = models.CharField("Who made the request", max_length=20, choices=RequestedBy.choices)
    outcome = models.CharField("Decision", max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_on = models.DateField("Date of the decision", null=True, blank=True)
    notes = models.TextField(blank=True)
    # The local authority's steps after the decision to assess, and the school's advice: their dates drive
    # the statutory clocks (``statutory.clocks``); the order is checked in ``statutory.la.services``.
    advice_requested_on = models.DateField(
        "Date the local authority asked for the school's advice", null=True, blank=True
    )
    advice_sent_on = models.DateField("Date the school sent its advice", null=True, blank=True)
    no_plan_on = models.DateField("Date of the decision not to issue a plan", null=True, blank=True)
    draft_issued_on = models.DateField("Date the draft plan was issued", null=True, blank=True)
    representations_end_on = models.DateField("Date representations on the draft ended", null=True, blank=True)
    final_issued_on = models.DateField("Date the final plan was issued", null=True, blank=True)
    exception = models.CharField(
        "Exception to the time limits", max_length=30, choices=ClockException.choices, blank=True, default=""
    )
    exception_note = models.TextField("What happened", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = "EHC needs assessment request"
        indexes = [models.Index(fields=["pupil", "requested_on"])]

    def __str__(self) -> str:
        return f"EHC needs assessment requested on {self.requested_on:%d/%m/%Y}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.outcome != self.Outcome.PENDING and self.outcome_on is None:
            errors["outcome_on"] = "Enter the date of the local authority's decision."
        if self.outcome == self.Outcome.PENDING and self.outcome_on is not None:
            errors["outcome_on"] = "Leave the date of the decision blank until there is a decision."
        if self.outcome_on and self.requested_on and self.outcome_on < self.requested_on:
            errors["outcome_on"] = f"The decision cannot be before the request ({self.requested_on:%d/%m/%Y})."
        if errors:
            raise ValidationError(errors)


class EHCAccess(models.Model):
    """A school's grant to one local authority officer of one request: they see that request, the pupil's
    name and what it needs, and nothing else of the school. Revoked, never deleted (who saw what, when)."""

    request = models.ForeignKey(EHCRequest, on_delete=models.CASCADE, related_name="la_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ehc_access")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = "local authority access to an EHC request"
        constraints = [
            models.UniqueConstraint(
                fields=["request", "user"], condition=models.Q(revoked_at__isnull=True), name="one_open_ehc_access"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} may see the request of {self.request.requested_on:%d/%m/%Y}"

    def audit_subject(self) -> tuple[int, int]:
        """The grant is part of the pupil's record: who was let see it shows in the pupil's audit log."""
        return self.request.pupil.school_id, self.request.pupil_id


class EHCPlan(models.Model):
    """An EHC plan issued by the local authority, as far as the school's duties need it."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ehc_plans")
    issued_on = models.DateField("Date the final plan was issued")
    next_transfer_on = models.DateField(
        "Date of the next move between phases",
        null=True,
        blank=True,
        help_text="For example the September the pupil moves to secondary school. Leave blank if none is due.",
    )
    next_transfer_to_post16 = models.BooleanField("The next move is from secondary school to post-16", default=False)
    ceased_on = models.DateField("Date the plan ceased", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "EHC plan"

    def __str__(self) -> str:
        return f"EHC plan issued on {self.issued_on:%d/%m/%Y}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.next_transfer_on and self.issued_on and self.next_transfer_on <= self.issued_on:
            errors["next_transfer_on"] = f"The move must be after the plan was issued ({self.issued_on:%d/%m/%Y})."
        if self.ceased_on and self.issued_on and self.ceased_on < self.issued_on:
            errors["ceased_on"] = f"The plan cannot cease before it was issued ({self.issued_on:%d/%m/%Y})."
        if errors:
            raise ValidationError(errors)


class Recommendation(models.TextChoices):
    KEEP = "keep", "Keep the plan as it is"
    AMEND = "amend", "Amend the plan"
    CEASE = "cease", "Cease the plan"


class AnnualReview(models.Model):
    """An annual review of an EHC plan (s.44): the meeting, with its notice and advice (reg. 20), and
    the school's report to the local authority afterwards."""

    Recommendation = Recommendation

    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="annual_reviews")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="annual_reviews")
    meeting_on = models.DateField("Date of the review meeting")
    invitations_sent_on = models.DateField("Date the invitations were sent", null=True, blank=True)
    advice_circulated_on = models.DateField("Date the advice was sent to those invited", null=True, blank=True)
    held = models.BooleanField("The meeting has been held", default=False)
    # The school's report after the meeting (reg. 20(7)-(8)): views, progress, recommendation, sent to the LA.
    pupil_views = models.TextField("What the pupil said", blank=True)
    parent_views = models.TextField("What the parents said", blank=True)
    recommendation = models.CharField(
        "What the school recommends", max_length=10, choices=Recommendation.choices, blank=True
    )
    report_sent_on = models.DateField("Date the report was sent to the local authority", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["-meeting_on", "-id"]
        indexes = [models.Index(fields=["pupil", "meeting_on"])]

    def __str__(self) -> str:
        return f"Annual review on {self.meeting_on:%d/%m/%Y}"

    @property
    def advice_received(self) -> list[AdviceRequest]:
        """The advice that has come in (from the prefetched requests, when a page prefetched them)."""
        return [advice for advice in self.advice_requests.all() if advice.received_on]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for name, label in (("invitations_sent_on", "invitations"), ("advice_circulated_on", "advice")):
            value = getattr(self, name)
            if value and self.meeting_on and value > self.meeting_on:
                errors[name] = f"The {label} cannot be sent after the meeting ({self.meeting_on:%d/%m/%Y})."
        if self.report_sent_on and self.meeting_on and self.report_sent_on < self.meeting_on:
            errors["report_sent_on"] = f"The report cannot be sent before the meeting ({self.meeting_on:%d/%m/%Y})."
        if self.plan_id and self.meeting_on and self.meeting_on < self.plan.issued_on:
            errors["meeting_on"] = f"The review cannot be before the plan was issued ({self.plan.issued_on:%d/%m/%Y})."
        if errors:
            raise ValidationError(errors)


class EvidencePack(models.Model):
    """The school's evidence for an EHC needs assessment: what the SENCO adds to the records.

    The evidence itself (needs, cycles, provision and its cost, progress, advice, views, meetings) is
    read from the records each time (``statutory.evidence.pack``), never retyped; this row holds only
    the SENCO's covering summary and how the parents were involved (CoP 9.8: a school asks with the
    parents' knowledge). ``request`` is the request the pack went with: made when the school sends
    it, or the parent's own request it was prepared for. ``sent_on`` is when the school sent it.
    Sending freezes the pack as it went (``sent_json`` and ``sent_pdf``): what the local authority
    received does not change when the records change afterwards, and it is what the officer reads.
    """

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ehc_evidence_packs")
    covering_summary = models.TextField("Covering summary", blank=True)
    parents_involved_on = models.DateField("Date the parents were involved", null=True, blank=True)
    parents_involvement = models.TextField("How the parents were involved", blank=True)
    parents_view = models.TextField("The parents' view of the request", blank=True)
    request = models.OneToOneField(
        EHCRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence_pack"
    )
    sent_on = models.DateField("Date sent to the local authority", null=True, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    prepared_at = models.DateTimeField(default=timezone.now)
    sent_json = models.JSONField("The pack as sent (JSON)", null=True, blank=True, editable=False)
    sent_pdf = models.BinaryField("The pack as sent (PDF)", null=True, blank=True, editable=False)

    # The frozen copies are written once, when the pack is sent: no need to copy them into history.
    history = HistoricalRecords(excluded_fields=["sent_json", "sent_pdf"])

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["-prepared_at", "-id"]
        verbose_name = "EHC needs assessment evidence pack"

    def __str__(self) -> str:
        return f"Evidence pack for an EHC needs assessment, started {self.prepared_at:%d/%m/%Y}"

    @property
    def is_sent(self) -> bool:
        return self.sent_on is not None

    @property
    def parents_involved(self) -> bool:
        return self.parents_involved_on is not None and bool(self.parents_involvement.strip())


class PlanEntry(models.Model):
    """One line of a section of the plan: a need (section B), an outcome (E) or provision (F).

    A line of provision may point at the provision on the school's map that delivers it, so its cost
    and sessions come from the provision app rather than being typed twice."""

    class Section(models.TextChoices):
        NEEDS = "B", "Needs (section B)"
        OUTCOMES = "E", "Outcomes (section E)"
        PROVISION = "F", "Provision (section F)"

    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="entries")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ehc_plan_entries")
    section = models.CharField(max_length=1, choices=Section.choices)
    text = models.TextField("What the plan says")
    provision = models.ForeignKey(
        "provision.Provision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ehc_plan_entries",
        verbose_name="Provision on the provision map",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["plan", "section", "id"]
        verbose_name = "EHC plan line"

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text[:60]}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.text.strip():
            errors["text"] = "Enter what the plan says."
        if self.provision_id and self.section != self.Section.PROVISION:
            errors["provision"] = "Only a line of provision (section F) can be linked to the provision map."
        if errors:
            raise ValidationError(errors)


class AdviceRequest(models.Model):
    """Advice asked for before an annual review (reg. 20): from whom, when asked, when it came in."""

    class Source(models.TextChoices):
        PARENT = "parent", "The parents"
        PUPIL = "pupil", "The pupil"
        SCHOOL = "school", "School staff"
        EP = "ep", "Educational psychologist"
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social_care", "Social care"

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="advice_requests")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="annual_review_advice")
    source = models.CharField("Who the advice is from", max_length=20, choices=Source.choices)
    asked_on = models.DateField("Date the advice was asked for")
    received_on = models.DateField("Date the advice was received", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["asked_on", "id"]

    def __str__(self) -> str:
        return f"Advice from {self.get_source_display().lower()} asked on {self.asked_on:%d/%m/%Y}"

    def clean(self) -> None:
        if self.received_on and self.asked_on and self.received_on < self.asked_on:
            raise ValidationError(
                {"received_on": f"The advice cannot arrive before it was asked for ({self.asked_on:%d/%m/%Y})."}
            )


class OutcomeProgress(models.Model):
    """The review report's account of progress towards one of the plan's outcomes."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="outcome_progress")
    outcome = models.ForeignKey(PlanEntry, on_delete=models.CASCADE, related_name="progress")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ehc_outcome_progress")
    progress = models.TextField("Progress towards the outcome", blank=True)

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["outcome_id"]
        constraints = [models.UniqueConstraint(fields=["review", "outcome"], name="one_progress_per_outcome")]

    def __str__(self) -> str:
        return f"Progress towards {self.outcome}"
