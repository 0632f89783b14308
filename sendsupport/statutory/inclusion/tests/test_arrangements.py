"""Exam access arrangements: evidence required; the exams officer's list, printed and as CSV, audited."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.statutory.inclusion.models import AccessArrangement

pytestmark = pytest.mark.django_db
SERIES = "Key Stage 2 tests May 2027"


def test_an_arrangement_without_evidence_is_refused_and_nothing_saved(pupil, senco, login):
    response = login(senco).post(
        reverse("inclusion:arrangement_add", args=[pupil.pk]), {"series": SERIES, "arrangement": "scribe"}
    )
    assert response.status_code == 400
    assert "Enter the evidence for this arrangement" in response.content.decode()
    assert not AccessArrangement.objects.exists()


def test_extra_time_needs_its_percentage(pupil, senco, login):
    response = login(senco).post(
        reverse("inclusion:arrangement_add", args=[pupil.pk]),
        {"series": SERIES, "arrangement": "extra_time", "evidence": "Slow processing"},
    )
    assert response.status_code == 400
    assert "Enter the extra time as a percentage from 1 to 100" in response.content.decode()
    assert not AccessArrangement.objects.exists()


def test_the_same_arrangement_twice_in_a_series_is_refused(arrangement, pupil, senco, login):
    response = login(senco).post(
        reverse("inclusion:arrangement_add", args=[pupil.pk]),
        {"series": SERIES, "arrangement": "extra_time", "extra_time_percent": "50", "evidence": "More"},
    )
    assert response.status_code == 400
    assert "already recorded for Key Stage 2 tests May 2027" in response.content.decode()
    assert AccessArrangement.objects.count() == 1


def test_the_exams_list_shows_each_pupil_with_evidence(arrangement, pupil, senco, login):
    html = login(senco).get(reverse("inclusion:exams")).content.decode()
    assert SERIES in html and pupil.display_name in html
    assert "Extra time (25%)" in html and "Assessed by Dr A Reed" in html


def test_the_csv_lists_the_arrangements_and_is_audited_as_an_export(arrangement, pupil, senco, login):
    response = login(senco).get(reverse("inclusion:exams_csv") + "?series=" + SERIES)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Series", "UPN", "Surname"]
    assert rows[1][1] == pupil.upn and rows[1][6] == "Extra time (25%)"
    assert AuditEvent.objects.filter(pupil=pupil, action="exported").count() == 1


def test_the_pdf_is_a_pdf_and_is_audited(arrangement, pupil, senco, login):
    response = login(senco).get(reverse("inclusion:exams_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(pupil=pupil, action="exported", summary__contains="PDF").exists()
