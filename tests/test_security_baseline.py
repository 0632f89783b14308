"""The security baseline: Django's deployment checks pass in production mode; HTTPS-only, HttpOnly
cookies, HSTS and a strict content security policy on responses; sessions end after inactivity."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from sendsupport.accounts.middleware import IdleTimeoutMiddleware
from sendsupport.accounts.models import UserSession
from sendsupport.accounts.tests.helpers import sign_in

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter with production settings: migrate a throwaway database, then
# request pages over plain HTTP and HTTPS and report the headers and cookies.
PROBE = r"""
import json
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from sendsupport.accounts.models import User

call_command("migrate", verbosity=0)
User.objects.create_user("probe", password="probe-password-for-tests")
client = Client(HTTP_HOST="example.org")
out = {}
plain = client.get("/health/")
out["plain"] = [plain.status_code, plain.get("Location", "")]
secure = client.get("/health/", secure=True)
out["headers"] = {name.lower(): value for name, value in secure.headers.items()}
# Only the static storage changes (no collectstatic here), so pages can render.
static = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
          "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
def attributes(morsel):
    return {key: morsel[key] for key in ("secure", "httponly", "samesite", "max-age", "expires")}
with override_settings(STORAGES=static):
    page = client.get("/sign-in/", secure=True)
    out["sign_in_page"] = page.status_code
    out["csrf_cookie"] = attributes(page.cookies["csrftoken"])
    signed_in = client.post("/sign-in/", {"username": "probe", "password": "probe-password-for-tests"}, secure=True)
    out["signed_in"] = signed_in.status_code
    out["session_cookie"] = attributes(signed_in.cookies["sessionid"])
print("PROBE" + json.dumps(out))
"""


def production_env(tmp_path: Path) -> dict[str, str]:
    # Only what a server would have: none of the test run's settings (DATABASE_URL, SENDSUPPORT_MODE,
    # the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, ...) may leak into production mode.
    kept = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "PYTHONPATH")
    env = {key: os.environ[key] for key in kept if key in os.environ}
    env.update(
        {
            "SENDSUPPORT_MODE": "production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "example.org",
            "DEFAULT_FROM_EMAIL": "Oakfield SEN <sen@oakfield-primary.sch.uk>",  # a placeholder fails check --deploy
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
            "SENDSUPPORT_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "sendsupport.settings",
        }
    )
    return env


def test_the_deployment_checks_pass_in_production_mode(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    tmp_path = tmp_path_factory.mktemp("production")
    result = subprocess.run(  # noqa: S603 - our own probe script, run with this interpreter
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = next((line for line in result.stdout.splitlines() if line.startswith("PROBE")), None)
    assert line, result.stdout + result.stderr
    return json.loads(line.removeprefix("PROBE"))


def test_production_sends_plain_http_to_https(production):
    status, location = production["plain"]
    assert status == 301
    assert location == "https://example.org/health/"


def test_production_responses_carry_hsts_csp_and_the_other_security_headers(production):
    headers = production["headers"]
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"


def test_production_cookies_are_secure_and_httponly(production):
    assert production["sign_in_page"] == 200
    assert production["signed_in"] == 302
    for cookie in (production["session_cookie"], production["csrf_cookie"]):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
    # The session cookie dies with the browser; the server ends the session after inactivity.
    assert production["session_cookie"]["max-age"] == ""


# In the test settings, the same policy applies to every response ------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sign-in/", "/", "/no-such-page/", "/health/"])
def test_every_response_has_a_strict_content_security_policy(path, senco, login):
    response = login(senco).get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
@override_settings(SESSION_ACTIVITY_REFRESH_SECONDS=60)
def test_sessions_end_after_30_minutes_without_activity(senco, client):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True
    response = sign_in(client, "senco", PASSWORD)
    assert response.cookies["sessionid"]["httponly"] is True
    session = UserSession.objects.get(session_key=client.session.session_key)
    assert abs((session.expire_date - timezone.now()) - timedelta(minutes=30)) < timedelta(seconds=30)

    # Activity more than a minute after the last refresh moves the end forward...
    stored = client.session
    stored[IdleTimeoutMiddleware.KEY] = int(time.time()) - 61
    stored.save()
    UserSession.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(reverse("home")).status_code == 200
    session.refresh_from_db()
    assert session.expire_date - timezone.now() > timedelta(minutes=29)

    # ...and after 30 idle minutes the session is over.
    UserSession.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@override_settings(SESSION_ACTIVITY_REFRESH_SECONDS=60)
def test_a_signed_in_page_writes_the_session_at_most_once_a_minute(senco, client):
    """Saving the session on every request made every signed-in page pay for a write."""
    sessions = UserSession._meta.db_table
    sign_in(client, "senco", PASSWORD)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("home"))
    assert not [q for q in first.captured_queries if sessions in q["sql"] and "UPDATE" in q["sql"]]
    stored = client.session
    stored[IdleTimeoutMiddleware.KEY] = int(time.time()) - 61
    stored.save()
    with CaptureQueriesContext(connection) as later:
        client.get(reverse("home"))
    assert [q for q in later.captured_queries if sessions in q["sql"] and "UPDATE" in q["sql"]]
