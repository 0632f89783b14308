"""The evidence pack as documents: its JSON and its PDF, made live while it is prepared and frozen when
it is sent (``services.send_pack``). Every download, the school's or the local authority's, goes
through ``pack_download`` so the files and their names are the same wherever they are fetched."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify

from sendsupport.core.pdf import pdf_response, render_pdf
from sendsupport.statutory.evidence.pack import build_pack
from sendsupport.statutory.models import EvidencePack

PDF_TEMPLATE = "statutory/evidence/pack_pdf.html"


def make_documents(user: Any, pack: EvidencePack, *, today: date | None = None) -> tuple[dict, bytes]:
    """The pack's JSON (as a dict) and PDF, read from the records as ``user`` may read them."""
    data = build_pack(user, pack.pupil, pack, today=today)
    pdf = render_pdf(PDF_TEMPLATE, {"pupil": pack.pupil, "pack": pack, "data": data})
    return data.as_json(), pdf


def _filename(pack: EvidencePack, extension: str) -> str:
    day = pack.sent_on or pack.prepared_at.date()
    return f"ehc-evidence-{slugify(pack.pupil.display_name)}-{day:%Y-%m-%d}.{extension}"


def pack_download(user: Any, pack: EvidencePack, kind: str) -> HttpResponse:
    """The pack as a PDF or JSON download (``kind`` "pdf" or "json"): the copy frozen when it was
    sent, or, while it is still being prepared, made from the records now."""
    if pack.is_sent and pack.sent_pdf is not None:
        document, pdf = pack.sent_json, bytes(pack.sent_pdf)
    else:
        document, pdf = make_documents(user, pack)
    if kind == "pdf":
        return pdf_response(pdf, _filename(pack, "pdf"))
    response = HttpResponse(json.dumps(document, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_filename(pack, "json")}"'
    response["Cache-Control"] = "private, no-store"
    return response
