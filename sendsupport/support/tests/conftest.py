"""Fixtures for the graduated approach: a pupil new to SEN support, and cycles at each stage."""

from __future__ import annotations

from datetime import date

import pytest

import conftest as root_conftest
from conftest import TODAY, make_pupil
from sendsupport.support import services
from sendsupport.support.choices import Decision
from sendsupport.support.models import Concern, OutcomeBankEntry
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
def assessed_newcomer(newcomer, senco):
    """Zain's cycle 1: assessed (start SEN support), no plan written yet."""
    cycle = helpers.start(newcomer, senco)
    helpers.assess(cycle, senco, decision=Decision.START)
    return cycle


@pytest.fixture
def running(pupil, senco, teacher):
    """Maya's cycle 1: assessed (continue), plan agreed with one outcome, not yet reviewed."""
    return helpers.running_cycle(pupil, senco, teacher)


@pytest.fixture
def reviewed(pupil, senco, teacher):
    """Maya's cycle 1, reviewed on 18 November 2025 (partly met, revise) and so closed."""
    return helpers.reviewed_cycle(pupil, senco, teacher)


@pytest.fixture
def record(pupil, other_pupil, senco, teacher):
    """Maya: cycle 1 reviewed and closed; cycle 2 open, assessed, parents told, a draft plan carried on.
    Ben (other_pupil) has cycle 1 open with an agreed plan."""
    first = helpers.reviewed_cycle(pupil, senco, teacher)
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19))
    helpers.assess(second, senco, decided_on=date(2025, 11, 19))
    helpers.notify(second, senco, notified_on=date(2025, 11, 19))
    plan = helpers.plan(second, senco, created_on=date(2025, 11, 19), review_date=date(2026, 2, 13))
    ben = helpers.running_cycle(other_pupil, senco, None)
    return {
        "p": pupil.pk,
        "o": other_pupil.pk,
        "first": first,
        "second": second,
        "outcome": plan.outcomes.get().pk,
        "ben": ben,
        "entry": OutcomeBankEntry.objects.create(area="semh", text="Name three feelings.").pk,
    }


@pytest.fixture
def concern(pupil, teacher) -> Concern:
    """The teacher's open concern about Maya, raised on 3 November 2025."""
    return services.raise_concern(
        pupil=pupil,
        by=teacher,
        noticed="Avoids writing.",
        since=date(2025, 9, 1),
        raised_on=date(2025, 11, 3),
        today=TODAY,
    )
