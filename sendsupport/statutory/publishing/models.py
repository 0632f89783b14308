"""What a school publishes about SEND: the SEN information report (SEND Regulations 2014 Schedule 1),
the inclusion strategy (Inclusive Mainstream Fund conditions of grant 2026-27) and the accessibility
plan (Equality Act 2010 Schedule 10).

The written parts are kept in one draft per school, which the SENCO or head may save at any time.
Publishing freezes a ``Publication``: the written text and the live figures as they stood then, so
the public page does not move until the next publication. No row here reaches a pupil: the report
holds counts only, and those are suppressed when small before they are frozen.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendsupport.schools.models import School

# Schedule 1 items (and what is published with the report) that are written text, in the order of
# the report: (field, number as the report shows it, heading). Items 1, 4, 11 and 13 come from live
# data (the register, the named SENCO, the local authority's record); item 5 has a written part and
# the training records.
WRITTEN_ITEMS: list[tuple[str, str, str]] = [
    ("identifying", "2", "How we identify and assess pupils with SEN"),
    ("evaluating", "3a", "How we evaluate the effectiveness of our provision"),
    ("progress", "3b", "How we assess and review pupils' progress"),
    ("teaching", "3c", "Our approach to teaching pupils with SEN"),
    ("adapting", "3d", "How we adapt the curriculum and learning environment"),
    ("additional_support", "3e", "Additional support for learning"),
    ("activities", "3f", "Activities available with pupils who do not have SEN"),
    ("wellbeing", "3g", "Support for emotional, mental and social development"),
    ("expertise", "5", "Staff expertise and training, and how we secure specialist expertise"),
    ("equipment", "6", "How we secure equipment and facilities"),
    ("parents", "7", "Consulting and involving parents"),
    ("pupils", "8", "Consulting and involving pupils"),
    ("complaints", "9", "Complaints about SEN provision"),
    ("partners", "10", "How the governing body involves health, social care, the local authority and voluntary bodies"),
    ("transition", "12", "Moving between phases and preparing for adulthood"),
    ("admissions", "", "Admission arrangements for disabled pupils"),
    ("less_favourable", "", "Steps we take to prevent disabled pupils being treated less favourably"),
    ("access_facilities", "", "Facilities to help disabled pupils get into and around the school"),
]
WRITTEN_FIELDS = [name for name, _, _ in WRITTEN_ITEMS]


def _written(label: str) -> models.TextField:
    return models.TextField(label, blank=True)


class ReportDraft(models.Model):
    """The school's working copy of the written parts of the report, the strategy and the plan."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="sen_report_draft")
    identifying = _written("How we identify and assess pupils with SEN")
    evaluating = _written("How we evaluate the effectiveness of our provision")
    progress = _written("How we assess and review pupils' progress")
    teaching = _written("Our approach to teaching pupils with SEN")
    adapting = _written("How we adapt the curriculum and learning environment")
    additional_support = _written("Additional support for learning")
    activities = _written("Activities available with pupils who do not have SEN")
    wellbeing = _written("Support for emotional, mental and social development")
    expertise = _written("Staff expertise and training, and how we secure specialist expertise")
    equipment = _written("How we secure equipment and facilities")
    parents = _written("Consulting and involving parents")
    pupils = _written("Consulting and involving pupils")
    complaints = _written("Complaints about SEN provision")
    partners = _written("How the governing body involves health, social care, the local authority and voluntary bodies")
    transition = _written("Moving between phases and preparing for adulthood")
    admissions = _written("Admission arrangements for disabled pupils")
    less_favourable = _written("Steps we take to prevent disabled pupils being treated less favourably")
    access_facilities = _written("Facilities to help disabled pupils get into and around the school")

    # Items 11 and 13 come from the local authority's record; these fill a gap or correct it.
    local_offer_url = models.URLField(
        "Local Offer address, if not the one the local authority's record gives", blank=True
    )
    sendiass_contact = _written("Information, advice and support service (SENDIASS): other contact details")

    # The inclusion strategy's written parts; its activities and costs come from the provision map.
    strategy_start_year = models.PositiveIntegerField(
        "Academic year the strategy covers, starting in", null=True, blank=True
    )
    strategy_aims = _written("What the school aims to achieve for inclusion")
    strategy_review = _written("How the strategy is reviewed, and what last year's review found")

    # The accessibility plan's period and review date; its actions are ``AccessibilityAction`` rows.
    plan_starts_on = models.DateField("The plan runs from", null=True, blank=True)
    plan_ends_on = models.DateField("The plan runs to", null=True, blank=True)
    plan_review_on = models.DateField("The plan is next reviewed on", null=True, blank=True)

    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "SEN information report draft"

    def __str__(self) -> str:
        return f"SEN information report draft for {self.school}"


class TrainingRecord(models.Model):
    """A course or training in SEND that staff took: Schedule 1 item 5 lists them."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="send_training")
    course = models.CharField("Course or training", max_length=200)
    attended_by = models.CharField(
        "Who took it", max_length=200, help_text="A role or group is enough: for example, all teaching assistants."
    )
    completed_on = models.DateField("Date completed")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "course", "pk"]
        verbose_name = "SEND training record"

    def __str__(self) -> str:
        return f"{self.course} ({self.attended_by})"


class AccessibilityAction(models.Model):
    """One action of the accessibility plan (Equality Act 2010 Sch. 10 para. 3): what, who, by when."""

    class Area(models.TextChoices):
        CURRICULUM = "curriculum", "Access to the curriculum"
        PHYSICAL = "physical", "The physical environment"
        INFORMATION = "information", "Information for disabled pupils"

    class Status(models.TextChoices):
        PLANNED = "planned", "Not started"
        UNDERWAY = "underway", "In progress"
        DONE = "done", "Done"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="accessibility_actions")
    area = models.CharField("Area of the plan", max_length=20, choices=Area.choices)
    action = models.TextField("Action")
    owner = models.CharField("Who is responsible", max_length=200)
    target_on = models.DateField("Target date")
    status = models.CharField("Status", max_length=10, choices=Status.choices, default=Status.PLANNED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "target_on", "pk"]
        verbose_name = "accessibility plan action"

    def __str__(self) -> str:
        return self.action[:80]


class Publication(models.Model):
    """One published version of the report or the strategy, frozen with the figures of its day."""

    class Kind(models.TextChoices):
        REPORT = "report", "SEN information report"
        STRATEGY = "strategy", "Inclusion strategy"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="publications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.PositiveIntegerField("Version")
    published_on = models.DateField("Published on")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    content = models.JSONField("What was published")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["school", "kind", "number"], name="publishing_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} version {self.number}"
