"""A governor who is also a parent sees their own child as a parent does, on the web and in the API.

Staff is one definition (``accounts.access.is_staff_at``: SENCO, head, teacher, TA); a governor's
role never adds staff-only detail to what they see as a parent.
"""

from __future__ import annotations

from conftest import link_parent
from sendsupport.accounts.access import is_staff_for, staff_school_ids


def test_a_governor_is_not_staff(governor, pupil, school):
    assert not is_staff_for(governor, pupil)
    assert staff_school_ids(governor) == set()


def test_the_api_shows_a_governor_parent_the_parents_view(governor, parent, pupil, make_token, api_get):
    link_parent(pupil, governor)
    as_governor = api_get(f"/api/v1/pupils/{pupil.pk}", make_token(governor))
    as_parent = api_get(f"/api/v1/pupils/{pupil.pk}", make_token(parent))
    assert as_governor.status_code == 200
    assert as_governor.json()["teaching_groups"] is None  # staff-only detail
    assert as_governor.json() == as_parent.json()
    listed = api_get("/api/v1/pupils", make_token(governor)).json()["items"]
    assert [item["id"] for item in listed] == [pupil.pk]
    assert listed == api_get("/api/v1/pupils", make_token(parent)).json()["items"]


def test_the_pupil_page_shows_a_governor_parent_the_parents_view(governor, parent, pupil, client):
    link_parent(pupil, governor)
    client.force_login(governor)
    as_governor = client.get(f"/pupils/{pupil.pk}/")
    client.force_login(parent)
    as_parent = client.get(f"/pupils/{pupil.pk}/")
    assert as_governor.status_code == as_parent.status_code == 200
    assert as_governor.context["staff_view"] is False
    assert as_parent.context["staff_view"] is False
