"""Specialists addresses beyond the permission table (``test_permissions.py``)."""

from __future__ import annotations

from django.urls import reverse

from sendsupport.support.specialists.tests.conftest import refer


def test_an_involvement_of_another_pupil_is_not_found_under_this_one(pupil, other_pupil, senco, login):
    other = refer(other_pupil, senco)
    assert login(senco).get(reverse("specialists:detail", args=[pupil.pk, other.pk])).status_code == 404
