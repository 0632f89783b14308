from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendsupport.support.specialists import services
from sendsupport.support.specialists.models import SpecialistInvolvement

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32


def docx_bytes(*, word: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if word:
            archive.writestr("word/document.xml", "<w:document/>")
        else:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refer(pupil, by, **overrides) -> SpecialistInvolvement:
    fields = {
        "professional_type": SpecialistInvolvement.Professional.SPEECH_AND_LANGUAGE_THERAPIST,
        "professional_name": "Sam Jones",
        "organisation": "NHS Children's Speech and Language Therapy",
        "reason": "Limited progress with expressive language after two cycles.",
        "referral_date": date(2025, 10, 6),
        "parental_consent": True,
        "consent_date": date(2025, 10, 1),
        "today": date(2025, 11, 20),
    }
    fields.update(overrides)
    return services.add_referral(pupil=pupil, by=by, **fields)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def involvement(pupil, senco) -> SpecialistInvolvement:
    return refer(pupil, senco)


@pytest.fixture
def involvement_with_document(involvement, senco) -> SpecialistInvolvement:
    return services.record_advice(
        involvement=involvement,
        by=senco,
        advice_received_on=date(2025, 11, 10),
        advice="Use visual supports and model sentences.",
        document=upload("SALT report.pdf", PDF),
        today=date(2025, 11, 20),
    )
