"""What the API shows each persona (who gets which answer is in the permission table, ``test_permissions.py``)."""

from __future__ import annotations


def test_a_missing_pupil_and_a_forbidden_pupil_look_the_same(tokens, other_pupil, api_get):
    forbidden = api_get(f"/api/v1/pupils/{other_pupil.pk}", tokens["teacher"])
    missing = api_get(f"/api/v1/pupils/{other_pupil.pk + 1000}", tokens["teacher"])
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_it_lists_only_what_each_persona_may_see(tokens, pupil, other_pupil, school, other_school, api_get):
    def pupil_names(persona: str) -> list[str]:
        return [item["display_name"] for item in api_get("/api/v1/pupils", tokens[persona]).json()["items"]]

    def school_names(persona: str) -> list[str]:
        return [item["name"] for item in api_get("/api/v1/schools", tokens[persona]).json()["items"]]

    assert pupil_names("senco") == pupil_names("head") == ["Maya Evans", "Ben Ward"]
    assert pupil_names("teacher") == pupil_names("ta") == pupil_names("parent") == ["Maya Evans"]
    assert pupil_names("other_parent") == ["Ben Ward"]
    for persona in ("governor", "la_officer", "stranger"):
        assert pupil_names(persona) == []

    for persona in ("senco", "head", "teacher", "ta", "governor"):
        assert school_names(persona) == ["Oakfield Primary School"]
    assert school_names("la_officer") == ["Elm Tree Primary School", "Oakfield Primary School"]
    for persona in ("parent", "other_parent", "stranger"):
        assert school_names(persona) == []


def test_a_parent_sees_what_the_pupil_page_shows_them_and_no_more(tokens, pupil, api_get):
    as_parent = api_get(f"/api/v1/pupils/{pupil.pk}", tokens["parent"]).json()
    as_teacher = api_get(f"/api/v1/pupils/{pupil.pk}", tokens["teacher"]).json()
    assert as_parent["record"] is None
    assert as_parent["teaching_groups"] is None
    assert as_parent["current_provision"] == "K"
    assert [need["need_type"] for need in as_parent["current_needs"]] == ["SLCN", "SEMH"]
    assert as_teacher["record"]["upn"] == pupil.upn
    assert as_teacher["record"]["registration_group"] == "4A"
    assert as_teacher["record"]["date_of_birth"] == "2016-03-01"


def test_the_school_shows_the_callers_own_roles(tokens, school, api_get):
    assert api_get(f"/api/v1/schools/{school.pk}", tokens["senco"]).json()["your_roles"] == ["senco"]
    assert api_get(f"/api/v1/schools/{school.pk}", tokens["la_officer"]).json()["your_roles"] == []


def test_figures_are_counts_without_names(tokens, school, pupil, other_pupil, api_get, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1  # nothing withheld, to see every count (see test_small_numbers.py)
    figures = api_get(f"/api/v1/schools/{school.pk}/figures", tokens["governor"]).json()
    assert figures["on_roll"] == 2
    assert figures["sen_support"] == 1
    assert figures["ehc_plan"] == 1
    assert figures["withheld"] == []
    areas = {row["area"]: row["count"] for row in figures["by_primary_area_of_need"]}
    assert areas["communication"] == 2  # SLCN and ASD are both communication and interaction
    assert figures["by_year_group"] == [
        {"year_group": "4", "label": "Year 4", "sen_support": 1, "ehc_plan": 0, "withheld": []},
        {"year_group": "5", "label": "Year 5", "sen_support": 0, "ehc_plan": 1, "withheld": []},
    ]
    assert "Maya" not in str(figures) and pupil.upn not in str(figures)


def test_me_says_who_the_token_belongs_to(tokens, school, api_get):
    me = api_get("/api/v1/me", tokens["senco"]).json()
    assert me["username"] == "senco"
    assert me["roles"] == [
        {"school_id": school.pk, "school_name": "Oakfield Primary School", "role": "senco", "role_label": "SENCO"}
    ]
    assert me["token"]["name"] == "Test token"
    assert tokens["senco"].startswith(f"ss_{me['token']['prefix']}_")
    assert api_get("/api/v1/me", tokens["la_officer"]).json()["local_authorities"][0]["number"] == "801"
    assert api_get("/api/v1/me", tokens["parent"]).json()["is_parent"] is True
