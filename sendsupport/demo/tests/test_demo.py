"""``sendsupport demo --no-serve``: the demo school and its seven accounts, created once however often it runs."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sendsupport.accounts.models import User
from sendsupport.accounts.tests.helpers import sign_in
from sendsupport.demo.school import DEMO_PASSWORD
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import School

pytestmark = pytest.mark.django_db

ACCOUNTS = ["senco", "teacher", "ta", "head", "governor", "parent", "la"]


@pytest.fixture
def demo():
    call_command("demo", "--no-serve", "--bare")


def test_it_creates_the_demo_accounts_with_the_demo_password(demo):
    assert DEMO_PASSWORD == "demo-password"
    for username in ACCOUNTS:
        client = Client()
        assert sign_in(client, username, "demo-password").status_code == 302, username
        assert SESSION_KEY in client.session
        assert client.get(reverse("home")).status_code == 200


def test_running_it_twice_neither_fails_nor_duplicates(demo):
    before = (School.objects.count(), User.objects.count(), Pupil.objects.count())
    call_command("demo", "--no-serve", "--bare")
    assert (School.objects.count(), User.objects.count(), Pupil.objects.count()) == before
    assert School.objects.filter(name="Oakfield Primary School").count() == 1


@pytest.mark.parametrize(
    ("username", "allowed", "refused"),
    [
        ("senco", ["pupils:register", "schools:staff", "audit:school_log"], []),
        ("teacher", ["pupils:register"], ["schools:staff"]),
        ("ta", ["pupils:register"], ["audit:school_log"]),
        ("head", ["pupils:register", "schools:overview"], []),
        ("governor", ["schools:overview"], ["pupils:register"]),
        ("parent", ["pupils:my_children"], ["pupils:register"]),
        ("la", ["schools:la_overview"], ["pupils:register", "schools:overview"]),
    ],
)
def test_each_demo_account_gets_its_roles_pages(demo, username, allowed, refused):
    client = Client()
    sign_in(client, username, "demo-password")
    for name in allowed:
        assert client.get(reverse(name)).status_code == 200, (username, name)
    for name in refused:
        assert client.get(reverse(name)).status_code == 404, (username, name)


def test_the_demo_teacher_and_parent_see_pupils_and_the_parent_one_child(demo):
    teacher, parent = Client(), Client()
    sign_in(teacher, "teacher", "demo-password")
    sign_in(parent, "parent", "demo-password")
    assert "pupils" in teacher.get(reverse("pupils:register")).content.decode()
    child = Pupil.objects.get(contact_links__contact__user__username="parent")
    assert parent.get(reverse("pupils:detail", args=[child.pk])).status_code == 200
    assert Pupil.objects.filter(contact_links__contact__user__username="parent").count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_runs_the_background_worker_beside_the_server_and_stops_it_after(settings, tmp_path, monkeypatch):
    """``make demo`` serves the site with ``db_worker`` beside it: started first, stopped on exit."""
    import io
    import time

    from sendsupport.core.tests.test_outbox import worker_env
    from sendsupport.demo.management.commands.demo import background_worker

    for name, value in worker_env(tmp_path)[0].items():
        monkeypatch.setenv(name, value)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = io.StringIO()
    with background_worker(out) as worker:
        assert worker is not None and "db_worker" in " ".join(worker.args)
        time.sleep(3)
        assert worker.poll() is None  # still running while the server runs
    assert worker.poll() is not None  # stopped when the server stops
    assert "Background worker started" in out.getvalue()
