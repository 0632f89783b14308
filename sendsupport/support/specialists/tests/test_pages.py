"""Recording referrals and advice through the pages, downloading the document, and the audit log."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from sendsupport.audit.models import AuditEvent
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.specialists.tests.conftest import PDF, upload


def _referral(**overrides):
    today = timezone.localdate()
    data = {
        "professional_type": "educational_psychologist",
        "professional_name": "Dr Amir Khan",
        "organisation": "Bristol Educational Psychology Service",
        "reason": "Reading well below expected after three cycles.",
        "referral_date": (today - timedelta(days=10)).isoformat(),
        "parental_consent": "on",
        "consent_date": (today - timedelta(days=12)).isoformat(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_senco_records_a_referral(pupil, senco, login):
    response = login(senco).post(reverse("specialists:add", args=[pupil.pk]), _referral())
    involvement = SpecialistInvolvement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("specialists:detail", args=[pupil.pk, involvement.pk])
    assert involvement.consent_recorded_by == senco


def test_a_referral_without_consent_is_refused_naming_the_field(pupil, senco, login):
    response = login(senco).post(reverse("specialists:add", args=[pupil.pk]), _referral(parental_consent=None))
    assert response.status_code == 400
    assert (
        "The parents have given their consent to this referral: A referral can only be recorded with the parents"
        in response.content.decode()
    )
    assert SpecialistInvolvement.objects.count() == 0


def test_a_badly_typed_date_is_refused_naming_the_field(pupil, senco, login):
    response = login(senco).post(reverse("specialists:add", args=[pupil.pk]), _referral(referral_date="31/02/2025"))
    assert response.status_code == 400
    assert "Date of referral: Enter the date of referral as a real date" in response.content.decode()


def test_the_senco_uploads_advice_and_a_parent_downloads_it(involvement, senco, parent, login):
    today = timezone.localdate()
    url = reverse("specialists:advice", args=[involvement.pupil_id, involvement.pk])
    response = login(senco).post(
        url,
        {
            "advice_received_on": today.isoformat(),
            "advice": "Use visual supports.",
            "advice_document": upload("SALT report.pdf", PDF),
            "how_plan_used_it": "",
        },
    )
    assert response.status_code == 302
    download = login(parent).get(reverse("specialists:document", args=[involvement.pupil_id, involvement.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="SALT report.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    assert AuditEvent.objects.filter(
        pupil_id=involvement.pupil_id, action="exported", actor=parent, summary__contains="SALT report.pdf"
    ).exists()


def test_a_disguised_file_is_refused_naming_the_field(involvement, senco, login):
    url = reverse("specialists:advice", args=[involvement.pupil_id, involvement.pk])
    response = login(senco).post(
        url,
        {
            "advice_received_on": timezone.localdate().isoformat(),
            "advice": "",
            "advice_document": upload("report.pdf", b"MZ\x90\x00 a program"),
        },
    )
    assert response.status_code == 400
    assert "Advice document: “report.pdf” is not a real PDF" in response.content.decode()
    involvement.refresh_from_db()
    assert not involvement.advice_document


def test_advice_before_the_referral_is_refused_naming_the_field(involvement, senco, login):
    url = reverse("specialists:advice", args=[involvement.pupil_id, involvement.pk])
    response = login(senco).post(url, {"advice_received_on": "2025-09-01", "advice": "Something"})
    assert response.status_code == 400
    assert "Date the advice was received: The advice cannot be dated before the referral" in response.content.decode()


def test_the_document_has_no_public_address(involvement_with_document, senco, login):
    stored = involvement_with_document.advice_document.name
    client = login(senco)
    for url in (f"/{stored}", f"/media/{stored}"):
        assert client.get(url).status_code == 404


def test_the_senco_edits_the_details_and_how_the_plan_used_it(involvement_with_document, senco, login):
    involvement = involvement_with_document
    url = reverse("specialists:edit", args=[involvement.pupil_id, involvement.pk])
    client = login(senco)
    assert client.get(url).status_code == 200
    data = _referral(
        professional_type=involvement.professional_type,
        referral_date=involvement.referral_date.isoformat(),
        consent_date=involvement.consent_date.isoformat(),
        status="ended",
        how_plan_used_it="The plan's second outcome uses the visual supports advised.",
    )
    assert client.post(url, data).status_code == 302
    involvement.refresh_from_db()
    assert involvement.status == "ended"
    assert involvement.how_plan_used_it.startswith("The plan's second outcome")


def test_pages_are_logged(involvement, senco, login):
    client = login(senco)
    client.get(reverse("specialists:list", args=[involvement.pupil_id]))
    client.get(reverse("specialists:detail", args=[involvement.pupil_id, involvement.pk]))
    summaries = list(
        AuditEvent.objects.filter(pupil_id=involvement.pupil_id, action="viewed").values_list("summary", flat=True)
    )
    assert "Viewed specialist involvement" in summaries
    assert any(s.startswith("Viewed specialist involvement (") for s in summaries)


def test_the_pupil_page_lists_specialists(involvement_with_document, pupil, parent, login):
    page = login(parent).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "Speech and language therapist: referred" in page
    assert "advice received" in page
    assert reverse("specialists:add", args=[pupil.pk]) not in page
