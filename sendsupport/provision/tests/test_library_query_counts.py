"""Exact query counts for the provisions list: the same for one provision and for many.
When a change moves the number on purpose, update it here and say why in the commit."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_pupil
from sendsupport.provision.models import Provision, ProvisionMember

pytestmark = pytest.mark.django_db

# -1 each: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 each: the session is read with its user, in one query (accounts.sessions).
BASELINES = {"senco": 4, "ta": 4}


def add_groups(provision, ta, count: int) -> None:
    for index in range(count):
        group = Provision.objects.create(
            school=provision.school,
            intervention=provision.intervention,
            name=f"Group {index}",
            deliverer_role="ta",
            sessions_per_week=2,
            session_minutes=20,
            starts_on=date(2026, 9, 7),
            ends_on=date(2026, 10, 1) if index % 2 else None,
            funding="notional_sen",
        )
        group.deliverers.add(ta)
        for number in range(3):
            child = make_pupil(provision.school, first=f"C{index}x{number}")
            ProvisionMember.objects.create(provision=group, pupil=child, joined_on=date(2026, 9, 7))


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("provision:provisions"))
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["senco", "ta"])
def test_the_provisions_list_does_not_grow_with_provisions(persona, personas, provision, ta, login):
    client = login(personas[persona])
    assert queries(client) == BASELINES[persona]
    add_groups(provision, ta, 6)
    assert queries(client) == BASELINES[persona]
    assert "Group 5" in client.get(reverse("provision:provisions")).content.decode()
