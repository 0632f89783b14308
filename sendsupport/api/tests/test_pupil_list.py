"""The pupil list: filters, pages, and a fixed number of queries however many pupils there are."""

from __future__ import annotations

import pytest


@pytest.fixture
def register(school, class_4a, pupil, other_pupil, add_pupil):
    """Maya (4, K, SLCN+SEMH), Ben (5, E, ASD), plus Cara (6, K, SPLD) and Dev (4, no SEN)."""
    add_pupil(school, first="Cara", last="Jones", year_group="6", provision="K", needs=[("SPLD", 1)])
    add_pupil(school, first="Dev", last="Patel", year_group="4")
    return school


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["display_name"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Maya Evans", "Cara Jones", "Dev Patel", "Ben Ward"]),
        ({"status": "K"}, ["Maya Evans", "Cara Jones"]),
        ({"status": "E"}, ["Ben Ward"]),
        ({"status": "N"}, ["Dev Patel"]),
        ({"need": "SEMH"}, ["Maya Evans"]),  # a secondary need counts
        ({"need": "ASD"}, ["Ben Ward"]),
        ({"area": "communication"}, ["Maya Evans", "Ben Ward"]),
        ({"area": "cognition"}, ["Cara Jones"]),
        ({"year_group": "4"}, ["Maya Evans", "Dev Patel"]),
        ({"year_group": "4", "status": "K"}, ["Maya Evans"]),
        ({"search": "eva"}, ["Maya Evans"]),
        ({"search": "  WARD "}, ["Ben Ward"]),
        ({"search": ""}, ["Maya Evans", "Cara Jones", "Dev Patel", "Ben Ward"]),
        ({"search": "nobody"}, []),
    ],
)
def test_it_filters_the_list(params, expected, register, tokens, api_get):
    assert names(api_get("/api/v1/pupils", tokens["senco"], **params)) == expected


def test_it_finds_a_pupil_by_whole_upn_in_search(register, pupil, tokens, api_get):
    assert names(api_get("/api/v1/pupils", tokens["senco"], search=pupil.upn.lower())) == ["Maya Evans"]


def test_it_filters_by_school(register, school, other_school, tokens, api_get, add_pupil):
    add_pupil(other_school, first="Zed", last="Other")
    assert len(names(api_get("/api/v1/pupils", tokens["senco"], school=school.pk))) == 4
    assert names(api_get("/api/v1/pupils", tokens["senco"], school=other_school.pk)) == []


def test_filters_never_widen_what_a_teacher_sees(register, tokens, api_get):
    assert names(api_get("/api/v1/pupils", tokens["teacher"], status="E")) == []
    assert names(api_get("/api/v1/pupils", tokens["teacher"], search="Ward")) == []


def test_it_pages_the_list(register, tokens, api_get):
    first = api_get("/api/v1/pupils", tokens["senco"], page_size=3).json()
    assert (first["count"], first["page"], first["page_size"], first["pages"]) == (4, 1, 3, 2)
    assert [item["display_name"] for item in first["items"]] == ["Maya Evans", "Cara Jones", "Dev Patel"]
    second = api_get("/api/v1/pupils", tokens["senco"], page_size=3, page=2).json()
    assert [item["display_name"] for item in second["items"]] == ["Ben Ward"]
    beyond = api_get("/api/v1/pupils", tokens["senco"], page=99).json()
    assert beyond["items"] == [] and beyond["count"] == 4


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"status": "S"}, "status"),
        ({"need": "DYSLEXIA"}, "need"),
        ({"area": "maths"}, "area"),
        ({"year_group": "15"}, "year_group"),
        ({"school": "-1"}, "school"),
        ({"school": str(2**64)}, "school"),
        ({"search": "x" * 101}, "search"),
        ({"search": "Maya\x00"}, "search"),
    ],
)
def test_bad_filters_get_422_naming_the_field(params, field, senco, make_token, api_get):
    response = api_get("/api/v1/pupils", make_token(senco), **params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [error["field"] for error in detail] == [field]
    assert detail[0]["location"] == "query"
    assert detail[0]["message"]
