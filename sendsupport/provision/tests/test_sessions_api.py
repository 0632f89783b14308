"""The provision API: what each persona reads, and that no cost of any kind reaches a role that may
not see costs, in any field of any answer."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.provision import selectors
from sendsupport.provision.models import DeliveredSession, SessionAttendance
from sendsupport.testing.personas import PERSONAS

MAY_NOT_SEE_COSTS = ("teacher", "ta", "parent", "other_parent", "governor", "la_officer", "stranger")
COST_WORDS = ("cost", "pence", "hourly", "salary")


def keys(value) -> set[str]:
    """Every key anywhere in a JSON answer."""
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in keys(item)}
    if isinstance(value, list):
        return {k for item in value for k in keys(item)}
    return set()


def routes(w) -> list[str]:
    provision, pupil, other = w["provision"], w["pupil"], w["other_pupil"]
    return [
        "/api/v1/interventions",
        "/api/v1/provisions",
        f"/api/v1/provisions/{provision.pk}",
        f"/api/v1/provisions/{provision.pk}/sessions",
        f"/api/v1/pupils/{pupil.pk}/provision-costs",
        f"/api/v1/pupils/{other.pk}/provision-costs",
    ]


@pytest.fixture
def tokens(personas) -> dict[str, str]:
    from sendsupport.api import services

    return {name: services.create_token(user=user, name="Test token")[1] for name, user in personas.items()}


@pytest.fixture
def api_get(client):
    def _get(path: str, token: str, **params):
        return client.get(path, params, headers={"Authorization": f"Bearer {token}"})

    return _get


@pytest.fixture
def world(provision, pupil, other_pupil, delivered_session, role_costs):
    delivered_session.note = "Ben found the blending hard."
    delivered_session.save()
    return {"provision": provision, "pupil": pupil, "other_pupil": other_pupil}


@pytest.mark.django_db
def test_no_cost_reaches_a_role_that_may_not_see_costs(world, tokens, api_get):
    for persona in MAY_NOT_SEE_COSTS:
        for path in routes(world):
            response = api_get(path, tokens[persona])
            assert response.status_code in (200, 404), (persona, path)
            found = [k for k in keys(response.json()) if any(word in k.lower() for word in COST_WORDS)]
            assert not found, (persona, path, found)


@pytest.mark.django_db
def test_the_senco_reads_the_same_costs_as_the_provision_map(world, tokens, api_get):
    pupil = world["pupil"]
    body = api_get(f"/api/v1/pupils/{pupil.pk}/provision-costs", tokens["senco"]).json()
    expected = selectors.pupil_costs(pupil)
    assert body["element2_threshold_pence"] == 600000
    assert body["delivered_to_date_pence"] == expected.pupil_total(pupil.pk, "delivered_to_date") > 0
    assert body["projected_year_pence"] == expected.pupil_total(pupil.pk, "projected_year")
    (line,) = body["provisions"]
    assert (line["provision_name"], line["costed"]) == ("Phonics group A", True)


@pytest.mark.django_db
def test_a_parent_reads_only_their_own_childs_membership_and_attendance(world, tokens, api_get):
    provision, pupil = world["provision"], world["pupil"]
    detail = api_get(f"/api/v1/provisions/{provision.pk}", tokens["parent"]).json()
    assert [m["name"] for m in detail["members"]] == ["Maya Evans"]
    assert detail["deliverers"] is None
    (session,) = api_get(f"/api/v1/provisions/{provision.pk}/sessions", tokens["parent"]).json()["items"]
    assert session["attendance"] == [{"pupil_id": pupil.pk, "name": "Maya Evans", "status": "present"}]
    assert session["note"] is None


@pytest.mark.django_db
def test_the_ta_who_delivers_it_reads_every_member_and_the_note(world, tokens, api_get):
    provision = world["provision"]
    (session,) = api_get(f"/api/v1/provisions/{provision.pk}/sessions", tokens["ta"]).json()["items"]
    assert {row["name"]: row["status"] for row in session["attendance"]} == {
        "Maya Evans": "present",
        "Ben Ward": "absent",
    }
    assert session["note"] == "Ben found the blending hard."
    detail = api_get(f"/api/v1/provisions/{provision.pk}", tokens["ta"]).json()
    assert detail["deliverers"] == ["Ta Person"]


@pytest.mark.django_db
def test_a_teacher_who_does_not_deliver_it_reads_only_the_pupils_they_teach(world, tokens, api_get):
    provision = world["provision"]
    (session,) = api_get(f"/api/v1/provisions/{provision.pk}/sessions", tokens["teacher"]).json()["items"]
    assert [row["name"] for row in session["attendance"]] == ["Maya Evans"]
    assert session["note"] is None


@pytest.mark.django_db
def test_the_library_is_for_staff(world, intervention, tokens, api_get):
    for persona in PERSONAS:
        names = [item["name"] for item in api_get("/api/v1/interventions", tokens[persona]).json()["items"]]
        assert names == (["Phonics catch-up"] if persona in {"senco", "head", "teacher", "ta"} else []), persona


@pytest.mark.django_db
def test_provisions_are_listed_as_each_persona_may_see_them(world, tokens, api_get):
    seen = {
        persona: [item["name"] for item in api_get("/api/v1/provisions", tokens[persona]).json()["items"]]
        for persona in PERSONAS
    }
    assert {persona for persona, names in seen.items() if names == ["Phonics group A"]} == {
        "senco",
        "head",
        "teacher",
        "ta",
        "parent",
        "other_parent",
    }


@pytest.mark.django_db
def test_sessions_come_a_page_at_a_time_newest_first(world, provision, pupil, other_pupil, ta, tokens, api_get):
    for day in (10, 11, 14):
        session = DeliveredSession.objects.create(provision=provision, held_on=date(2026, 9, day), minutes=30)
        SessionAttendance.objects.create(session=session, pupil=pupil, status="present")
    body = api_get(f"/api/v1/provisions/{provision.pk}/sessions", tokens["senco"], page_size=2).json()
    assert (body["count"], body["pages"]) == (4, 2)
    assert [item["held_on"] for item in body["items"]] == ["2026-09-14", "2026-09-11"]
