"""Problem tables name each rule in words ("A UPN must be 13 characters ..."), not its code name (upn_valid)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_pupil
from sendsupport.interop.rule_words import RULE_WORDS, rule_words
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml
from sendsupport.pupils.models import SENStatus

pytestmark = pytest.mark.django_db


def test_every_rule_has_words_and_an_unknown_one_still_reads_as_words():
    assert rule_words("upn_valid") == "A UPN must be 13 characters with the right check letter"
    assert rule_words("some_new_rule") == "Some new rule"
    assert all(words and "_" not in words for words in RULE_WORDS.values())


def rule_cells(html: str) -> list[str]:
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", html, re.S)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-1].strip() for row in rows if "<td" in row]


def test_the_ctf_problem_table_shows_rules_in_words(senco, login, django_capture_on_commit_callbacks):
    data = ctf_xml(pupil_xml("A801300018001"))
    client = login(senco)
    with django_capture_on_commit_callbacks(execute=True):  # the worker checks the file after commit
        response = client.post(reverse("interop:ctf_upload"), {"file": SimpleUploadedFile("bad.xml", data)})
    response = client.get(response["Location"])
    html = response.content.decode()
    assert "A UPN must be 13 characters with the right check letter" in rule_cells(html)
    assert "upn_valid" not in html


def test_the_census_problem_table_shows_rules_in_words(senco, school, login):
    pupil = make_pupil(school, provision="K", needs=[("SLCN", 1)])
    pupil.sen_needs.all().delete()  # break a census rule on purpose
    assert SENStatus.objects.filter(pupil=pupil).exists()
    html = login(senco).get(reverse("interop:census"), {"term": "spring", "year": "2026"}).content.decode()
    assert "Pupils on SEN support or with an EHC plan need a primary type of need" in html
    assert "need_required" not in html
