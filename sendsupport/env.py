"""Typed helpers that read settings from the environment, so every knob has one safe default."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from sendsupport.core.numbers import ascii_int

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    # A typo such as "ture" must not quietly read as false: that would switch off secure cookies and HSTS.
    raise ImproperlyConfigured(f"{name} must be true or false (true/false, 1/0, yes/no or on/off), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    number = ascii_int(value, allow_negative=True)
    if number is None:
        raise ImproperlyConfigured(f"{name} must be a whole number written with the digits 0-9, not {value!r}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
