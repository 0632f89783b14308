"""The plan as PDFs (staff record and parents' version) and the letter, read back with pypdf."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import TODAY
from sendsupport.audit.models import AuditEvent
from sendsupport.core.pdf import NoFetching, render_pdf
from sendsupport.schools.services import set_senco
from sendsupport.support import services
from sendsupport.support.tests import helpers


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def documented(running, senco, ta):
    outcome = running.plan.outcomes.get()
    services.add_note(
        outcome=outcome, by=ta, text="Followed 6 of 10 in maths.", written_on=date(2025, 10, 10), today=TODAY
    )
    helpers.outcome(running.plan, senco, **helpers.VAGUE_OUTCOME)
    return running


def test_the_staff_pdf_is_the_full_record(documented, senco, login):
    response = login(senco).get(reverse("support:plan_pdf_staff", args=[documented.pupil_id, 1]))
    assert response["Content-Disposition"] == 'attachment; filename="maya-evans-sen-support-plan-cycle-1-staff.pdf"'
    text = pdf_text(response)
    assert "SEN support plan: Maya Evans" in text
    assert documented.pupil.upn in text
    assert "Give instructions one step at a time" in text
    assert "Followed 6 of 10 in maths." in text
    assert "Not SMART yet" in text and "There is no baseline" in text
    assert "Speech, language and communication needs (SLCN)" in text
    assert AuditEvent.objects.filter(
        action="exported", pupil=documented.pupil, summary__contains="staff record"
    ).exists()


def test_the_parents_pdf_is_plain_english_without_staff_detail(documented, parent, login):
    response = login(parent).get(reverse("support:plan_pdf_parent", args=[documented.pupil_id, 1]))
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response)
    assert "Maya Evans's SEN support plan" in text
    assert "What we want Maya to achieve" in text
    assert "Follow a two-step spoken instruction in class without a picture prompt." in text
    assert "We will meet to look at how things are going by 12 December 2025" in text
    assert documented.pupil.upn not in text
    assert "Followed 6 of 10 in maths." not in text
    assert "SMART" not in text
    assert AuditEvent.objects.filter(
        action="exported", actor_name="parent", summary__contains="parents' version"
    ).exists()


def test_the_letter_pdf_tells_the_parents_in_plain_english(newcomer, senco, login):
    set_senco(school=newcomer.school, by=senco, senco=senco, today=TODAY)  # the school's named SENCO
    cycle = helpers.start(newcomer, senco)
    helpers.assess(cycle, senco, decision="start", primary_need="SPLD", secondary_need="")
    response = login(senco).get(reverse("support:letter_pdf", args=[newcomer.pk, 1]))
    text = pdf_text(response)
    assert "Extra help for Zain at school" in text
    assert "This is called SEN support" in text
    assert "15 September 2025" in text
    assert "specific learning difficulty" in text
    assert "Senco Person" in text
    assert AuditEvent.objects.filter(action="exported", pupil=newcomer, summary__contains="letter").exists()


def test_making_a_pdf_fetches_nothing(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    with pytest.raises(ValueError):
        NoFetching().fetch(f"file://{secret}")
    with pytest.raises(ValueError):
        NoFetching().fetch("https://example.org/tracker.png")


def test_pdf_templates_render_without_outside_resources(documented):
    context = {**services.letter_context(documented)}
    pdf = render_pdf("support/letter_pdf.html", context)
    assert pdf.startswith(b"%PDF")
