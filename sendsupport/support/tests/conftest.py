"""Fixtures for the graduated approach: a pupil new to SEN support, and cycles at each stage."""

from __future__ import annotations

import pytest

import conftest as root_conftest
from conftest import make_pupil
from sendsupport.support.tests import helpers


@pytest.fixture(autouse=True)
def fresh_upn_serials(monkeypatch):
    """Each test rolls its pupils back, so UPN serials can start again at 1 in every test.

    The root conftest hands out serials 1-999 once per session; a long run would run out."""
    monkeypatch.setattr(root_conftest, "_serials", iter(range(1, 1000)))


@pytest.fixture
def newcomer(school, class_4a):
    """Zain, in 4A, not on the SEN register yet, with a father who has an email address."""
    pupil = make_pupil(school, first="Zain", last="Ahmed", registration_group=class_4a)
    helpers.add_parent_contact(pupil)
    return pupil


@pytest.fixture
def running(pupil, senco, teacher):
    """Maya's cycle 1: assessed (continue), plan agreed with one outcome, not yet reviewed."""
    return helpers.running_cycle(pupil, senco, teacher)


@pytest.fixture
def reviewed(pupil, senco, teacher):
    """Maya's cycle 1, reviewed on 18 November 2025 (partly met, revise) and so closed."""
    return helpers.reviewed_cycle(pupil, senco, teacher)
