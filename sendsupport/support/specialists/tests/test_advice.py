from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sendsupport.support.specialists import services
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.specialists.tests.conftest import DOC, JPEG, PDF, PNG, docx_bytes, upload

TODAY = date(2025, 11, 20)


def _advise(involvement, by, **overrides):
    fields = {"advice_received_on": date(2025, 11, 10), "advice": "Use visual supports.", "today": TODAY}
    fields.update(overrides)
    return services.record_advice(involvement=involvement, by=by, **fields)


def _files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_it_records_written_advice(involvement, senco):
    result = _advise(involvement, senco, how_plan_used_it="Outcome 2 now uses a visual timetable.")
    assert result.status == SpecialistInvolvement.Status.ADVICE_RECEIVED
    assert result.how_plan_used_it == "Outcome 2 now uses a visual timetable."
    assert not result.advice_document


def test_it_refuses_advice_dated_before_the_referral(involvement, senco):
    with pytest.raises(ValidationError) as error:
        _advise(involvement, senco, advice_received_on=date(2025, 10, 5))
    assert error.value.message_dict["advice_received_on"] == [
        "The advice cannot be dated before the referral (6 October 2025)."
    ]
    involvement.refresh_from_db()
    assert involvement.advice_received_on is None
    assert involvement.status == SpecialistInvolvement.Status.REFERRED


def test_it_refuses_advice_dated_in_the_future(involvement, senco):
    with pytest.raises(ValidationError) as error:
        _advise(involvement, senco, advice_received_on=date(2025, 11, 21))
    assert "must be today (20 November 2025) or in the past" in error.value.message_dict["advice_received_on"][0]


def test_it_needs_a_summary_or_a_document(involvement, senco):
    with pytest.raises(ValidationError) as error:
        _advise(involvement, senco, advice="")
    assert error.value.message_dict["advice"] == ["Write a summary of the advice, or upload the document, or both."]


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", PDF), ("report.DOCX", docx_bytes()), ("old.doc", DOC), ("scan.png", PNG), ("scan.jpeg", JPEG)],
)
def test_it_keeps_a_real_document_under_a_random_name(involvement, senco, media_root, name, content):
    result = _advise(involvement, senco, advice="", document=upload(name, content))
    assert result.advice_document_name == name
    stored = result.advice_document.name
    assert stored.startswith(f"specialist-advice/{involvement.pupil.school_id}/{involvement.pupil_id}/")
    assert name.split(".")[0] not in stored
    assert (media_root / stored).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "“tool.exe” cannot be uploaded. The file must be a PDF, a Word document"),
        ("report.pdf", b"MZ\x90\x00 not a pdf", "“report.pdf” is not a real PDF: its contents do not match its name."),
        ("report.docx", docx_bytes(word=False), "“report.docx” is not a real Word document"),
        ("photo.png", JPEG, "“photo.png” is not a real PNG image"),
        ("blank.pdf", b"", "“blank.pdf” is empty."),
        ("notes.txt", b"hello", "“notes.txt” cannot be uploaded."),
    ],
)
def test_it_refuses_a_bad_document_and_saves_nothing(involvement, senco, media_root, name, content, message):
    with pytest.raises(ValidationError) as error:
        _advise(involvement, senco, document=upload(name, content))
    assert error.value.message_dict["advice_document"][0].startswith(message)
    involvement.refresh_from_db()
    assert involvement.advice_received_on is None and not involvement.advice_document
    assert _files(media_root) == []


def test_it_refuses_a_document_larger_than_the_limit(involvement, senco, media_root, settings):
    settings.SENDSUPPORT = {**settings.SENDSUPPORT, "SPECIALIST_DOCUMENT_MAX_BYTES": 1024 * 1024}
    big = PDF + b"0" * (2 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        _advise(involvement, senco, document=upload("big.pdf", big))
    assert error.value.message_dict["advice_document"] == ["“big.pdf” is 2 MB. The file must be no larger than 1 MB."]
    assert _files(media_root) == []


def test_a_new_document_replaces_the_shown_one_and_the_old_file_is_kept(involvement_with_document, senco, media_root):
    first = involvement_with_document.advice_document.name
    result = _advise(involvement_with_document, senco, document=upload("update.png", PNG))
    assert result.advice_document_name == "update.png"
    assert (media_root / first).exists()
    assert result.history.filter(advice_document=first).exists()


def test_ended_involvement_stays_ended_when_advice_arrives(involvement, senco):
    involvement = services.update_involvement(
        involvement=involvement,
        by=senco,
        professional_type=involvement.professional_type,
        referral_date=involvement.referral_date,
        parental_consent=True,
        consent_date=involvement.consent_date,
        status=SpecialistInvolvement.Status.ENDED,
        today=TODAY,
    )
    assert _advise(involvement, senco).status == SpecialistInvolvement.Status.ENDED


def test_it_cannot_be_marked_advice_received_without_advice(involvement, senco):
    with pytest.raises(ValidationError) as error:
        services.update_involvement(
            involvement=involvement,
            by=senco,
            professional_type=involvement.professional_type,
            referral_date=involvement.referral_date,
            parental_consent=True,
            consent_date=involvement.consent_date,
            status=SpecialistInvolvement.Status.ADVICE_RECEIVED,
            today=TODAY,
        )
    assert error.value.message_dict["status"] == ["Record the advice before marking it as received."]
