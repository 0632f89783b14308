"""Meetings through the API: staff see every record; parents only shared ones, and only the parents' copy."""

from __future__ import annotations


def test_staff_see_every_meeting_newest_first(tokens, pupil, meetings, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/meetings", tokens["teacher"]).json()
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [meetings["private"].pk, meetings["shared"].pk]
    assert body["items"][1]["shared_with_parents_on"] is not None
    assert body["items"][0]["shared_with_parents_on"] is None
    assert body["items"][0]["kind"] == "review"


def test_a_parent_sees_only_shared_meetings(tokens, pupil, meetings, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/meetings", tokens["parent"]).json()
    assert body["count"] == 1
    assert [item["id"] for item in body["items"]] == [meetings["shared"].pk]
    assert "Staff-only draft notes" not in str(body)


def test_staff_see_the_full_record(tokens, pupil, senco, meetings, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/meetings/{meetings['shared'].pk}", tokens["senco"]).json()
    name = senco.get_full_name() or senco.username
    assert body["record"]["recorded_by"] == body["record"]["shared_by"] == name
    assert body["record"]["recorded_at"]
    assert body["staff_attended"] == [name]
    assert body["agreed"] == "Maya will have two short sessions a week with the TA."
    [correction] = body["corrections"]
    assert (correction["part"], correction["correction"], correction["made_by"]) == (
        "agreed",
        "Three sessions a week.",
        name,
    )


def test_a_parent_sees_the_parents_copy_and_no_more(tokens, pupil, meetings, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/meetings/{meetings['shared'].pk}", tokens["parent"]).json()
    assert body["record"] is None
    assert body["discussed"] == "How Maya is getting on."
    assert body["actions"] == "Mrs Evans will practise the word cards at home."
    [correction] = body["corrections"]
    assert correction["made_by"] is None
    assert correction["reason"] == "A typing slip."


def test_a_meeting_not_shared_is_the_same_404_as_a_missing_one(tokens, pupil, meetings, api_get):
    hidden = api_get(f"/api/v1/pupils/{pupil.pk}/meetings/{meetings['private'].pk}", tokens["parent"])
    missing = api_get(f"/api/v1/pupils/{pupil.pk}/meetings/{meetings['private'].pk + 1000}", tokens["parent"])
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
