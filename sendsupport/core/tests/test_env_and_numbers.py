"""Settings that cannot fail open, and numbers read only from ASCII digits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from sendsupport.core.numbers import ascii_int, is_ascii_digits
from sendsupport.env import env_bool, env_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("yes", True),
        (" On ", True),
        ("false", False),
        ("False", False),
        ("0", False),
        ("no", False),
        ("OFF", False),
    ],
)
def test_it_reads_the_true_and_false_words(monkeypatch, text, expected):
    monkeypatch.setenv("SENDSUPPORT_HTTPS", text)
    assert env_bool("SENDSUPPORT_HTTPS", not expected) is expected


def test_it_uses_the_default_when_the_variable_is_unset_or_empty(monkeypatch):
    monkeypatch.delenv("SENDSUPPORT_HTTPS", raising=False)
    assert env_bool("SENDSUPPORT_HTTPS", True) is True
    monkeypatch.setenv("SENDSUPPORT_HTTPS", "")
    assert env_bool("SENDSUPPORT_HTTPS", False) is False


@pytest.mark.parametrize("typo", ["ture", "flase", "2", "enabled", "y e s"])
def test_it_refuses_a_typo_naming_the_variable(monkeypatch, typo):
    monkeypatch.setenv("SENDSUPPORT_HTTPS", typo)
    with pytest.raises(ImproperlyConfigured, match="SENDSUPPORT_HTTPS"):
        env_bool("SENDSUPPORT_HTTPS", True)


def test_it_refuses_a_number_that_is_not_ascii_digits(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "2٥")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)
    monkeypatch.setenv("EMAIL_PORT", "587")
    assert env_int("EMAIL_PORT", 25) == 587


def test_it_fails_at_start_up_on_a_typo_in_https():
    env = {**os.environ, "SENDSUPPORT_MODE": "production", "SECRET_KEY": "x" * 60, "SENDSUPPORT_HTTPS": "ture"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "sendsupport.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SENDSUPPORT_HTTPS" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        (" 12 ", 12),
        ("0", 0),
        ("²", None),
        ("٢", None),
        ("1²", None),
        ("", None),
        ("-3", None),
        ("+3", None),
        ("3.0", None),
        ("1" * 40, None),
        (None, None),
    ],
)
def test_it_reads_numbers_only_from_ascii_digits(text, expected):
    assert ascii_int(text) == expected


def test_it_allows_a_sign_only_when_asked():
    assert ascii_int("-3", allow_negative=True) == -3


def test_it_tells_ascii_digits_from_look_alikes():
    assert is_ascii_digits("0123")
    assert not is_ascii_digits("01²")
    assert not is_ascii_digits("٠١")
    assert not is_ascii_digits("")
