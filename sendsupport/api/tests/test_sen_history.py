"""A pupil's SEN status history and needs, current and past, as the API gives them."""

from __future__ import annotations

from datetime import date

from conftest import TODAY
from sendsupport.pupils import services as pupil_services


def test_it_lists_status_history_newest_first(pupil, senco, tokens, api_get):
    pupil_services.change_sen_status(
        pupil=pupil,
        provision="E",
        needs=[("ASD", 1)],
        start_date=date(2025, 6, 1),
        reason="EHC plan issued",
        by=senco,
        today=TODAY,
    )
    body = api_get(f"/api/v1/pupils/{pupil.pk}/sen-statuses", tokens["senco"]).json()
    assert body["count"] == 2
    assert [(s["provision"], s["start_date"]) for s in body["items"]] == [("E", "2025-06-01"), ("K", "2024-09-01")]
    assert body["items"][0]["provision_label"] == "EHC plan"
    assert body["items"][0]["decided_by"] == "Senco Person"
    assert body["items"][0]["reason"] == "EHC plan issued"

    # A parent sees the history as on the pupil page: without who decided.
    as_parent = api_get(f"/api/v1/pupils/{pupil.pk}/sen-statuses", tokens["parent"]).json()
    assert [s["decided_by"] for s in as_parent["items"]] == [None, None]


def test_it_lists_current_and_past_needs(pupil, senco, tokens, api_get):
    pupil_services.change_sen_status(
        pupil=pupil,
        provision="K",
        needs=[("SPLD", 1)],
        start_date=date(2025, 6, 1),
        reason="Reassessed",
        by=senco,
        today=TODAY,
    )
    every = api_get(f"/api/v1/pupils/{pupil.pk}/needs", tokens["senco"]).json()["items"]
    current = api_get(f"/api/v1/pupils/{pupil.pk}/needs", tokens["senco"], current="true").json()["items"]
    past = api_get(f"/api/v1/pupils/{pupil.pk}/needs", tokens["senco"], current="false").json()["items"]
    assert [(n["need_type"], n["current"]) for n in current] == [("SPLD", True)]
    assert current[0]["broad_area"] == "cognition"
    assert current[0]["label"] == "Specific learning difficulty"
    assert sorted(n["need_type"] for n in past) == ["SEMH", "SLCN"]
    assert all(n["end_date"] for n in past)
    assert len(every) == 3

    detail = api_get(f"/api/v1/pupils/{pupil.pk}", tokens["senco"]).json()
    assert [n["need_type"] for n in detail["current_needs"]] == ["SPLD"]
    assert detail["primary_need"] == "SPLD" and detail["secondary_need"] is None
