"""Local authorities, trusts, schools, academic years and the staff who work in schools."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from sendsupport.core import dates

la_number_validator = RegexValidator(r"^\d{3}$", "Enter the LA number as three digits, like 801.")
estab_validator = RegexValidator(r"^\d{4}$", "Enter the DfE establishment number as four digits, like 2000.")
urn_validator = RegexValidator(r"^\d{6,7}$", "Enter the URN as six or seven digits, like 109876.")


class LocalAuthority(models.Model):
    """A local authority: publishes the Local Offer and funds SENDIASS."""

    number = models.CharField("LA number", max_length=3, unique=True, validators=[la_number_validator])
    name = models.CharField(max_length=200)
    local_offer_url = models.URLField("Local Offer address", blank=True)
    sendiass_name = models.CharField("SENDIASS service name", max_length=200, blank=True)
    sendiass_phone = models.CharField("SENDIASS phone", max_length=40, blank=True)
    sendiass_email = models.EmailField("SENDIASS email", blank=True)
    sendiass_url = models.URLField("SENDIASS website", blank=True)
    directory_url = models.URLField(
        "Service directory address (Open Referral UK)",
        blank=True,
        help_text="The address of the authority's Open Referral UK API, for example "
        "https://example.openplace.directory/o/ServiceDirectoryService/v2. SEND services are read from it.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class LocalOfferService(models.Model):
    """A SEND service from the local authority's directory (its Local Offer), as last read by the worker.

    A cache: replaced whole on every successful read, never edited here. Only public information
    about public services is kept.
    """

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="local_offer_services")
    service_id = models.CharField(max_length=200)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    email = models.CharField(max_length=254, blank=True)
    phone = models.CharField(max_length=60, blank=True)
    organisation = models.CharField(max_length=300, blank=True)
    topics = models.CharField("Topics", max_length=500, blank=True)

    class Meta:
        ordering = ["name", "service_id"]
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "service_id"], name="local_offer_service_once")
        ]

    def __str__(self) -> str:
        return self.name


class LocalOfferRead(models.Model):
    """One attempt to read an authority's directory: when, and what happened, for the SENCO to see."""

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="local_offer_reads")
    attempted_at = models.DateTimeField()
    succeeded = models.BooleanField(default=False)
    services_found = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-attempted_at", "-id"]

    def __str__(self) -> str:
        return f"Read of {self.local_authority}'s directory at {self.attempted_at:%Y-%m-%d %H:%M}"


class Trust(models.Model):
    """A multi-academy trust that runs several schools."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    """A school, college or setting: every row of pupil data belongs to one."""

    class Phase(models.TextChoices):
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        SPECIAL = "special", "Special school"
        PRU = "pru", "Pupil referral unit"
        COLLEGE = "college", "College"

    urn = models.CharField("URN", max_length=7, unique=True, validators=[urn_validator])
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="schools")
    estab = models.CharField("DfE establishment number", max_length=4, validators=[estab_validator])
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    trust = models.ForeignKey(Trust, on_delete=models.SET_NULL, null=True, blank=True, related_name="schools")
    whole_register_visible_to_staff = models.BooleanField(
        "All staff may see the whole SEN register",
        default=False,
        help_text="If not, teachers and teaching assistants see only the pupils they teach or support.",
    )
    # Whether the school has provision the LA formally recognises. Only then may a pupil be recorded
    # as a member (Pupil.in_sen_unit, Pupil.in_resourced_provision) for the census indicators.
    has_sen_unit = models.BooleanField(
        "The school has a SEN unit",
        default=False,
        help_text="A special unit for pupils with SEN, recognised by the local authority.",
    )
    has_resourced_provision = models.BooleanField(
        "The school has resourced provision",
        default=False,
        help_text="Places reserved at a mainstream school for pupils with a specific type of SEN.",
    )
    # The SEND Regulations 2014 (Schedule 1) require every school to publish an SEN information report;
    # the parent portal links to it.
    sen_information_report_url = models.URLField(
        "Where the school publishes its SEN information report",
        blank=True,
        help_text="The web address of the report on the school's website. Parents see it as a link.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "estab"], name="unique_estab_in_la"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def laestab(self) -> str:
        return f"{self.local_authority.number}{self.estab}"

    @property
    def is_special_or_pru(self) -> bool:
        return self.phase in {self.Phase.SPECIAL, self.Phase.PRU}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


THURSDAY = 3


class AcademicYear(models.Model):
    """An academic year, 1 September to 31 August, with its three census days."""

    start_year = models.PositiveIntegerField(unique=True)
    autumn_census = models.DateField()
    spring_census = models.DateField()
    summer_census = models.DateField()

    class Meta:
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return f"{self.start_year}/{str(self.start_year + 1)[-2:]}"

    @property
    def start_date(self) -> date:
        return dates.academic_year_start(self.start_year)

    @property
    def end_date(self) -> date:
        return dates.academic_year_end(self.start_year)

    @classmethod
    def default_census_days(cls, start_year: int) -> dict[str, date]:
        """Census days by the DfE pattern: first Thursday in October, third in January and May."""
        return {
            "autumn_census": _nth_weekday(start_year, 10, THURSDAY, 1),
            "spring_census": _nth_weekday(start_year + 1, 1, THURSDAY, 3),
            "summer_census": _nth_weekday(start_year + 1, 5, THURSDAY, 3),
        }

    @classmethod
    def start_year_for(cls, day: date) -> int:
        return dates.academic_start_year(day)

    @classmethod
    def for_date(cls, day: date) -> AcademicYear:
        start_year = cls.start_year_for(day)
        year, _ = cls.objects.get_or_create(start_year=start_year, defaults=cls.default_census_days(start_year))
        return year


class Term(models.Model):
    """A school's term dates within an academic year."""

    class Name(models.TextChoices):
        AUTUMN = "autumn", "Autumn"
        SPRING = "spring", "Spring"
        SUMMER = "summer", "Summer"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="terms")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(max_length=10, choices=Name.choices)
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year", "name"], name="unique_term"),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_name_display()} term {self.academic_year}"


class Role(models.TextChoices):
    """Roles a person can hold at a school."""

    SENCO = "senco", "SENCO"
    HEAD = "head", "Head teacher"
    TEACHER = "teacher", "Teacher"
    TA = "ta", "Teaching assistant"
    GOVERNOR = "governor", "Governor"


# Who may keep the register, manage staff and parents, and read the audit log.
REGISTER_MANAGERS = frozenset({Role.SENCO, Role.HEAD})
# Who works with pupils day to day and sees the pupils they teach or support.
CLASSROOM_STAFF = frozenset({Role.TEACHER, Role.TA})


class StaffMembership(models.Model):
    """A person's role at a school. One person may work at several schools, or hold two roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    job_title = models.CharField(max_length=100, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["school__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "school", "role"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.school}"


class LocalAuthorityMembership(models.Model):
    """An LA officer's link to their authority. Sees only what a school shares with the LA."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="la_memberships")
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="officers")
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "local_authority"], name="unique_la_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – officer at {self.local_authority}"


class Group(models.Model):
    """A registration group (form, class) or teaching group, with the staff who teach or support it."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", "Registration group"
        TEACHING = "teaching", "Teaching group"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="teaching_groups")

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "kind", "name"], name="unique_group_name"),
        ]

    def __str__(self) -> str:
        return self.name


class SchoolSenco(models.Model):
    """The school's named SENCO and deputy with their contact details, and the SENCO's qualification.

    Letters, plans and emails name this person, and the SEN information report must give the SENCO's
    name and contact details (SEND Regulations 2014, Schedule 1). The SENCO must be a qualified
    teacher who has completed induction (or the head teacher); one newly appointed must hold the
    National Professional Qualification (NPQ) for SENCOs within a set number of years of
    appointment (reg. 49, as amended from 1 September 2024; the figure is ``SENCO_NPQ_YEARS``).
    """

    class Npq(models.TextChoices):
        HELD = "held", "Holds the NPQ for SENCOs"
        WORKING_TOWARDS = "working_towards", "Does not hold it yet"
        NOT_REQUIRED = (
            "not_required",
            (
                "Not required: already held the National Award for SEN Co-ordination, or was a SENCO for "
                "more than 12 months before this appointment"
            ),
        )

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="senco_record")
    senco = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="SENCO",
    )
    senco_email = models.EmailField("SENCO's email address", blank=True)
    senco_phone = models.CharField("SENCO's phone number", max_length=40, blank=True)
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Deputy SENCO",
    )
    deputy_email = models.EmailField("Deputy's email address", blank=True)
    deputy_phone = models.CharField("Deputy's phone number", max_length=40, blank=True)
    qualified_teacher = models.BooleanField("The SENCO has qualified teacher status", default=False)
    induction_completed = models.BooleanField("The SENCO has completed induction", default=False)
    appointed_on = models.DateField("Date appointed as SENCO", null=True, blank=True)
    npq = models.CharField("NPQ for SENCOs", max_length=20, choices=Npq.choices, blank=True)
    npq_achieved_on = models.DateField("Date the NPQ for SENCOs was awarded", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "school's SENCO"

    def __str__(self) -> str:
        return f"SENCO at {self.school}: {self.senco or 'none named'}"


class SchoolPolicy(models.Model):
    """The figures a school's duties are checked against. The defaults are the national ones (DOMAIN.md);
    a head or SENCO changes them on the school's settings page. A school with no row uses the defaults.
    """

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="policy")
    parent_meetings_per_year = models.PositiveSmallIntegerField(
        "Meetings with parents a year",
        default=3,
        help_text="The Code of Practice (6.65) expects at least 3: about one a term.",
    )
    meeting_record_days = models.PositiveSmallIntegerField(
        "Days to give parents the record of a meeting",
        default=14,
        help_text="After this many days, a meeting record not yet shared with the parents is a gap.",
    )
    max_review_weeks = models.PositiveSmallIntegerField(
        "Longest time from a plan to its review, in weeks",
        default=16,
        help_text="Good practice is at least termly. A review date further ahead is a warning.",
    )
    plan_grace_days = models.PositiveSmallIntegerField(
        "Days to agree a plan after the assessment",
        default=28,
        help_text="A plan not agreed with the parents this long after the assessment is a gap.",
    )
    reviews_before_specialist = models.PositiveSmallIntegerField(
        "Reviews in a row with less than expected progress before specialists are prompted",
        default=2,
    )
    ehc_refusal_weeks = models.PositiveSmallIntegerField(
        "Weeks after a refused EHC needs assessment request before the prompt returns",
        default=26,
    )
    follow_up_days = models.PositiveSmallIntegerField(
        "Days to act on a review's next step",
        default=28,
        help_text="When a review decides to involve a specialist or request an EHC needs assessment.",
    )
    annual_review_months = models.PositiveSmallIntegerField(
        "Months between EHC plan annual reviews", default=12, help_text="Children and Families Act 2014 s.44."
    )
    annual_review_notice_days = models.PositiveSmallIntegerField(
        "Days' notice of an annual review meeting, and of its advice",
        default=14,
        help_text="SEND Regulations 2014 reg. 20: at least 2 weeks.",
    )
    element2_threshold_pence = models.PositiveIntegerField(
        "The school's share of a pupil's extra support each year (element 2), in pence",
        default=600_000,
        help_text="Nationally £6,000 (600000 pence). Costs above it are what a top-up request asks for.",
    )
    teaching_weeks_per_year = models.PositiveSmallIntegerField(
        "Teaching weeks a year, for costing provision",
        default=39,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Most schools use 39; some local authorities' models use 38 or 45.5 (enter 45 or 46).",
    )
    one_to_one_hours_cap = models.DecimalField(
        "Most hours a week of one-to-one adult support for a pupil, before a warning",
        max_digits=5,
        decimal_places=2,
        default=Decimal("16.25"),
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    plan_review_weeks = models.PositiveSmallIntegerField(
        "Weeks from a new plan to the review date suggested for it",
        default=12,
        help_text="Good practice is at least termly. The SENCO can still choose another date for each plan.",
    )
    staff_two_factor = models.BooleanField(
        "Every member of staff uses two-factor sign-in",
        default=False,
        help_text="SENCOs and heads always do. With this on, teachers and teaching assistants must too.",
    )
    retention_years_after_dob = models.PositiveSmallIntegerField(
        "Years after the date of birth to keep the records of pupils who have left",
        default=31,
        help_text="Records-management guidance for SEN files: date of birth plus 31 years. At least 25, the "
        "age EHC plans can run to. Records are deleted automatically after this.",
    )
    # Pupil voice (issue 10): whether pupils may have their own simple sign-in to give their views.
    pupils_may_sign_in = models.BooleanField(
        "Pupils may sign in to give their views",
        default=False,
        help_text="The SENCO makes each pupil's sign-in. Pupils see only their own views page.",
    )
    pupil_sign_in_from_year = models.PositiveSmallIntegerField(
        "Youngest year group that may sign in",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
        help_text="For example 3 for Year 3 and older.",
    )

    history = HistoricalRecords()

    # Every figure, in the order the settings page shows them.
    FIGURES = (
        "parent_meetings_per_year",
        "meeting_record_days",
        "max_review_weeks",
        "plan_grace_days",
        "reviews_before_specialist",
        "ehc_refusal_weeks",
        "follow_up_days",
        "annual_review_months",
        "annual_review_notice_days",
        "element2_threshold_pence",
        "teaching_weeks_per_year",
        "one_to_one_hours_cap",
        "retention_years_after_dob",
        "plan_review_weeks",
    )

    class Meta:
        verbose_name = "school policy figures"
        verbose_name_plural = "school policy figures"

    def __str__(self) -> str:
        return f"Policy figures for {self.school}"

    @classmethod
    def for_school(cls, school: School) -> SchoolPolicy:
        """The school's figures, or the national defaults (unsaved) when it has set none."""
        found = cls.objects.filter(school=school).first()
        return found if found is not None else cls(school=school)


class RecordsVersion(models.Model):
    """A token that changes whenever a school's records change ("school:<id>"), or whenever
    something every school shares changes ("all"). The to-do list is worked out from thousands of
    records; each web process remembers it under these tokens and works it out again only when one
    of them has changed (``schools.memo``)."""

    scope = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "records version"

    def __str__(self) -> str:
        return f"{self.scope}: {self.token}"
