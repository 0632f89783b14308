"""The governor's overview and the LA overview withhold small numbers (the API: ``api/tests/test_figures_withheld.py``).

Before this, the overview showed "Sensory and/or physical: 1" under the words "No pupil can be
identified from this page", and the API gave EHC plans per year group of 1 and 2.
"""

from __future__ import annotations

import re

import pytest

from conftest import make_pupil

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(school):
    """Twelve pupils on SEN support in Year 4 (SLCN), one with a hearing impairment in Year 6 with an EHC
    plan, and two more with plans in Year 5: small groups that must not show."""
    for _ in range(12):
        make_pupil(school, year_group="4", provision="K", needs=[("SLCN", 1)])
    make_pupil(school, year_group="6", provision="E", needs=[("HI", 1)])
    for _ in range(2):
        make_pupil(school, year_group="5", provision="E", needs=[("SEMH", 1)])


def cells(html: str) -> dict[str, list[str]]:
    """Each table row's header and its cells' text."""
    rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>(.*?)</tr>', html, re.S)
    return {head: re.findall(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', rest) for head, rest in rows}


def test_the_governors_overview_withholds_small_counts(register, governor, client):
    client.force_login(governor)
    html = client.get("/overview/").content.decode()
    table = cells(html)
    assert table["Sensory and/or physical"] == ["withheld"]
    assert table["Social, emotional and mental health"] == ["withheld"]
    # The two withheld areas cover each other: the reader can add them up (3) but not split them.
    assert table["Communication and interaction"] == ["12"]
    assert table["Year 6"] == ["0", "withheld"]
    assert table["Year 5"] == ["0", "withheld"]
    assert table["Year 4"] == ["12", "0"]
    assert 'app-count">withheld</span> with an EHC plan' in html
    assert "A count of fewer than 5 is withheld" in html


def test_the_la_overview_withholds_a_schools_small_counts(register, school, la_officer, client):
    client.force_login(la_officer)
    html = client.get("/local-authority/").content.decode()
    row = re.search(rf"<td class=\"govuk-table__cell\">{school.name}</td>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r'govuk-table__cell--numeric">([^<]*)</td>', row) == ["15", "12", "withheld"]
