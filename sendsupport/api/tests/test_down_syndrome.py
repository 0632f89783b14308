"""The API knows DS (Down syndrome), a census SEN type since January 2025: in its schema, filters and answers."""

from __future__ import annotations

from datetime import date

from conftest import TODAY
from sendsupport.pupils import services as pupil_services


def test_the_schema_lists_ds_as_a_need_type(client):
    schema = client.get("/api/v1/openapi.json").json()
    enums = [component.get("enum", []) for component in schema["components"]["schemas"].values()]
    assert any("DS" in enum and "SLCN" in enum for enum in enums)


def test_a_pupil_with_ds_is_listed_filtered_and_described(pupil, senco, tokens, api_get):
    pupil_services.change_sen_status(
        pupil=pupil, provision="K", needs=[("DS", 1)], start_date=date(2025, 6, 1), reason="Seen", by=senco, today=TODAY
    )
    listed = api_get("/api/v1/pupils", tokens["senco"], need="DS")
    assert listed.status_code == 200, listed.content
    assert [item["display_name"] for item in listed.json()["items"]] == ["Maya Evans"]
    assert [item["primary_need"] for item in listed.json()["items"]] == ["DS"]
    needs = api_get(f"/api/v1/pupils/{pupil.pk}/needs", tokens["senco"], current="true").json()["items"]
    assert [(n["need_type"], n["label"], n["broad_area"]) for n in needs] == [("DS", "Down syndrome", "other")]
    by_area = api_get("/api/v1/pupils", tokens["senco"], area="other").json()["items"]
    assert "Maya Evans" in [item["display_name"] for item in by_area]
