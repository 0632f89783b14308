"""The upload, preview, confirm and cancel steps of an import, and the school's saved choices.

An uploaded file is kept under MEDIA_ROOT with a random name while the SENCO looks at the
preview, and deleted as soon as the import is confirmed, cancelled or refused.

The pages run the slow steps (reading a CTF, checking every row, importing) in the background
worker: with ``in_background=True`` the run is marked "being checked" or "being imported" and a
task is enqueued once that is committed; the run's page shows the outcome when the task is done.
Called directly (commands, tests), each step runs at once.
"""

from __future__ import annotations

import os
import secrets
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sendsupport.interop.csv_reader import FIELD_NAMES, CSVProblem, read_table
from sendsupport.interop.models import CensusSettings, CSVColumnMapping, ImportRun
from sendsupport.interop.problems import ImportRejected, Report
from sendsupport.interop.services.csv_import import import_csv
from sendsupport.interop.services.ctf_import import import_ctf
from sendsupport.pupils.services import set_school_provision
from sendsupport.schools.models import School

UPLOAD_DIR = "interop-uploads"
DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
# An upload left waiting this long (the SENCO walked away) is cancelled and its file deleted.
STALE_AFTER = timedelta(hours=24)


def max_upload_bytes() -> int:
    return int(getattr(settings, "SENDSUPPORT", {}).get("IMPORT_MAX_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def stored_path(run: ImportRun) -> Path:
    return Path(settings.MEDIA_ROOT) / run.stored_file


def _delete_file(run: ImportRun) -> None:
    if run.stored_file:
        stored_path(run).unlink(missing_ok=True)
        run.stored_file = ""


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _save(run: ImportRun, by: Any) -> None:
    run._history_user = _user(by)
    run.save()


def _store_report(run: ImportRun, report: Report) -> None:
    for name, value in report.counts().items():
        setattr(run, name, value)
    run.report = report.as_json()


def start_import(
    *,
    school: School,
    by: Any,
    kind: str,
    upload: UploadedFile,
    today: date | None = None,
    in_background: bool = False,
) -> ImportRun:
    """Keep the uploaded file and, for a CTF, work out the preview (straight away, or in the worker)."""
    if kind not in ImportRun.Kind.values:
        raise ValidationError({"kind": "Choose a CTF or a CSV file."})
    if upload.size is not None and upload.size > max_upload_bytes():
        raise ValidationError({"file": f"The file is larger than {max_upload_bytes() // (1024 * 1024)} MB."})
    if not upload.size:
        raise ValidationError({"file": "The file is empty."})
    cancel_stale_imports(school=school, by=by)
    folder = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    relative = f"{UPLOAD_DIR}/{secrets.token_hex(16)}.upload"
    descriptor = os.open(Path(settings.MEDIA_ROOT) / relative, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    run = ImportRun(
        school=school,
        kind=kind,
        file_name=os.path.basename(upload.name or "upload")[:255],
        stored_file=relative,
        created_by=_user(by),
    )
    _save(run, by)
    if kind == ImportRun.Kind.CTF and in_background:
        run.status = ImportRun.Status.CHECKING
        _save(run, by)
        _enqueue(preview_ctf_task, run.pk, _user_id(by))
    elif kind == ImportRun.Kind.CTF:
        preview_ctf(run=run, by=by, today=today)
    else:
        _check_readable(run, by)
    return run


def _check_readable(run: ImportRun, by: Any) -> None:
    """Refuse a CSV that cannot be read at all (its encoding, its header row) before columns are matched."""
    try:
        read_table(stored_path(run).read_bytes())
    except CSVProblem as error:
        report = Report()
        report.problem(f"Row {error.row}" if error.row else "File", "File", error.rule, str(error))
        _store_report(run, report)
        run.status = ImportRun.Status.REJECTED
        run.finished_at = timezone.now()
        _delete_file(run)
        _save(run, by)


def preview_ctf(*, run: ImportRun, by: Any, today: date | None = None) -> ImportRun:
    with stored_path(run).open("rb") as source:
        try:
            report = import_ctf(
                source=source, school=run.school, by=by, file_name=run.file_name, dry_run=True, today=today
            )
            run.status = ImportRun.Status.PREVIEWED
        except ImportRejected as rejected:
            report = rejected.report
            run.status = ImportRun.Status.REJECTED
            run.finished_at = timezone.now()
    _store_report(run, report)
    if run.status == ImportRun.Status.REJECTED:
        _delete_file(run)
    _save(run, by)
    return run


@transaction.atomic
def save_csv_columns(*, school: School, by: Any, columns: dict[str, str]) -> CSVColumnMapping:
    unknown = set(columns) - set(FIELD_NAMES)
    if unknown:
        raise ValidationError({"columns": f"Unknown fields: {', '.join(sorted(unknown))}."})
    mapping, _ = CSVColumnMapping.objects.get_or_create(school=school)
    mapping.columns = dict(columns)
    mapping.updated_by = _user(by)
    mapping.save()
    return mapping


def preview_csv(
    *, run: ImportRun, by: Any, columns: dict[str, str], today: date | None = None, in_background: bool = False
) -> ImportRun:
    """Remember the columns for the school, then check every row and store the preview."""
    if not run.pending or run.kind != ImportRun.Kind.CSV:
        raise ValidationError({"status": "This import has already finished."})
    save_csv_columns(school=run.school, by=by, columns=columns)
    if in_background:
        run.status = ImportRun.Status.CHECKING
        run.report = {**(run.report or {}), "columns": columns}
        _save(run, by)
        _enqueue(preview_csv_task, run.pk, _user_id(by))
        return run
    return _preview_csv(run=run, by=by, columns=columns, today=today)


def _preview_csv(*, run: ImportRun, by: Any, columns: dict[str, str], today: date | None = None) -> ImportRun:
    data = stored_path(run).read_bytes()
    report = import_csv(data=data, school=run.school, by=by, columns=columns, dry_run=True, today=today)
    rows_ok = report.pupils_in_file - report.skipped_rows
    file_level = any(p.where in {"File", "Row 1"} for p in report.problems) or rows_ok == 0
    run.status = ImportRun.Status.REJECTED if file_level else ImportRun.Status.PREVIEWED
    _store_report(run, report)
    run.report["columns"] = columns
    if file_level:
        run.finished_at = timezone.now()
        _delete_file(run)
    _save(run, by)
    return run


def confirm_import(
    *, run: ImportRun, by: Any, only_valid: bool = False, today: date | None = None, in_background: bool = False
) -> ImportRun:
    """Import the previewed file. All or nothing (or only the valid rows of a CSV, if chosen)."""
    if in_background:
        with transaction.atomic():
            run = ImportRun.objects.select_for_update().get(pk=run.pk)
            if run.status != ImportRun.Status.PREVIEWED or not run.stored_file:
                raise ValidationError({"status": "This import has already been confirmed or cancelled."})
            run.status = ImportRun.Status.IMPORTING
            run.only_valid_rows = only_valid
            _save(run, by)
            _enqueue(confirm_import_task, run.pk, _user_id(by), only_valid)
        return run
    return _confirm(run_id=run.pk, by=by, only_valid=only_valid, today=today, expected=ImportRun.Status.PREVIEWED)


def _confirm(*, run_id: int, by: Any, only_valid: bool, today: date | None, expected: str) -> ImportRun:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().select_related("school__local_authority").get(pk=run_id)
        if run.status != expected or not run.stored_file:
            raise ValidationError({"status": "This import has already been confirmed or cancelled."})
        try:
            if run.kind == ImportRun.Kind.CTF:
                with stored_path(run).open("rb") as source:
                    report = import_ctf(
                        source=source, school=run.school, by=by, file_name=run.file_name, today=today, run_id=run.pk
                    )
            else:
                report = import_csv(
                    data=stored_path(run).read_bytes(),
                    school=run.school,
                    by=by,
                    columns=run.report.get("columns", {}),
                    only_valid=only_valid,
                    today=today,
                    file_name=run.file_name,
                    run_id=run.pk,
                )
            run.status = ImportRun.Status.IMPORTED
        except ImportRejected as rejected:
            report = rejected.report
            run.status = ImportRun.Status.REJECTED
        columns = run.report.get("columns")
        _store_report(run, report)
        if columns:
            run.report["columns"] = columns
        run.only_valid_rows = only_valid
        run.finished_at = timezone.now()
        path = stored_path(run)
        run.stored_file = ""
        _save(run, by)
        transaction.on_commit(lambda: path.unlink(missing_ok=True))
    return run


# Running in the worker ---------------------------------------------------------------------------


def _user_id(by: Any) -> int | None:
    user = _user(by)
    return user.pk if user is not None else None


def _enqueue(chosen: Any, *args: Any) -> None:
    """Ask the worker for ``chosen`` once the current transaction commits (never for a rolled-back run)."""
    transaction.on_commit(lambda: chosen.enqueue(*args))


def _by(user_id: int | None) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=user_id).first() if user_id else None


def _stopped(run_id: int, by: Any, error: Exception) -> None:
    """A step that failed for a reason other than the file's problems: say so on the run's page."""
    run = ImportRun.objects.get(pk=run_id)
    report = Report()
    report.problem("File", "File", "import-stopped", f"The import stopped unexpectedly ({error}). Nothing was changed.")
    _store_report(run, report)
    run.status = ImportRun.Status.REJECTED
    run.finished_at = timezone.now()
    _delete_file(run)
    _save(run, by)


@task()
def preview_ctf_task(run_id: int, user_id: int | None) -> str:
    by = _by(user_id)
    run = ImportRun.objects.select_related("school__local_authority").get(pk=run_id)
    if run.status != ImportRun.Status.CHECKING:
        return run.status
    try:
        return preview_ctf(run=run, by=by).status
    except Exception as error:  # recorded on the run's page, not lost in the worker's log
        _stopped(run_id, by, error)
        raise


@task()
def preview_csv_task(run_id: int, user_id: int | None) -> str:
    by = _by(user_id)
    run = ImportRun.objects.select_related("school__local_authority").get(pk=run_id)
    if run.status != ImportRun.Status.CHECKING:
        return run.status
    try:
        return _preview_csv(run=run, by=by, columns=run.report.get("columns", {})).status
    except Exception as error:
        _stopped(run_id, by, error)
        raise


@task()
def confirm_import_task(run_id: int, user_id: int | None, only_valid: bool) -> str:
    by = _by(user_id)
    try:
        return _confirm(
            run_id=run_id, by=by, only_valid=only_valid, today=None, expected=ImportRun.Status.IMPORTING
        ).status
    except ValidationError:
        return "already finished"
    except Exception as error:  # the import's own transaction was rolled back: nothing was changed
        _stopped(run_id, by, error)
        raise


def cancel_stale_imports(*, school: School, by: Any) -> int:
    """Cancel uploads that have waited more than a day, so pupil data does not linger on disc."""
    stale = ImportRun.objects.filter(
        school=school,
        status__in=[ImportRun.Status.UPLOADED, ImportRun.Status.PREVIEWED],
        created_at__lt=timezone.now() - STALE_AFTER,
    )
    count = 0
    for run in stale:
        cancel_import(run=run, by=by)
        count += 1
    return count


@transaction.atomic
def cancel_import(*, run: ImportRun, by: Any) -> ImportRun:
    if not run.pending:
        raise ValidationError({"status": "This import has already finished."})
    _delete_file(run)
    run.status = ImportRun.Status.CANCELLED
    run.finished_at = timezone.now()
    _save(run, by)
    return run


def save_census_settings(*, school: School, by: Any, has_sen_unit: bool, has_resourced_provision: bool) -> School:
    """Whether the school has a SEN unit and resourced provision (which pupils are members is
    recorded on each pupil's record)."""
    return set_school_provision(
        school=school, by=by, has_sen_unit=has_sen_unit, has_resourced_provision=has_resourced_provision
    )


@transaction.atomic
def dismiss_per_pupil_notice(*, school: School, by: Any) -> None:
    """The SENCO has read the notice that unit and resourced provision membership is now per pupil."""
    record = CensusSettings.objects.filter(school=school, per_pupil_notice=True).first()
    if record is None:
        return
    record.per_pupil_notice = False
    record._history_user = _user(by)
    record.save()
