"""Email goes through one outbox: recorded with the change, sent after commit, outcome kept, retried."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from sendsupport.core.models import OutboundEmail
from sendsupport.core.outbox import MAX_ATTEMPTS, latest_for, queue_email

BASE_DIR = Path(django_settings.BASE_DIR)


class BrokenBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):  # noqa: ANN001, ANN201 - Django's signature
        raise ConnectionRefusedError("the mail server refused the connection")


def letter(**extra) -> OutboundEmail:
    return queue_email(
        to="carer@example.org", subject="Zain: SEN support", body="Dear Jo", about="SEN support letter", **extra
    )


@pytest.mark.django_db
def test_it_sends_nothing_and_keeps_no_record_when_the_change_is_rolled_back(django_capture_on_commit_callbacks):
    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Undo), transaction.atomic():
        letter()
        raise Undo
    assert mail.outbox == []
    assert not OutboundEmail.objects.exists()


@pytest.mark.django_db
def test_it_sends_only_after_commit_and_records_when(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email = letter(about_key="notification:1")
    assert mail.outbox == []  # not inside the transaction
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED
    assert email.outcome == "Email waiting to be sent"
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["carer@example.org"]]
    assert mail.outbox[0].body == "Dear Jo"
    email.refresh_from_db()
    assert (email.status, email.attempts, email.body) == (OutboundEmail.Status.SENT, 1, "")
    assert email.outcome.startswith("Email sent on ")
    assert latest_for("notification:1") == email


@pytest.mark.django_db
def test_a_failing_mail_server_is_tried_again_then_recorded_as_failed_with_the_reason(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = letter()
    email.refresh_from_db()
    assert email.attempts == MAX_ATTEMPTS
    assert email.status == OutboundEmail.Status.FAILED
    assert email.outcome == "Email failed: the mail server refused the connection"
    assert email.body == "Dear Jo"  # kept, so it can be sent again once the server is back


@pytest.mark.django_db
def test_with_the_database_queue_a_failed_send_waits_before_its_next_try(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    from sendsupport.core.outbox import deliver_email

    with django_capture_on_commit_callbacks(execute=True):
        email = letter()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    deliver_email.call(email.pk)  # what the worker does with the first task
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundEmail.Status.QUEUED, 1)
    assert "refused" in email.outcome
    later = DBTaskResult.objects.filter(status="READY").order_by("-enqueued_at").first()
    assert later.run_after is not None and later.run_after > email.last_tried_at


def worker_env(tmp_path: Path) -> tuple[dict[str, str], Path | None]:
    """Environment for a child process that sees this test's database; for SQLite (in memory in
    tests), a copy made with SQLite's online backup API."""
    env = {
        **os.environ,
        "SENDSUPPORT_MODE": "development",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "emails"),
        "SENDSUPPORT_DATA_DIR": str(tmp_path / "data"),
    }
    if connection.vendor == "sqlite":
        copy = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        env["DATABASE_URL"] = f"sqlite:///{copy}"
        return env, copy
    db = connection.settings_dict
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    return env, None


@pytest.mark.django_db(transaction=True)
def test_a_real_db_worker_process_sends_the_queued_email(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    email = letter()  # no transaction open: queued at once, as after a view's commit
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    env, copy = worker_env(tmp_path)
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(BASE_DIR / "manage.py"), "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    sent = list((tmp_path / "emails").glob("*.log"))
    assert len(sent) == 1
    text = sent[0].read_text()
    assert "To: carer@example.org" in text and "Dear Jo" in text
    if copy is not None:
        with sqlite3.connect(copy) as db:
            status, attempts = db.execute(
                "SELECT status, attempts FROM core_outboundemail WHERE id = ?", [email.pk]
            ).fetchone()
    else:
        email.refresh_from_db()
        status, attempts = email.status, email.attempts
    assert (status, attempts) == ("sent", 1)
