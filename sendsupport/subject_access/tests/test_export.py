"""The subject access export holds everything about the pupil, and who viewed it, as a PDF and JSON."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sendsupport.audit.models import AuditEvent
from sendsupport.meetings.tests.conftest import record as record_meeting
from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(pupil, senco, teacher, parent):
    """Maya: a reviewed cycle (assessment, plan, outcome, review), a meeting with her parent, and views."""
    helpers.reviewed_cycle(pupil, senco, teacher)
    record_meeting(pupil, senco, staff_attendees=[senco])
    return pupil


def unzip(response) -> tuple[dict, bytes]:
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    names = archive.namelist()
    assert len(names) == 2
    json_name = next(name for name in names if name.endswith(".json"))
    pdf_name = next(name for name in names if name.endswith(".pdf"))
    return json.loads(archive.read(json_name)), archive.read(pdf_name)


def test_it_exports_everything_held_and_who_viewed_it(history, senco, teacher, login):
    login(teacher).get(reverse("pupils:detail", args=[history.pk]))
    response = login(senco).get(reverse("subject_access:export", args=[history.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert "maya-evans-subject-access" in response["Content-Disposition"]
    data, pdf = unzip(response)

    records = data["records"]
    assert records["pupil"][0]["upn"] == history.upn
    assert records["pupil"][0]["legal_last_name"] == "Evans"
    assert [c["first_name"] for c in records["parents_and_carers"]] == ["Parent"]
    for kind in (
        "sen_statuses",
        "sen_needs",
        "cycles",
        "assessments",
        "plans",
        "outcomes",
        "reviews",
        "meetings_with_parents",
    ):
        assert records[kind], f"{kind} missing from the export"
    assert records["outcomes"][0]["description"] == helpers.GOOD_OUTCOME["description"]
    assert records["sen_needs"][0]["need_type"].startswith("Speech")

    viewers = {(event["who"], event["what"]) for event in data["audit_log"] if event["action"] == "Viewed"}
    assert ("teacher", "Viewed the pupil's record") in viewers

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Everything held about Maya Evans" in text
    assert helpers.GOOD_OUTCOME["description"][:30] in text
    assert "Who viewed or changed the record" in text


def test_the_export_is_in_the_audit_log(history, senco, login):
    login(senco).get(reverse("subject_access:export", args=[history.pk]))
    event = AuditEvent.objects.filter(pupil=history, action="exported").get()
    assert event.summary.startswith("Downloaded the subject access export")
    assert event.actor == senco


def test_the_pupil_page_links_to_it_for_the_senco_only(history, senco, teacher, login):
    link = reverse("subject_access:export", args=[history.pk])
    assert link in login(senco).get(reverse("pupils:detail", args=[history.pk])).content.decode()
    assert link not in login(teacher).get(reverse("pupils:detail", args=[history.pk])).content.decode()
