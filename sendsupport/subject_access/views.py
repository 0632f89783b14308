"""The subject access export: everything held about a pupil, and who viewed it, as a ZIP of a PDF
(to read) and a JSON file (to process). For the SENCO and the head, from the pupil page."""

from __future__ import annotations

import io
import json
import zipfile

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sendsupport.audit.services import record_export
from sendsupport.core.pdf import render_pdf
from sendsupport.pupils.lookup import pupil_for
from sendsupport.subject_access.selectors import audit_trail, everything_about


@login_required
@require_GET
def export(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil")
    now = timezone.localtime()
    sections = everything_about(pupil)
    trail = audit_trail(pupil)
    exported_by = request.user.get_full_name() or request.user.get_username()
    data = {
        "about": "Everything sendsupport holds about this pupil, and who viewed or changed it (subject access).",
        "school": pupil.school.name,
        "exported_at": now.isoformat(),
        "exported_by": exported_by,
        "records": {section.key: section.as_json() for section in sections},
        "audit_log": trail,
    }
    pdf = render_pdf(
        "subject_access/export_pdf.html",
        {"pupil": pupil, "school": pupil.school, "sections": sections, "trail": trail, "now": now, "by": exported_by},
    )
    stem = f"{slugify(pupil.display_name)}-subject-access-{now:%Y-%m-%d}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.pdf", pdf)
        archive.writestr(f"{stem}.json", json.dumps(data, indent=2, ensure_ascii=False))
    record_export(
        user=request.user,
        school_id=pupil.school_id,
        pupil=pupil,
        what="Downloaded the subject access export (everything held about the pupil, as PDF and JSON)",
    )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{stem}.zip"'
    response["Cache-Control"] = "no-store"
    return response
