"""The reminder is a django-tasks task run by the real worker (``manage.py db_worker``) before the
meeting; at run time it checks the meeting is still confirmed for that time."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sendsupport.core.tests.test_outbox import BASE_DIR, worker_env
from sendsupport.meetings import planning
from sendsupport.meetings.models import PlannedMeeting
from sendsupport.meetings.tasks import REMINDER_BEFORE, send_meeting_reminder
from sendsupport.meetings.tests.conftest import BASE_URL, plan_meeting

REMINDER = "sendsupport.meetings.tasks.send_meeting_reminder"


def reminders() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=REMINDER).order_by("enqueued_at"))


def run_worker(tmp_path) -> tuple[subprocess.CompletedProcess, str | None]:
    env, copy = worker_env(tmp_path)
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(BASE_DIR / "manage.py"), "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        cwd=BASE_DIR,
    )
    return result, copy


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_the_reminder_and_a_moved_meetings_old_reminder_sends_nothing(
    settings, pupil, parent, senco, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    planned = plan_meeting(pupil, senco, days_ahead=10)
    (first,) = reminders()
    assert first.run_after == planned.starts_at - REMINDER_BEFORE
    # Moved two days later: a new reminder for the new time; the old one must send nothing.
    day = timezone.localtime(planned.starts_at + timedelta(days=2)).date()
    start = timezone.localtime(planned.starts_at).time()
    moved = planning.move_meeting(
        planned=planned, by=senco, on=day, starts=start, ends=start.replace(hour=17), place="Room 4", base_url=BASE_URL
    )
    old, new = reminders()
    assert new.run_after == moved.starts_at - REMINDER_BEFORE
    # Time passes: both reminders are due now. The invitation emails were already queued before.
    DBTaskResult.objects.filter(task_path=REMINDER).update(run_after=timezone.now() - timedelta(minutes=1))
    result, copy = run_worker(tmp_path)
    assert result.returncode == 0, result.stderr
    texts = [path.read_text() for path in (tmp_path / "emails").glob("*.log")]
    reminder_texts = [t for t in texts if "Subject: Reminder: meeting about Maya" in t]
    assert len(reminder_texts) == 1, texts
    assert f"To: {parent.email}" in reminder_texts[0] and "Room 4" in reminder_texts[0]
    # The invitation and the update went out through the same worker, each with its calendar file.
    assert sum("text/calendar" in t for t in texts) == 2
    if copy is not None:
        with sqlite3.connect(copy) as db:
            found = db.execute(
                "SELECT id, return_value FROM django_tasks_database_dbtaskresult WHERE task_path = ?", [REMINDER]
            ).fetchall()
        outcomes = {uuid.UUID(str(key)): json.loads(value) for key, value in found}
    else:
        outcomes = {row.id: row.return_value for row in reminders()}
    assert "moved" in outcomes[old.id] and outcomes[new.id] == "reminded 1"


@pytest.mark.django_db
def test_a_cancelled_meetings_reminder_sends_nothing(pupil, parent, senco, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        planned = plan_meeting(pupil, senco)
        planning.cancel_meeting(planned=planned, by=senco, base_url=BASE_URL)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = send_meeting_reminder.call(planned.pk, 0, BASE_URL)
    assert "cancelled" in outcome and len(mail.outbox) == sent
    with django_capture_on_commit_callbacks(execute=True):
        PlannedMeeting.objects.filter(pk=planned.pk).update(status=PlannedMeeting.Status.CONFIRMED)
        outcome = send_meeting_reminder.call(planned.pk, 1, BASE_URL)
    assert outcome == "reminded 1" and mail.outbox[-1].subject.startswith("Reminder:")
    assert connection.vendor in ("sqlite", "postgresql")
