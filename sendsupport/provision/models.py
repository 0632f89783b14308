"""The provision map: interventions, what each pupil receives, the sessions delivered, and what it costs.

Money is kept in pence (integers) and worked out with ``fractions.Fraction`` in ``costing.py``; never
floats. Who may see costs is the ``provision.view_costs`` rule: the SENCO and the head only.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.accounts.access import STAFF_ROLES, school_ids_with_roles
from sendsupport.core.dates import in_words
from sendsupport.pupils.codes import BroadArea
from sendsupport.pupils.models import Pupil, pupil_data
from sendsupport.schools.models import REGISTER_MANAGERS, School

from .choices import (
    Attendance,
    DelivererRole,
    FundingStream,
    MeasureKind,
    Recurrence,
    TopUpStatus,
)

POSITIVE = [MinValueValidator(1)]
NOT_NEGATIVE = [MinValueValidator(0)]


class InterventionQuerySet(models.QuerySet):
    def for_school(self, school: School) -> InterventionQuerySet:
        """The school's own interventions and those other schools of its trust share."""
        shared = Q(shared_with_trust=True, school__trust_id=school.trust_id) if school.trust_id else Q(pk__in=[])
        return self.filter(Q(school=school) | shared)


class Intervention(models.Model):
    """A kind of help the school offers (the library): what it is, for which area of need, the evidence
    that it works, and its usual shape. A provision gives it to a pupil or a group.

    A school can share an intervention with the other schools of its trust; they use it as it is
    and cannot change it.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="interventions")
    name = models.CharField("Name", max_length=120)
    area = models.CharField("Area of need", max_length=20, choices=BroadArea.choices)
    description = models.TextField("What it is", help_text="What happens in a session, in plain English.")
    evidence = models.TextField(
        "Evidence that it works", blank=True, help_text="What is known about its effect, and for whom."
    )
    evidence_url = models.URLField("Link to the evidence", blank=True)
    group_size = models.PositiveSmallIntegerField("Usual group size", default=1, validators=POSITIVE)
    session_minutes = models.PositiveSmallIntegerField("Session length in minutes", default=30, validators=POSITIVE)
    sessions_per_week = models.PositiveSmallIntegerField("Sessions a week", default=3, validators=POSITIVE)
    delivered_by = models.CharField("Usually delivered by", max_length=20, choices=DelivererRole.choices)
    extra_costs = models.TextField(
        "Extra costs", blank=True, help_text="For example: the programme's books, a licence, training."
    )
    extra_cost_pence = models.PositiveIntegerField(
        "Extra cost for each group, in pence", default=0, help_text="A one-off cost when a provision starts."
    )
    shared_with_trust = models.BooleanField("Share with the other schools in our trust", default=False)
    active = models.BooleanField("Offered now", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = InterventionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="provision_intervention_name_unique")]

    def __str__(self) -> str:
        return self.name


class ProvisionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ProvisionQuerySet:
        """SENCOs and heads: every provision at their schools. Teachers and TAs: those they deliver,
        and those with a member they may see. Parents: those their child belongs to."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        members = ProvisionMember.objects.visible_to(user).values("provision_id")
        return self.filter(
            Q(school_id__in=school_ids_with_roles(user, REGISTER_MANAGERS))
            | Q(deliverers=user, school_id__in=school_ids_with_roles(user, STAFF_ROLES))
            | Q(pk__in=members)
        ).distinct()

    def running_on(self, day: date) -> ProvisionQuerySet:
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class Provision(models.Model):
    """An intervention given to one pupil or a group: who delivers it, when, where, for how long, how it
    is paid for, and which outcomes of the pupils' plans it serves.

    The schedule is ``sessions_per_week`` x ``session_minutes``. One-to-one adult support is a
    provision with ``one_to_one`` set, whose weekly hours are the same two numbers (shown as hours).
    Members join and leave on dates (``ProvisionMember``); sessions are registered as delivered.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="provisions")
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="provisions")
    name = models.CharField("Group name", max_length=120, help_text="For example: Year 3 phonics group A.")
    one_to_one = models.BooleanField("One-to-one adult support", default=False)
    deliverer_role = models.CharField("Delivered by", max_length=20, choices=DelivererRole.choices)
    deliverers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="provisions_delivered", verbose_name="Staff who deliver it"
    )
    external_deliverer = models.CharField(
        "Or someone from outside the school", max_length=200, blank=True, help_text="For example: the LA's SALT."
    )
    sessions_per_week = models.PositiveSmallIntegerField("Sessions a week", validators=POSITIVE)
    session_minutes = models.PositiveSmallIntegerField("Minutes a session", validators=POSITIVE)
    starts_on = models.DateField("Starts on")
    ends_on = models.DateField("Ends on", null=True, blank=True)
    place = models.CharField("Where", max_length=120, blank=True)
    funding = models.CharField("Paid for from", max_length=20, choices=FundingStream.choices)
    outcomes = models.ManyToManyField(
        "support.Outcome", blank=True, related_name="provisions", verbose_name="Outcomes it serves"
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_into"
    )
    reviewed_on = models.DateField("Reviewed on", null=True, blank=True)
    review_note = models.TextField("What the review found", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProvisionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["school", "starts_on"])]

    def __str__(self) -> str:
        return self.name

    @property
    def weekly_minutes(self) -> int:
        return self.sessions_per_week * self.session_minutes

    @property
    def weekly_hours(self) -> Decimal:
        return (Decimal(self.weekly_minutes) / 60).quantize(Decimal("0.01"))

    def runs_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = f"The end date must be on or after the start date ({in_words(self.starts_on)})."
        if self.session_minutes is not None and self.session_minutes > 24 * 60:
            errors["session_minutes"] = "A session cannot be longer than a day (1,440 minutes)."
        if self.sessions_per_week is not None and self.sessions_per_week > 50:
            errors["sessions_per_week"] = "Enter 50 sessions a week or fewer."
        if errors:
            raise ValidationError(errors)


class ProvisionMember(models.Model):
    """A pupil's time in a provision: joined on a date, and left on a date (or still a member)."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="members")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="provision_memberships")
    joined_on = models.DateField("Joined on")
    left_on = models.DateField("Left on", null=True, blank=True)

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["provision", "joined_on", "id"]
        indexes = [models.Index(fields=["pupil", "provision"])]

    def __str__(self) -> str:
        return f"{self.pupil} in {self.provision}"

    def member_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)

    def clean(self) -> None:
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError(
                {
                    "left_on": f"The date they left must be on or after the date they joined ({in_words(self.joined_on)})."
                }
            )


class DeliveredSessionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> DeliveredSessionQuerySet:
        return self.filter(provision__in=Provision.objects.visible_to(user).values("pk"))


class DeliveredSession(models.Model):
    """One session as it happened: its date and length, or that it was cancelled and why, and a note.
    Attendance of each member present that day is in ``SessionAttendance``."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("Date")
    minutes = models.PositiveSmallIntegerField("Minutes", validators=POSITIVE)
    cancelled = models.BooleanField("The session did not take place", default=False)
    cancelled_reason = models.CharField("Why it did not take place", max_length=200, blank=True)
    note = models.TextField("Note", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = DeliveredSessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["provision", "held_on"])]

    def __str__(self) -> str:
        return f"{self.provision} on {in_words(self.held_on)}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.cancelled and not self.cancelled_reason.strip():
            errors["cancelled_reason"] = "Say why the session did not take place."
        if self.held_on and self.provision_id and not self.provision.runs_on(self.held_on):
            ends = f" to {in_words(self.provision.ends_on)}" if self.provision.ends_on else ""
            errors["held_on"] = (
                f"The date must be within the provision's dates ({in_words(self.provision.starts_on)}{ends})."
            )
        if self.minutes is not None and self.minutes > 24 * 60:
            errors["minutes"] = "A session cannot be longer than a day (1,440 minutes)."
        if errors:
            raise ValidationError(errors)


class SessionAttendance(models.Model):
    """Whether a member was present at a session that took place."""

    session = models.ForeignKey(DeliveredSession, on_delete=models.CASCADE, related_name="attendance")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="session_attendance")
    status = models.CharField(max_length=10, choices=Attendance.choices)

    objects = pupil_data()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "pupil"], name="provision_attendance_once")]
        indexes = [
            models.Index(fields=["pupil", "session"]),
            # Costing counts each session's present marks, and finds the sessions nobody came to,
            # from this index alone (a third off the year's costs on SQLite).
            models.Index(fields=["session", "status"], name="provision_attendance_by_mark"),
        ]

    def __str__(self) -> str:
        return f"{self.pupil}: {self.get_status_display()}"


class ExtraCost(models.Model):
    """A cost beside staff time: resources, a licence, an outside service. Once, or every teaching week."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="extra_costs")
    description = models.CharField("What it is for", max_length=200)
    amount_pence = models.PositiveIntegerField("Amount in pence", validators=NOT_NEGATIVE)
    recurrence = models.CharField("How often", max_length=10, choices=Recurrence.choices, default=Recurrence.ONE_OFF)
    on_date = models.DateField("Date", help_text="For a cost paid once: when. For a weekly cost: from when.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["on_date", "id"]

    def __str__(self) -> str:
        return self.description

    def audit_subject(self) -> tuple[int | None, None]:
        """Its changes belong in the school's audit log (no one pupil's)."""
        return self.provision.school_id, None


class StaffRoleCost(models.Model):
    """What an hour of a kind of staff costs the school, with on-costs. Seen by the SENCO and head only."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="role_costs")
    role = models.CharField("Role", max_length=20, choices=DelivererRole.choices)
    hourly_pence = models.PositiveIntegerField("Cost an hour, in pence", validators=POSITIVE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role"]
        constraints = [models.UniqueConstraint(fields=["school", "role"], name="provision_role_cost_once")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} at {self.school}"


class StaffMemberCost(models.Model):
    """A named person's hourly cost, where the school prefers it to the role's. SENCO and head only."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="staff_costs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    hourly_pence = models.PositiveIntegerField("Cost an hour, in pence", validators=POSITIVE)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "user"], name="provision_staff_cost_once")]

    def __str__(self) -> str:
        return f"Hourly cost of {self.user} at {self.school}"


class FundingAllocation(models.Model):
    """The school's notional SEN budget and Inclusive Mainstream Fund allocation for an academic year."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="funding_allocations")
    start_year = models.PositiveIntegerField("Academic year starting in")
    notional_sen_pence = models.PositiveIntegerField("Notional SEN budget, in pence", default=0)
    imf_pence = models.PositiveIntegerField("Inclusive Mainstream Fund allocation, in pence", default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "start_year"], name="provision_allocation_once_a_year")
        ]

    def __str__(self) -> str:
        return f"Funding for {self.school} from September {self.start_year}"


class TopUp(models.Model):
    """Element 3 top-up funding for a pupil from the local authority: asked for, agreed or refused."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="top_ups")
    start_year = models.PositiveIntegerField("Academic year starting in")
    amount_pence = models.PositiveIntegerField("Amount a year, in pence", validators=NOT_NEGATIVE)
    status = models.CharField("Status", max_length=10, choices=TopUpStatus.choices, default=TopUpStatus.REQUESTED)
    requested_on = models.DateField("Date requested")
    decided_on = models.DateField("Date decided", null=True, blank=True)
    source = models.CharField("From", max_length=200, help_text="For example: the local authority's high needs block.")
    note = models.TextField("Note", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = pupil_data(staff_only=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year", "-requested_on"]

    def __str__(self) -> str:
        return f"Top-up for {self.pupil} ({self.get_status_display()})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.decided_on and self.requested_on and self.decided_on < self.requested_on:
            errors["decided_on"] = f"The decision cannot come before the request ({in_words(self.requested_on)})."
        if self.status != TopUpStatus.REQUESTED and not self.decided_on:
            errors["decided_on"] = "Enter the date it was decided."
        if errors:
            raise ValidationError(errors)


class ImpactMeasure(models.Model):
    """A measure of a pupil before (entry) or after (exit) a provision: a score on a named scale."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="measures")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="impact_measures")
    kind = models.CharField("Entry or exit", max_length=10, choices=MeasureKind.choices)
    score = models.DecimalField("Score", max_digits=8, decimal_places=2)
    scale = models.CharField("Scale", max_length=120, help_text="For example: standardised reading score.")
    measured_on = models.DateField("Date measured")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = pupil_data()
    history = HistoricalRecords()

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provision", "pupil", "kind"], name="provision_one_measure_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} measure for {self.pupil}: {self.score} ({self.scale})"
