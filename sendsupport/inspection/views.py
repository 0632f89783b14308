"""The inspection trail PDF, for the SENCO and the head only (the rule ``change_pupil``); others 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sendsupport.audit.services import record_export
from sendsupport.core.dates import in_words
from sendsupport.core.pdf import css_text, pdf_response, render_pdf
from sendsupport.inspection.selectors import inspection_trail
from sendsupport.pupils.lookup import pupil_for


@login_required
@require_GET
def trail_pdf(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil")
    printed = timezone.localtime()
    trail = inspection_trail(pupil, today=printed.date())
    pdf = render_pdf(
        "inspection/trail_pdf.html",
        {
            "trail": trail,
            "pupil": pupil,
            "school": pupil.school,
            "printed": printed,
            "printed_by": request.user.get_full_name() or request.user.get_username(),
            "footer": css_text(f"{pupil.display_name}: inspection trail. Printed {in_words(printed.date())}"),
        },
    )
    record_export(
        user=request.user,
        school_id=pupil.school_id,
        pupil=pupil,
        what="Downloaded the inspection trail (the whole assess-plan-do-review record, as a PDF)",
    )
    return pdf_response(pdf, f"{slugify(pupil.display_name)}-inspection-trail-{printed:%Y-%m-%d}.pdf")
