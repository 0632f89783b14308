"""Fixtures for views before a review: Maya's open cycle, views sent, and Maya's own sign-in."""

from __future__ import annotations

from datetime import date

import pytest

import conftest as root_conftest
from conftest import TODAY
from sendsupport.schools.models import SchoolPolicy
from sendsupport.support.tests import helpers
from sendsupport.support.voice import services
from sendsupport.support.voice.models import Face

PUPIL_PASSWORD = "bright-green-dragon-42"


@pytest.fixture(autouse=True)
def fresh_upn_serials(monkeypatch):
    monkeypatch.setattr(root_conftest, "_serials", iter(range(1, 1000)))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Every page and service works on 20 November 2025, as the support fixtures do."""
    monkeypatch.setattr("sendsupport.core.dates.today", lambda: TODAY)


@pytest.fixture
def running(pupil, senco, teacher):
    """Maya's cycle 1: plan agreed, review due, not yet reviewed."""
    return helpers.running_cycle(pupil, senco, teacher)


@pytest.fixture
def other_running(other_pupil, senco):
    return helpers.running_cycle(other_pupil, senco, None)


@pytest.fixture
def sent(running, parent, pupil):
    """Maya's parent's views, sent before the review of cycle 1."""
    return services.send_parent_views(
        pupil=pupil,
        cycle_id=running.pk,
        by=parent,
        going_well="She loves reading with her brother.\nAnd swimming.",
        worries="Homework takes hours.",
        next_steps="More help with writing.",
    )


@pytest.fixture
def voice_record(running, pupil, ta):
    """Maya's views, captured with her by the TA on 19 November 2025."""
    return services.record_pupil_views(
        pupil=pupil,
        by=ta,
        given_on=date(2025, 11, 19),
        how_gathered="With the face cards",
        going_well_face=Face.VERY_HAPPY,
        going_well="Reading time",
        hard_face=Face.SAD,
        hard="Writing long answers",
        helps_face=Face.HAPPY,
        helps="A word mat and a quiet table",
        today=TODAY,
    )


@pytest.fixture
def sign_in_allowed(school, senco):
    return services.save_pupil_sign_in_policy(school=school, by=senco, allowed=True, from_year=3)


@pytest.fixture
def pupil_account(sign_in_allowed, pupil, senco):
    return services.create_pupil_account(pupil=pupil, by=senco, username="maya4", password=PUPIL_PASSWORD)


@pytest.fixture
def pupil_user(pupil_account):
    return pupil_account.user


def policy(school) -> SchoolPolicy:
    return SchoolPolicy.for_school(school)
