"""Data exchange with the systems schools already use: CTF and CSV imports, census settings."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendsupport.pupils.models import pupil_data
from sendsupport.schools.models import School


class ImportRun(models.Model):
    """One file a school brought in (CTF or CSV): who, when, what it held and what it changed.

    While the SENCO looks at the preview the uploaded file is kept under MEDIA_ROOT with a random
    name (``stored_file``); it is deleted once the import is confirmed or cancelled.
    """

    class Kind(models.TextChoices):
        CTF = "ctf", "Common Transfer File"
        CSV = "csv", "Spreadsheet (CSV)"

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Waiting for columns to be matched"
        # The background worker is reading the file (CHECKING) or importing it (IMPORTING).
        CHECKING = "checking", "Being checked"
        PREVIEWED = "previewed", "Waiting for you to confirm"
        IMPORTING = "importing", "Being imported"
        REJECTED = "rejected", "Not imported: the file has problems"
        IMPORTED = "imported", "Imported"
        CANCELLED = "cancelled", "Cancelled"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="import_runs")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    file_name = models.CharField("File name", max_length=255)
    stored_file = models.CharField(max_length=255, blank=True, help_text="Path under MEDIA_ROOT while pending.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    only_valid_rows = models.BooleanField("Import only the valid rows", default=False)
    pupils_in_file = models.PositiveIntegerField(default=0)
    new_pupils = models.PositiveIntegerField(default=0)
    changed_pupils = models.PositiveIntegerField(default=0)
    unchanged_pupils = models.PositiveIntegerField(default=0)
    new_sen_entries = models.PositiveIntegerField("New SEN history entries", default=0)
    new_needs = models.PositiveIntegerField("New or changed needs", default=0)
    new_contacts = models.PositiveIntegerField("New parents and carers", default=0)
    error_count = models.PositiveIntegerField(default=0)
    # The preview or result as shown to the SENCO: changes and problems, capped in length.
    report = models.JSONField(default=dict, blank=True)

    history = HistoricalRecords(excluded_fields=["report"])

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["school", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} ({self.get_status_display()})"

    def audit_subject(self) -> tuple[int | None, int | None]:
        return self.school_id, None

    @property
    def pending(self) -> bool:
        return self.status in {self.Status.UPLOADED, self.Status.PREVIEWED}

    def clean(self) -> None:
        if self.status == self.Status.IMPORTED and self.error_count and not self.only_valid_rows:
            raise ValidationError({"status": "A file with problems is only imported when you accept the valid rows."})


class CSVColumnMapping(models.Model):
    """Which spreadsheet column holds which field, remembered per school for the next upload."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="csv_mapping")
    # {field name: column heading as it appears in the file}
    columns = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"CSV columns for {self.school}"


class CensusSettings(models.Model):
    """The census page's own state for a school. Whether the school has a SEN unit or resourced
    provision lives on the school; who is a member lives on each pupil."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="census_settings")
    # Set by the migration that stopped copying the school's unit and resourced provision settings to
    # every K and E pupil: the census page tells the SENCO once, until they say they have checked.
    per_pupil_notice = models.BooleanField("Show the notice that membership is now per pupil", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "census settings"
        verbose_name_plural = "census settings"

    def __str__(self) -> str:
        return f"Census settings for {self.school}"

    def audit_subject(self) -> tuple[int | None, int | None]:
        return self.school_id, None


class TransferProblem(models.Model):
    """A problem in a pupil's SEN record found when their Common Transfer File was imported (a rank
    other than 1 or 2, an old code, a missing need). The pupil came in with everything valid; this
    stays on their record until the SENCO has fixed it and says so."""

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="transfer_problems")
    run = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    element = models.CharField(max_length=60)
    rule = models.CharField(max_length=60)
    message = models.TextField()
    found_at = models.DateTimeField(default=timezone.now)
    fixed_at = models.DateTimeField(null=True, blank=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    objects = pupil_data(staff_only=True)

    class Meta:
        ordering = ["found_at", "id"]
        indexes = [models.Index(fields=["pupil", "fixed_at"])]

    def __str__(self) -> str:
        return f"{self.element}: {self.message[:60]}"
