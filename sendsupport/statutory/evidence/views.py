"""The EHC needs assessment evidence pack: prepare it, review it, download it, send the request.

Thin views over ``pack.build_pack`` (reads) and ``services`` (writes). Reading a pack is one rule,
``view_ehc_evidence``; writing is ``prepare_ehc_evidence``. Every read is audited as a view, every
download as an export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sendsupport.audit.services import record_export, record_view
from sendsupport.core import dates
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.lookup import pupil_for
from sendsupport.pupils.models import Pupil
from sendsupport.statutory import selectors as statutory_selectors
from sendsupport.statutory.evidence import selectors, services
from sendsupport.statutory.evidence.documents import pack_download
from sendsupport.statutory.evidence.forms import PackForm, SendForm
from sendsupport.statutory.evidence.pack import build_pack
from sendsupport.statutory.models import EHCRequest, EvidencePack

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "schemas" / "ehc-evidence-pack.schema.json"
PACK_FIELDS = ("covering_summary", "parents_involved_on", "parents_involvement", "parents_view")


def _pack_url(pupil: Pupil, pack: EvidencePack) -> str:
    return reverse("ehc_evidence:pack", args=[pupil.pk, pack.pk])


def _pack_page(
    request: HttpRequest, pupil: Pupil, pack: EvidencePack | None, form: PackForm | None, *, for_request: Any = None
) -> HttpResponse:
    """The pack page: the evidence from the records, then what the SENCO adds (or has added)."""
    record_view(user=request.user, pupil=pupil, what="Viewed the evidence pack for an EHC needs assessment")
    status = 400 if form is not None and form.errors else 200
    context = {
        "pupil": pupil,
        "pack": pack,
        "data": build_pack(request.user, pupil, pack),
        "form": form,
        "for_request": for_request or (pack.request if pack is not None else None),
        "can_prepare": rules.test_rule("prepare_ehc_evidence", request.user, pupil),
    }
    return render(request, "statutory/evidence/pack.html", context, status=status)


def _save(
    request: HttpRequest, pupil: Pupil, pack: EvidencePack | None, *, for_request: EHCRequest | None = None
) -> HttpResponse:
    initial = {name: getattr(pack, name) for name in PACK_FIELDS} if pack is not None else None
    form = PackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form,
            lambda: services.save_pack(
                pupil=pupil, by=request.user, pack=pack, for_request=for_request, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, "The evidence pack has been saved.")
            return redirect(_pack_url(pupil, saved))
    return _pack_page(request, pupil, pack, form, for_request=for_request)


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """Start the school's request: the evidence as it stands, and the form for the SENCO's part.
    Nothing is saved until the SENCO saves; a pack already being prepared is opened instead."""
    pupil = pupil_for(request, pupil_id, "prepare_ehc_evidence")
    draft = selectors.draft_pack(pupil)
    if draft is not None:
        return redirect(_pack_url(pupil, draft))
    return _save(request, pupil, None)


@login_required
@require_http_methods(["GET", "POST"])
def for_request(request: HttpRequest, pupil_id: int, request_id: int) -> HttpResponse:
    """Prepare the school's evidence for a request already recorded (usually the parent's own)."""
    pupil = pupil_for(request, pupil_id, "prepare_ehc_evidence")
    ehc_request = statutory_selectors.get_request(pupil, request_id)
    existing = selectors.pack_for_request(ehc_request)
    if existing is not None:
        return redirect(_pack_url(pupil, existing))
    return _save(request, pupil, None, for_request=ehc_request)


@login_required
@require_http_methods(["GET", "POST"])
def pack(request: HttpRequest, pupil_id: int, pack_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_ehc_evidence")
    found = selectors.get_pack(pupil, pack_id)
    if request.method == "POST" and not rules.test_rule("prepare_ehc_evidence", request.user, pupil):
        raise Http404("Not found")
    if found.is_sent and request.method == "GET":
        return _pack_page(request, pupil, found, None)
    # A post to a sent pack (from a page left open) reaches the service, which refuses it with a message.
    return _save(request, pupil, found)


@login_required
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest, pupil_id: int, pack_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "prepare_ehc_evidence")
    found = selectors.get_pack(pupil, pack_id)
    if found.is_sent:
        return redirect(_pack_url(pupil, found))
    form = SendForm(request.POST or None, initial={"sent_on": dates.today()})
    if request.method == "POST" and form.is_valid():
        sent = try_service(form, lambda: services.send_pack(pack=found, by=request.user, **form.cleaned_data))
        if sent is not None:
            done = "The school's evidence has been sent." if found.request_id else "The request has been sent."
            messages.success(request, f"{done} Its date is on the pupil's EHC page.")
            return redirect(_pack_url(pupil, sent))
    to_whom = "with the parent's request" if found.request_id else "and record the school's request"
    return form_page(
        request,
        form,
        "statutory/evidence/send.html",
        page_title="Send the request for an EHC needs assessment",
        caption=pupil.display_name,
        back_url=_pack_url(pupil, found),
        submit_label="Send the request",
        pupil=pupil,
        pack=found,
        intro=f"Send the evidence pack to the local authority {to_whom}. The pack cannot be changed afterwards.",
    )


def _download(request: HttpRequest, pupil_id: int, pack_id: int, kind: str) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_ehc_evidence")
    found = selectors.get_pack(pupil, pack_id)
    response = pack_download(request.user, found, kind)
    record_export(
        user=request.user,
        school_id=pupil.school_id,
        pupil=pupil,
        what=f"Downloaded the EHC evidence pack as {kind.upper()}",
    )
    return response


@login_required
@require_GET
def pdf(request: HttpRequest, pupil_id: int, pack_id: int) -> HttpResponse:
    return _download(request, pupil_id, pack_id, "pdf")


@login_required
@require_GET
def json_download(request: HttpRequest, pupil_id: int, pack_id: int) -> HttpResponse:
    return _download(request, pupil_id, pack_id, "json")


@require_GET
def schema(request: HttpRequest) -> HttpResponse:
    """The published JSON Schema of the pack's JSON: public, and holding no pupil data."""
    return HttpResponse(SCHEMA_PATH.read_bytes(), content_type="application/schema+json")
