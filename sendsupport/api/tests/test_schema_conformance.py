"""Schemathesis against /api/v1/openapi.json with a token for each persona (and none).

For every operation it generates valid requests (and, for one persona and for no token, invalid ones), sends them to the Django app in-process
(WSGI, inside the test's transaction) and checks: no server error, only documented status codes and
content types, and every response body matching its schema. Bounded and derandomised so it runs the
same way, quickly, every time.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sendsupport.testing.personas import PERSONAS as SIGNED_IN

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
PERSONAS = [*SIGNED_IN, None]  # None: no token
MAX_EXAMPLES = 12
# Bad input is refused before anything is looked up, whoever asks, so one persona's token covers it.
NEGATIVE_FOR = {"senco", None}


@pytest.fixture
def wsgi_app():
    """Django's WSGI app, without closing the test's database connection after each request (as the test client)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def register(
    school,
    other_school,
    class_4a,
    pupil,
    other_pupil,
    add_pupil,
    cycles,
    meetings,
    planned_meetings,
    link_book,
    views_given,
):
    """Enough variety for every field to show up: no SEN status, a preferred name, a pupil who left,
    a reviewed cycle and an open one with a draft plan, meetings shared with the parents and not,
    meetings planned (answered, cancelled, not yet sent), a link book with a reply, and views."""
    add_pupil(school, first="Dev", last="Patel", year_group="R")
    left = add_pupil(school, first="Eve", last="Stone", provision="K", needs=[("NSA", 1)], registration_group=class_4a)
    left.preferred_first_name = "Evie"
    left.on_roll_until = left.on_roll_from.replace(year=2025)
    left.save()
    add_pupil(other_school, first="Zed", last="Other", provision="E", needs=[("PD", 1), ("VI", 2)])
    return {
        "pupil_id": pupil.pk,
        "school_id": school.pk,
        "upn": pupil.upn,
        "number": cycles["first"].number,
        "meeting_id": meetings["shared"].pk,
        "provision_id": phonics_group(school, pupil, other_pupil).pk,
    }


def phonics_group(school, *pupils):
    """A group with a session registered, so the provision routes answer with data and costs."""
    from datetime import date

    from sendsupport.provision.models import (
        DeliveredSession,
        Intervention,
        Provision,
        ProvisionMember,
        SessionAttendance,
        StaffRoleCost,
    )

    intervention = Intervention.objects.create(
        school=school, name="Phonics", area="cognition", description="Phonics.", delivered_by="ta"
    )
    StaffRoleCost.objects.create(school=school, role="ta", hourly_pence=1800)
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Phonics group",
        deliverer_role="ta",
        sessions_per_week=3,
        session_minutes=30,
        starts_on=date(2025, 9, 8),
        funding="notional_sen",
    )
    session = DeliveredSession.objects.create(provision=group, held_on=date(2025, 9, 9), minutes=30, note="Fine.")
    for pupil in pupils:
        ProvisionMember.objects.create(provision=group, pupil=pupil, joined_on=date(2025, 9, 8))
        SessionAttendance.objects.create(session=session, pupil=pupil, status="present")
    return group


def run_operation(operation, headers: dict[str, str], **strategy_kwargs) -> None:
    @given(case=operation.as_strategy(**strategy_kwargs))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


@pytest.mark.parametrize("persona", PERSONAS, ids=[p or "no token" for p in PERSONAS])
def test_every_operation_meets_its_schema(persona, tokens, register, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    headers = {"Authorization": f"Bearer {tokens[persona]}"} if persona else {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 22
    for operation in operations:
        run_operation(operation, headers, generation_mode=GenerationMode.POSITIVE)
        if persona in NEGATIVE_FOR:
            run_operation(operation, headers, generation_mode=GenerationMode.NEGATIVE)
        # Real ids as well, so answers with data (not only 404s) are checked against the schema.
        known = {name: value for name, value in register.items() if operation.path_parameters.get(name) is not None}
        if known:
            run_operation(operation, headers, generation_mode=GenerationMode.POSITIVE, path_parameters=known)
