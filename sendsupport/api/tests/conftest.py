"""API fixtures: a token for each persona and a client that sends it as a bearer token."""

from __future__ import annotations

from itertools import count

import pytest

from conftest import make_pupil
from sendsupport.api import services
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.upn import make_upn


@pytest.fixture
def make_token(db):
    def _make(user, name: str = "Test token") -> str:
        _, secret = services.create_token(user=user, name=name)
        return secret

    return _make


@pytest.fixture
def tokens(personas, make_token) -> dict[str, str]:
    """persona name → a live token for that persona."""
    return {name: make_token(user) for name, user in personas.items()}


@pytest.fixture
def api_get(client):
    """GET an API path with an optional bearer token; returns the response."""

    def _get(path: str, token: str | None = None, **params):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return client.get(path, params, headers=headers)

    return _get


@pytest.fixture
def add_pupil(db):
    """``make_pupil`` with serials of this test's own, skipping any UPN already used in it.

    The shared ``make_pupil`` draws from one counter of 999 serials for the whole session; these
    tests make many pupils, so they leave that counter to the shared fixtures.
    """
    serials = count(1)

    def _add(school, **kwargs) -> Pupil:
        while True:
            serial = next(serials)
            upn = make_upn(school.local_authority.number, school.estab, 24, serial)
            if not Pupil.objects.filter(upn=upn).exists():
                return make_pupil(school, serial=serial, **kwargs)

    return _add


@pytest.fixture
def cycles(pupil, senco, teacher):
    """Maya's cycle 1, reviewed and closed, and cycle 2, open with a draft plan whose outcome is vague."""
    from datetime import date

    from sendsupport.support.tests import helpers

    first = helpers.reviewed_cycle(pupil, senco, teacher)
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19), teacher=teacher)
    helpers.assess(second, senco, decided_on=date(2025, 11, 19))
    draft = helpers.plan(second, senco, created_on=date(2025, 11, 19), review_date=date(2026, 2, 13))
    helpers.outcome(draft, senco, **helpers.VAGUE_OUTCOME)
    return {"first": first, "second": second}


@pytest.fixture
def meetings(pupil, parent, senco):
    """One meeting shared with Maya's parents (with a correction), and one not yet shared."""
    from datetime import timedelta

    from django.utils import timezone

    from sendsupport.meetings import services as meeting_services
    from sendsupport.pupils.models import Contact

    def record(days_ago: int, discussed: str):
        return meeting_services.record_meeting(
            pupil=pupil,
            by=senco,
            held_on=timezone.localdate() - timedelta(days=days_ago),
            kind="review",
            discussed=discussed,
            agreed="Maya will have two short sessions a week with the TA.",
            actions="Mrs Evans will practise the word cards at home.",
            parents_attended=list(Contact.objects.filter(pupil_links__pupil=pupil)),
            staff_attendees=[senco],
        )

    shared = meeting_services.share_with_parents(meeting=record(14, "How Maya is getting on."), by=senco)
    meeting_services.add_correction(
        meeting=shared, by=senco, part="agreed", correction="Three sessions a week.", reason="A typing slip."
    )
    private = record(3, "Staff-only draft notes.")
    return {"shared": shared, "private": private}
