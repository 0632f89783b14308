"""The report for governors, as a page (printable) and as a PDF: counts and money only, never a pupil.

Who may see it is the overview's rule (``view_school_aggregates``: governors, the SENCO and the head).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sendsupport.accounts.school_context import school_for
from sendsupport.audit.services import record_export
from sendsupport.core.dates import today
from sendsupport.core.pdf import css_text, pdf_response, render_pdf
from sendsupport.core.suppression import withheld_note
from sendsupport.schools.models import School
from sendsupport.staff import governors


class BadYear(ValueError):
    pass


def _chosen_year(request: HttpRequest, offered: list[int]) -> int:
    """The ``year`` asked for (its first calendar year), or this year when none is asked for."""
    value = request.GET.get("year", "").strip()
    if not value:
        return offered[0]
    if not value.isdigit() or int(value) not in offered:
        raise BadYear(
            f"School year: choose one of the years listed, from {governors.year_words(offered[-1])} "
            f"to {governors.year_words(offered[0])}. “{value[:20]}” is not one of them."
        )
    return int(value)


def _context(school: School, start_year: int, offered: list[int]) -> dict[str, Any]:
    day = governors.report_day(start_year, today=today())
    shared = {
        "school": school,
        "start_year": start_year,
        "year_words": governors.year_words(start_year),
        "as_at": day,
        "withheld_note": withheld_note(),
    }
    return {
        **shared,
        "years": [(year, governors.year_words(year)) for year in offered],
        "current_year": offered[0],
        "sections": governors.report_sections(school, today=day, shared=shared),
    }


def _report(request: HttpRequest) -> tuple[School, dict[str, Any], HttpResponse | None]:
    """The school, and the report's context for the year asked for, or the page refusing a year that
    is not offered (400): the page and the PDF answer the same way."""
    school = school_for(request, "view_school_aggregates")
    offered = governors.years_offered(school, today=today())
    try:
        start_year = _chosen_year(request, offered)
    except BadYear as error:
        context = {"school": school, "error": str(error), "years": [(y, governors.year_words(y)) for y in offered]}
        return school, context, render(request, "schools/governors/report.html", context, status=400)
    return school, _context(school, start_year, offered), None


@login_required
@require_GET
def governors_report(request: HttpRequest) -> HttpResponse:
    _school, context, refused = _report(request)
    if refused is not None:
        return refused
    return render(request, "schools/governors/report.html", context)


@login_required
@require_GET
def governors_report_pdf(request: HttpRequest) -> HttpResponse:
    school, context, refused = _report(request)
    if refused is not None:
        return refused
    start_year = context["start_year"]
    printed = timezone.localtime()
    context["footer"] = css_text(
        f"{school.name}: report for governors, {governors.year_words(start_year)}. Printed {printed:%-d %B %Y}"
    )
    pdf = render_pdf("schools/governors/report_pdf.html", context)
    # No pupil is in it, but the school's figures left the system: the log says who took them.
    record_export(
        user=request.user,
        school_id=school.pk,
        pupil=None,
        what=f"Downloaded the report for governors for {governors.year_words(start_year)} (PDF, no pupil named)",
    )
    return pdf_response(pdf, f"report-for-governors-{start_year}-{start_year + 1}.pdf")
