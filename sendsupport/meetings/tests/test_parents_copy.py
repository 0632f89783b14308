"""The copy for parents: a plain-English page and a PDF, readable by the parents once shared."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from sendsupport.audit.models import AuditEvent
from sendsupport.meetings import services


def test_it_lists_only_shared_records_for_the_parent(meeting, shared_meeting, parent, login):
    page = login(parent).get(reverse("meetings:list", args=[meeting.pupil_id])).content.decode()
    assert reverse("meetings:copy", args=[shared_meeting.pupil_id, shared_meeting.pk]) in page
    assert reverse("meetings:copy", args=[meeting.pupil_id, meeting.pk]) not in page
    assert f'href="{reverse("meetings:detail", args=[shared_meeting.pupil_id, shared_meeting.pk])}"' not in page


def test_it_shows_the_parent_a_plain_english_copy(shared_meeting, parent, senco, login):
    services.add_correction(
        meeting=shared_meeting,
        by=senco,
        part="actions",
        correction="Word cards daily.",
        reason="Agreed later by phone.",
    )
    page = (
        login(parent).get(reverse("meetings:copy", args=[shared_meeting.pupil_id, shared_meeting.pk])).content.decode()
    )
    for text in ("Our meeting about Maya Evans", "What we talked about", "What we agreed", "What happens next"):
        assert text in page
    assert "Mrs Evans will practise the word cards at home." in page
    assert "Word cards daily." in page
    assert "This is a preview" not in page


def test_it_gives_the_parent_a_real_pdf_and_logs_the_export(shared_meeting, parent, login):
    response = login(parent).get(reverse("meetings:copy_pdf", args=[shared_meeting.pupil_id, shared_meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="meeting-')
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Our meeting about Maya Evans" in text
    assert "Maya will have two short sessions a week with the TA." in text
    assert "What we agreed" in text
    assert AuditEvent.objects.filter(pupil_id=shared_meeting.pupil_id, action="exported", actor=parent).count() == 1


def test_it_shows_staff_a_preview_before_sharing(meeting, senco, login):
    page = login(senco).get(reverse("meetings:copy", args=[meeting.pupil_id, meeting.pk])).content.decode()
    assert "This is a preview" in page
