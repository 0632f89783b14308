"""Passport addresses beyond the permission table (``test_permissions.py``)."""

from __future__ import annotations

from django.urls import reverse


def test_acknowledging_needs_a_post(passport, pupil, teacher, login):
    assert login(teacher).get(reverse("profiles:acknowledge", args=[pupil.pk])).status_code == 405
