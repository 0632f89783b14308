"""The session register, "My groups" and the provision API, every persona (the shared loop of
``sendsupport.testing.permissions``).

The phonics group (``provision``) is delivered by the TA, with Maya (4A, whom the teacher and TA
teach) and Ben (5B). Registering its sessions is for the TA who delivers it, the SENCO and the head;
correcting one is for whoever registered it, the SENCO and the head. Costs: the SENCO and head only.
"""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.provision.models import DeliveredSession, SessionAttendance
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import ALL, MANAGERS, NOBODY, PARENTS, STAFF

REGISTERS = MANAGERS | {"ta"}  # the TA delivers the group
SEES_GROUP = STAFF | PARENTS  # the teacher sees Maya; each parent sees their child


@pytest.fixture
def sencos_session(provision, senco, pupil, other_pupil) -> DeliveredSession:
    """The session of 10 September 2026, registered by the SENCO."""
    session = DeliveredSession.objects.create(
        provision=provision, held_on=date(2026, 9, 10), minutes=30, recorded_by=senco
    )
    SessionAttendance.objects.create(session=session, pupil=pupil, status="present")
    SessionAttendance.objects.create(session=session, pupil=other_pupil, status="present")
    return session


@pytest.fixture
def other_provision(provision, school, intervention, pupil):
    """A second group at the school, delivered by nobody, with Maya."""
    from sendsupport.provision.models import Provision, ProvisionMember

    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Phonics group B",
        deliverer_role="ta",
        sessions_per_week=2,
        session_minutes=20,
        starts_on=date(2026, 9, 7),
        funding="notional_sen",
    )
    ProvisionMember.objects.create(provision=group, pupil=pupil, joined_on=date(2026, 9, 7))
    return group


def register_data(w) -> dict:
    return {
        "held_on": "2026-09-15",
        "minutes": "30",
        f"attendance_{w.pupil.pk}": "present",
        f"attendance_{w.other_pupil.pk}": "absent",
        "note": "Both keen.",
    }


def sessions(w):
    """Every session and attendance row, and the audited changes: a refused form changes none."""
    return (
        list(DeliveredSession.objects.values()),
        list(SessionAttendance.objects.values()),
        changes(w),
    )


def group(*extra: str):
    return lambda w: [w.provision.pk, *(getattr(w, name).pk for name in extra)]


PAGES = Table(
    "provision sessions",
    [
        Case("provision:sessions_my_groups", allowed=STAFF, needs=("provision",)),
        Case("provision:sessions_list", group(), REGISTERS, needs=("delivered_session",)),
        Case("provision:sessions_list", lambda w: [w.other_provision.pk], MANAGERS, label="a group nobody delivers"),
        Case("provision:sessions_add", group(), REGISTERS),
        Case("provision:sessions_add", lambda w: [w.other_provision.pk], MANAGERS, label="a group nobody delivers"),
        Case("provision:sessions_edit", group("delivered_session"), REGISTERS, label="registered by the TA"),
        Case("provision:sessions_edit", group("sencos_session"), MANAGERS, label="registered by the SENCO"),
        Case(
            "provision:sessions_edit",
            lambda w: [w.other_provision.pk, w.delivered_session.pk],
            NOBODY,
            label="under another group",
        ),
        Case(
            "provision:sessions_add",
            group(),
            REGISTERS,
            status=302,
            method="post",
            data=register_data,
            unchanged=sessions,
        ),
        Case(
            "provision:sessions_edit",
            group("delivered_session"),
            REGISTERS,
            status=302,
            method="post",
            data=register_data,
            unchanged=sessions,
            label="registered by the TA",
        ),
        Case(
            "provision:sessions_edit",
            group("sencos_session"),
            MANAGERS,
            status=302,
            method="post",
            data=register_data,
            unchanged=sessions,
            label="registered by the SENCO",
        ),
    ],
)
test_pages = PAGES.test()

API = Table(
    "provision api",
    [
        Case("api:list_interventions", allowed=ALL, needs=("intervention",)),
        Case("api:list_provisions", allowed=ALL, needs=("provision",)),
        Case("api:get_provision", group(), SEES_GROUP),
        Case("api:get_provision", lambda w: [w.other_provision.pk], STAFF | {"parent"}, label="Maya's other group"),
        Case("api:get_provision", lambda w: [w.provision.pk + 1000], NOBODY, label="missing"),
        Case("api:list_provision_sessions", group(), SEES_GROUP, needs=("delivered_session",)),
        Case("api:list_provision_sessions", lambda w: [w.provision.pk + 1000], NOBODY, label="missing"),
        Case("api:get_pupil_provision_costs", lambda w: [w.pupil.pk], MANAGERS, needs=("provision", "role_costs")),
        Case(
            "api:get_pupil_provision_costs",
            lambda w: [w.other_pupil.pk],
            MANAGERS,
            label="other pupil",
            needs=("provision", "role_costs"),
        ),
    ],
    auth="token",
)
test_api = API.test()
