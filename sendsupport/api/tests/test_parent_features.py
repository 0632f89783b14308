"""Planned meetings, the link book and views through the API: what each reader sees, and what they do not."""

from __future__ import annotations

from sendsupport.audit.models import AuditEvent


def items(api_get, path: str, token: str) -> list[dict]:
    response = api_get(path, token)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_it_shows_staff_every_planned_meeting_upcoming_first_with_every_reply(pupil, planned_meetings, tokens, api_get):
    found = items(api_get, f"/api/v1/pupils/{pupil.pk}/planned-meetings", tokens["senco"])
    upcoming, cancelled, draft = (planned_meetings[key] for key in ("upcoming", "cancelled", "draft"))
    assert [item["id"] for item in found] == [upcoming.pk, draft.pk, cancelled.pk]
    first = found[0]
    assert first["upcoming"] is True and first["status"] == "confirmed"
    assert first["place"] == "The SENCO's office" and first["video_link"] == "https://meet.example.org/maya"
    assert len(first["invited"]) == 2 and first["staff"] == ["Senco Person"]
    assert {reply["answer"] for reply in first["replies"]} == {"yes", "other_time"}
    assert found[2]["status"] == "cancelled" and found[2]["cancel_reason"] == "The SENCO is ill."
    assert found[2]["sequence"] == 1


def test_it_shows_a_parent_only_sent_meetings_and_only_their_own_replies(
    pupil, parent, planned_meetings, tokens, api_get
):
    found = items(api_get, f"/api/v1/pupils/{pupil.pk}/planned-meetings", tokens["parent"])
    assert [item["id"] for item in found] == [planned_meetings["upcoming"].pk, planned_meetings["cancelled"].pk]
    first = found[0]
    assert [reply["answer"] for reply in first["replies"]] == ["yes"]
    assert first["replies"][0]["to_the_current_time"] is True
    assert first["invited"] is None and first["staff"] is None
    body = api_get(f"/api/v1/pupils/{pupil.pk}/planned-meetings", tokens["parent"]).content.decode()
    assert "Carer's private note" not in body and "Staff-only draft room" not in body


def test_it_gives_the_link_book_most_recently_active_first_with_replies(pupil, link_book, tokens, api_get):
    for persona in ("parent", "senco", "teacher"):
        found = items(api_get, f"/api/v1/pupils/{pupil.pk}/link-book", tokens[persona])
        assert [item["id"] for item in found] == [link_book["school"].pk, link_book["home"].pk], persona
        home = found[1]
        assert home["side"] == "home" and home["kind"] == "positive"
        assert [reply["text"] for reply in home["replies"]] == ["Wonderful, thank you."]
        assert home["replies"][0]["side"] == "school"


def test_it_pages_the_link_book(pupil, link_book, tokens, api_get):
    body = api_get(f"/api/v1/pupils/{pupil.pk}/link-book", tokens["parent"], page=2, page_size=1).json()
    assert body["count"] == 2 and body["pages"] == 2
    assert [item["id"] for item in body["items"]] == [link_book["home"].pk]


def test_it_shows_a_parent_only_the_views_they_sent(pupil, views_given, tokens, api_get):
    found = items(api_get, f"/api/v1/pupils/{pupil.pk}/parent-views", tokens["parent"])
    assert [item["id"] for item in found] == [views_given["parent"].pk]
    assert found[0]["worries"] == "Homework takes hours." and found[0]["cycle"] == views_given["cycle"].number
    body = api_get(f"/api/v1/pupils/{pupil.pk}/parent-views", tokens["parent"]).content.decode()
    assert "Carer's own worry" not in body


def test_it_shows_staff_every_parents_views_newest_first(pupil, views_given, tokens, api_get):
    found = items(api_get, f"/api/v1/pupils/{pupil.pk}/parent-views", tokens["ta"])
    assert [item["id"] for item in found] == [views_given["carer"].pk, views_given["parent"].pk]


def test_it_shows_staff_the_pupils_own_views_with_the_faces(pupil, views_given, tokens, api_get):
    found = items(api_get, f"/api/v1/pupils/{pupil.pk}/pupil-views", tokens["teacher"])
    assert len(found) == 1
    views = found[0]
    assert views["given_on"] == "2025-11-19" and views["by_pupil"] is False
    assert views["how_gathered"] == "With the face cards" and views["cycle"] == views_given["cycle"].number
    assert views["answers"] == [
        {"question": "What is going well", "face": 5, "face_label": "Very happy", "words": "Reading time"},
        {"question": "What is hard", "face": 2, "face_label": "Unhappy", "words": ""},
    ]


def test_it_refuses_a_parent_the_pupils_own_views(pupil, views_given, tokens, api_get):
    response = api_get(f"/api/v1/pupils/{pupil.pk}/pupil-views", tokens["parent"])
    assert response.status_code == 404 and response.json() == {"detail": "Not found"}


def test_it_writes_each_read_to_the_audit_log(pupil, planned_meetings, link_book, views_given, tokens, api_get):
    for path in ("planned-meetings", "link-book", "parent-views", "pupil-views"):
        before = AuditEvent.objects.filter(action="viewed", pupil_id=pupil.pk).count()
        assert api_get(f"/api/v1/pupils/{pupil.pk}/{path}", tokens["senco"]).status_code == 200
        assert AuditEvent.objects.filter(action="viewed", pupil_id=pupil.pk).count() == before + 1, path
