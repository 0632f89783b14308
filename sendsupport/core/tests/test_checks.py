"""In production, `check --deploy` fails while emails would come from a placeholder address."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sendsupport.core.checks import check_sender_address, is_placeholder_address

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("address", "placeholder"),
    [
        ("sendsupport <no-reply@sendsupport.invalid>", True),
        ("", True),
        ("no-at-sign", True),
        ("senco@example.org", True),
        ("SEN <sen@school.example>", True),
        ("sen@localhost", True),
        ("sen@mail.test", True),
        ("Oakfield SEN <sen@oakfield-primary.sch.uk>", False),
        ("senco@myexample.org.uk", False),
    ],
)
def test_placeholder_addresses_are_recognised(address, placeholder):
    assert is_placeholder_address(address) is placeholder


def test_the_check_is_quiet_outside_production_and_fails_in_it(settings):
    settings.DEFAULT_FROM_EMAIL = "sendsupport <no-reply@sendsupport.invalid>"
    settings.PRODUCTION = False
    assert check_sender_address() == []
    settings.PRODUCTION = True
    assert [message.id for message in check_sender_address()] == ["sendsupport.E001"]
    settings.DEFAULT_FROM_EMAIL = "Oakfield SEN <sen@oakfield-primary.sch.uk>"
    assert check_sender_address() == []


def test_check_deploy_with_production_settings_fails_on_the_placeholder_and_passes_with_an_address(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SENDSUPPORT_", "DEFAULT_FROM", "DATABASE", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    env.update(
        SENDSUPPORT_MODE="production",
        SECRET_KEY="test-" + "k3y" * 20,
        ALLOWED_HOSTS="sendsupport.example",
        SENDSUPPORT_DATA_DIR=str(tmp_path),
    )
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    failing = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert failing.returncode == 1
    assert "sendsupport.E001" in failing.stderr
    env["DEFAULT_FROM_EMAIL"] = "Oakfield SEN <sen@oakfield-primary.sch.uk>"
    passing = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert passing.returncode == 0, passing.stderr
