"""Governors see counts and aggregates only; LA officers nothing of a school's pupils.

Every page such a person can reach (every URL pattern of the site, with real ids filled in, and every
link followed from their home page) is searched for any pupil's name or UPN.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import make_pupil
from sendsupport.schools.models import StaffMembership

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("/admin/", "/static/")


def routes(patterns=None, prefix: str = "") -> Iterator[str]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def fill(route: str, ids: dict[str, int]) -> str | None:
    """A concrete path for ``route``, with each id replaced by a real row's id; None for regex routes."""
    if route.startswith("^") or "(?P" in route:
        return None

    def value(match: re.Match) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "int":
            return str(ids.get(name, ids["pupil_id"]))
        return "x"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


@pytest.fixture
def secrets(school, pupil, other_pupil, parent, class_4a) -> list[str]:
    """Names and UPNs that must never reach a governor: the fixtures' pupils and two more."""
    extra = [
        make_pupil(
            school, first="Xanthe", last="Quarrington", registration_group=class_4a, provision="E", needs=[("PD", 1)]
        ),
        make_pupil(
            school, first="Olamide", last="Featherstonehaugh", year_group="6", provision="K", needs=[("SPLD", 1)]
        ),
    ]
    everyone = [pupil, other_pupil, *extra]
    return [p.upn for p in everyone] + [name for p in everyone for name in (p.legal_first_name, p.legal_last_name)]


def leaks(html: str, secrets: list[str]) -> list[str]:
    return [secret for secret in secrets if re.search(rf"\b{re.escape(secret)}\b", html)]


@pytest.mark.parametrize("persona", ["governor", "la_officer"])
def test_no_page_shows_them_a_pupils_name_or_upn(persona, personas, secrets, pupil, login, school):
    client = login(personas[persona])
    ids = {
        "pupil_id": pupil.pk,
        "link_id": pupil.contact_links.first().pk,
        "membership_id": StaffMembership.objects.filter(school=school).first().pk,
        "school_id": school.pk,
    }
    paths = {path for route in routes() if (path := fill(route, ids)) and not path.startswith(SKIPPED_PREFIXES)}
    to_visit, visited = sorted(paths | {reverse("home")}), set()
    while to_visit and len(visited) < 400:
        path = to_visit.pop()
        if path in visited:
            continue
        visited.add(path)
        response = client.get(path)
        body = response.content.decode(errors="replace")
        assert not leaks(body, secrets), f"{persona} saw {leaks(body, secrets)} at {path} ({response.status_code})"
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for href in re.findall(r'href="(/[^"#?]*)', body):
                if not href.startswith(SKIPPED_PREFIXES) and href not in visited:
                    to_visit.append(href)
    assert reverse("pupils:detail", args=[pupil.pk]) in visited
    assert len(visited) > 20


def test_a_governor_sees_the_schools_figures_but_no_small_number(governor, secrets, login):
    response = login(governor).get(reverse("schools:overview"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Sensory and/or physical 1" not in text and "Sensory and/or physical withheld" in text
    assert "withheld pupils on roll" in text, "4 on roll: fewer than 5"
    assert not re.search(r"Year \d [1-4]\b", text)


def test_with_no_threshold_the_figures_add_up(governor, secrets, login, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1  # nothing withheld: the counts themselves are right
    response = login(governor).get(reverse("schools:overview"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert response.status_code == 200
    assert "4 pupils on roll" in text
    assert "2 on SEN support" in text and "2 with an EHC plan" in text
    assert "Communication and interaction 2" in text
    assert "Cognition and learning 1" in text
    assert "Sensory and/or physical 1" in text
    assert "Year 4 1 1 Year 5 0 1 Year 6 1 0" in text


def test_a_governor_is_refused_every_pupil_page(governor, pupil, other_pupil, login):
    client = login(governor)
    for target in (pupil, other_pupil):
        for name in ("pupils:detail", "pupils:edit", "pupils:sen_status", "audit:pupil_log"):
            assert client.get(reverse(name, args=[target.pk])).status_code == 404
    assert client.get(reverse("pupils:register")).status_code == 404


def test_an_la_officer_sees_counts_of_schools_in_their_area_only(la_officer, secrets, other_school, login):
    response = login(la_officer).get(reverse("schools:la_overview"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Oakfield Primary School 100001 withheld withheld withheld" in text
    assert "Elm Tree Primary School 100002 0 0 0" in text


def test_the_report_for_governors_and_its_pdf_name_no_pupil(governor, secrets, pupil, login):
    """The report (every section in GOVERNOR_REPORT_SECTIONS) and its PDF, for every year offered."""
    from io import BytesIO

    from pypdf import PdfReader

    client = login(governor)
    page = client.get(reverse("schools:governors_report"))
    assert page.status_code == 200 and not leaks(page.content.decode(), secrets)
    years = re.findall(r'href="\?year=(\d{4})"', page.content.decode())
    for year in years:
        html = client.get(reverse("schools:governors_report"), {"year": year}).content.decode()
        assert not leaks(html, secrets), year
    pdf = client.get(reverse("schools:governors_report_pdf"))
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Report for governors" in text and not leaks(text, secrets)


def test_the_report_for_governors_withholds_small_counts(governor, secrets, login):
    response = login(governor).get(reverse("schools:governors_report"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Sensory and/or physical withheld" in text and "Sensory and/or physical 1" not in text
    assert "On SEN support (K) withheld" in text, "2 on SEN support: fewer than 5"
