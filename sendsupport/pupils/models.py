"""Pupils, their parents and carers, and the SEN register (dated provision status and ranked needs)."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.accounts.access import (
    STAFF_ROLES,
    is_parent,
    memoised,
    memoised_school_ids_with_roles,
    request_memo,
    school_ids_with_roles,
)
from sendsupport.core import dates
from sendsupport.core.versioning import Versioned
from sendsupport.pupils.codes import YEAR_GROUPS, NeedType, Provision, broad_area
from sendsupport.pupils.upn import UPNError, validate_upn
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Group, School


def upn_field_validator(value: str) -> None:
    try:
        validate_upn(value)
    except UPNError as error:
        raise ValidationError(str(error), code="upn") from error


def on_roll_q(day: date | None = None, prefix: str = "") -> Q:
    """The one definition of "on roll" on ``day`` (today if not given): no leaving date, or one
    still to come, so a pupil whose leaving date is ahead is still on the register and the to-do
    list. ``prefix`` reaches the pupil from another model, for example ``"pupil__"``."""
    day = day or dates.today()
    return Q(**{f"{prefix}on_roll_until__isnull": True}) | Q(**{f"{prefix}on_roll_until__gte": day})


class PupilQuerySet(models.QuerySet):
    def on_roll(self, day: date | None = None) -> PupilQuerySet:
        return self.filter(on_roll_q(day))

    def visible_to(self, user: Any) -> PupilQuerySet:
        """The pupils this user may see. Empty for governors, LA officers, strangers and the signed out.

        - SENCOs and heads: every pupil at their schools.
        - Teachers and TAs: pupils in groups they teach or support, or the whole school where the
          school opens its register to all staff.
        - Parents and carers: their own children (linked, with parental responsibility).

        In a request the user's schools, groups and children are worked out once (``visibility``)
        and the condition is built from those ids: far cheaper to build and to run than five
        subqueries on every query of pupil data.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if request_memo(user) is not None:
            return self.filter(memoised(user, "pupil_visibility", lambda: _visibility(user)))
        open_register_schools = School.objects.filter(
            whole_register_visible_to_staff=True, pk__in=school_ids_with_roles(user, CLASSROOM_STAFF)
        ).values("pk")
        classroom_school_ids = school_ids_with_roles(user, CLASSROOM_STAFF)
        taught_group_ids = Group.objects.filter(staff=user, school_id__in=classroom_school_ids).values("pk")
        taught_pupil_ids = Pupil.teaching_groups.through.objects.filter(group_id__in=taught_group_ids).values(
            "pupil_id"
        )
        own_children = PupilContact.objects.filter(contact__user=user, parental_responsibility=True).values("pupil_id")
        return self.filter(
            Q(school_id__in=school_ids_with_roles(user, REGISTER_MANAGERS))
            | Q(school_id__in=open_register_schools)
            | Q(registration_group_id__in=taught_group_ids)
            | Q(pk__in=taught_pupil_ids)
            | Q(pk__in=own_children)
        )

    def seen_as_staff_by(self, user: Any) -> PupilQuerySet:
        """Visible pupils at schools where the user is staff: whose whole record they may read."""
        return self.visible_to(user).filter(school_id__in=school_ids_with_roles(user, STAFF_ROLES))


def _visibility(user: Any) -> Q:
    """The condition ``PupilQuerySet.visible_to`` uses in a request, built once per request: the same
    rule as outside a request, with the user's schools as lists from the roles read once per request."""
    managed = memoised_school_ids_with_roles(user, REGISTER_MANAGERS) or []
    classroom = memoised_school_ids_with_roles(user, CLASSROOM_STAFF) or []
    # Each part is added only when the user can match it: an OR with a subquery that finds nothing
    # still stops the database using the school index, so a SENCO's list scanned every pupil in
    # an LA's database. Whether the user is a parent is read once a request (the navigation needs it).
    condition = Q(pk__in=[])  # matches no one: the start of the OR
    if is_parent(user):
        condition |= Q(
            pk__in=PupilContact.objects.filter(contact__user=user, parental_responsibility=True).values("pupil_id")
        )
    if managed:
        condition |= Q(school_id__in=managed)
    if classroom:
        open_schools = School.objects.filter(whole_register_visible_to_staff=True, pk__in=classroom).values("pk")
        groups = Group.objects.filter(staff=user, school_id__in=classroom).values("pk")
        taught = Pupil.teaching_groups.through.objects.filter(group_id__in=groups).values("pupil_id")
        condition |= Q(school_id__in=open_schools) | Q(registration_group_id__in=groups) | Q(pk__in=taught)
    return condition


class PupilDataQuerySet(models.QuerySet):
    """For every model that reaches a pupil: ``visible_to(user)`` keeps only rows of pupils the
    user may see (NetBox's ``restrict`` in spirit), so a new caller cannot forget the scope.

    ``pupil_path`` is the lookup from the model to its pupil; ``staff_only`` marks the parts of the
    record that only staff read (the ``support.view_staff_record`` rule: concerns, notes, ...).
    Finer rules (a parent sees a meeting only once shared) stay in the selectors and rules.
    """

    pupil_path = "pupil"
    staff_only = False

    def visible_to(self, user: Any) -> models.QuerySet:
        pupils = Pupil.objects.seen_as_staff_by(user) if self.staff_only else Pupil.objects.visible_to(user)
        return self.filter(**{f"{self.pupil_path}__in": pupils.values("pk")})


def pupil_data(path: str = "pupil", *, staff_only: bool = False) -> models.Manager:
    """A manager whose queryset has ``visible_to(user)``, for a model that reaches a pupil by ``path``."""
    queryset = type("ScopedQuerySet", (PupilDataQuerySet,), {"pupil_path": path, "staff_only": staff_only})
    return queryset.as_manager()


class Pupil(Versioned):
    """A child or young person on roll at a school. Kept whether or not they have SEN."""

    class Sex(models.TextChoices):
        FEMALE = "F", "Female"
        MALE = "M", "Male"

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="pupils")
    upn = models.CharField("UPN", max_length=13, unique=True, validators=[upn_field_validator])
    legal_first_name = models.CharField("Legal first name", max_length=100)
    legal_last_name = models.CharField("Legal last name", max_length=100)
    preferred_first_name = models.CharField("Preferred first name", max_length=100, blank=True)
    preferred_last_name = models.CharField("Preferred last name", max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    year_group = models.CharField(max_length=3, choices=YEAR_GROUPS)
    registration_group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_pupils",
        limit_choices_to={"kind": Group.Kind.REGISTRATION},
    )
    teaching_groups = models.ManyToManyField(
        Group, blank=True, related_name="pupils", limit_choices_to={"kind": Group.Kind.TEACHING}
    )
    on_roll_from = models.DateField("On roll from")
    on_roll_until = models.DateField("Left on", null=True, blank=True)
    # Census SEN unit and resourced provision indicators: set only for a member of provision the LA
    # recognises, and only where the school has it (School.has_sen_unit, has_resourced_provision).
    in_sen_unit = models.BooleanField("Member of the school's SEN unit", default=False)
    in_resourced_provision = models.BooleanField("Member of the school's resourced provision", default=False)

    history = HistoricalRecords(m2m_fields=[teaching_groups])

    objects = PupilQuerySet.as_manager()

    class Meta:
        ordering = ["legal_last_name", "legal_first_name"]
        indexes = [models.Index(fields=["school", "legal_last_name", "legal_first_name"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_first_name or self.legal_first_name
        last = self.preferred_last_name or self.legal_last_name
        return f"{first} {last}"

    @property
    def legal_name(self) -> str:
        return f"{self.legal_first_name} {self.legal_last_name}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.upn:
            # An invalid UPN is reported by the field's own validator; saying it twice confuses people.
            with contextlib.suppress(UPNError):
                self.upn = validate_upn(self.upn)
        today = dates.today()
        if self.date_of_birth and self.date_of_birth > today:
            errors["date_of_birth"] = "Date of birth must be today or in the past."
        if self.on_roll_from and self.on_roll_until and self.on_roll_until < self.on_roll_from:
            errors["on_roll_until"] = "The date the pupil left must be on or after the date they joined."
        if self.registration_group_id and self.school_id and self.registration_group.school_id != self.school_id:
            errors["registration_group"] = "Choose a registration group from this pupil's school."
        if errors:
            raise ValidationError(errors)

    def on_roll(self, on: date) -> bool:
        return self.on_roll_from <= on and (self.on_roll_until is None or self.on_roll_until >= on)


class SENStatus(models.Model):
    """One dated entry in a pupil's SEN provision history: N, K or E; who decided, when and why."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="sen_statuses")
    provision = models.CharField(max_length=1, choices=Provision.choices)
    start_date = models.DateField("Starts on")
    reason = models.TextField("Why", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    objects = pupil_data()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = "SEN status"
        verbose_name_plural = "SEN statuses"
        indexes = [models.Index(fields=["pupil", "-start_date", "-id"])]

    def __str__(self) -> str:
        return f"{self.get_provision_display()} from {dates.in_words(self.start_date)}"


class SENNeed(models.Model):
    """A ranked type of need (census code), dated; rank 1 is the primary need, rank 2 the secondary."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="sen_needs")
    need_type = models.CharField(max_length=4, choices=NeedType.choices)
    rank = models.PositiveSmallIntegerField(choices=[(1, "Primary"), (2, "Secondary")])
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    objects = pupil_data()

    class Meta:
        ordering = ["rank", "-start_date"]
        verbose_name = "SEN need"
        indexes = [models.Index(fields=["pupil", "end_date", "rank"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(rank__in=[1, 2]), name="need_rank_1_or_2"),
            models.UniqueConstraint(
                fields=["pupil", "rank"], condition=models.Q(end_date__isnull=True), name="one_current_need_per_rank"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need_type} (rank {self.rank})"

    @property
    def broad_area(self) -> str:
        return broad_area(self.need_type).label


class CurrentSEN(models.Model):
    """Each pupil's current provision and primary and secondary need, one row per pupil, read by
    every list (``pupils.selectors.with_current_sen``) with a join instead of three correlated
    subqueries per pupil (at LA scale those dominated the overview's time).

    Derived data, not a record: the history stays in ``SENStatus`` and ``SENNeed``, and
    ``pupils.current_sen.refresh`` rewrites these rows from it whenever either changes, so the two
    cannot disagree (a test keeps it so). No row means no status and no current need.
    """

    pupil = models.OneToOneField(Pupil, on_delete=models.CASCADE, primary_key=True, related_name="current_sen")
    provision = models.CharField(max_length=1, choices=Provision.choices, blank=True, null=True)
    primary_need = models.CharField(max_length=4, choices=NeedType.choices, blank=True, null=True)
    secondary_need = models.CharField(max_length=4, choices=NeedType.choices, blank=True, null=True)

    objects = pupil_data()

    class Meta:
        verbose_name = "current SEN status"
        indexes = [models.Index(fields=["provision"])]

    def __str__(self) -> str:
        return f"{self.provision or '-'} {self.primary_need or ''} {self.secondary_need or ''}".strip()


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ContactQuerySet:
        """Staff see the parents and carers of the pupils whose whole record they read; a parent
        sees only their own entry."""
        if user is None or not user.is_authenticated:
            return self.none()
        staff_pupils = Pupil.objects.seen_as_staff_by(user).values("pk")
        return self.filter(Q(pupil_links__pupil__in=staff_pupils) | Q(user=user)).distinct()


class PupilContactQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PupilContactQuerySet:
        """Links of pupils the user reads as staff, and a parent's own links to their children."""
        if user is None or not user.is_authenticated:
            return self.none()
        staff_pupils = Pupil.objects.seen_as_staff_by(user).values("pk")
        return self.filter(
            Q(pupil__in=staff_pupils) | Q(contact__user=user, pupil__in=Pupil.objects.visible_to(user).values("pk"))
        )


class Contact(Versioned):
    """A parent or carer, known to one school. ``user`` is set when they may sign in to the parent view."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="contacts")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )

    history = HistoricalRecords()

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def audit_subjects(self) -> list[tuple[int, int]]:
        """A parent's details are part of the record of each child they are linked to."""
        return [(self.school_id, pupil_id) for pupil_id in self.pupil_links.values_list("pupil_id", flat=True)]


class PupilContact(Versioned):
    """How a parent or carer is related to a pupil, and whether they hold parental responsibility."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="contact_links")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="pupil_links")
    relationship = models.CharField(max_length=60, help_text="For example: mother, father, grandparent, foster carer.")
    parental_responsibility = models.BooleanField("Has parental responsibility", default=True)

    history = HistoricalRecords()

    objects = PupilContactQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pupil", "contact"], name="unique_pupil_contact")]

    def __str__(self) -> str:
        return f"{self.contact} ({self.relationship}) of {self.pupil}"
