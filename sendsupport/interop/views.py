"""Import and export pages for the SENCO and head: CTF and CSV imports, the census, transfer files."""

from __future__ import annotations

import io
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.accounts.school_context import school_for
from sendsupport.core import dates
from sendsupport.core.dates import academic_start_year
from sendsupport.core.views import form_page, try_service
from sendsupport.interop import selectors
from sendsupport.interop.csv_reader import FIELD_LABELS, CSVProblem, guess_columns, read_table
from sendsupport.interop.forms import CensusForm, CensusSettingsForm, ColumnsForm, ConfirmForm, TransferForm, UploadForm
from sendsupport.interop.models import ImportRun
from sendsupport.interop.services import exports, runs, transfer_problems
from sendsupport.pupils.lookup import pupil_for

RECENT_RUNS = 10
PAGE_OF_RUNS = 100


@login_required
def hub(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    return render(
        request,
        "interop/hub.html",
        {
            "school": school,
            "runs": selectors.import_runs(school)[:RECENT_RUNS],
        },
    )


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    return render(
        request, "interop/run_list.html", {"school": school, "runs": selectors.import_runs(school)[:PAGE_OF_RUNS]}
    )


def _upload(request: HttpRequest, kind: str) -> HttpResponse:
    school = school_for(request, "manage_school")
    if kind == ImportRun.Kind.CTF:
        options = {
            "label": "Common Transfer File",
            "hint": "The XML file (CTF 23, 24 or 25) from the pupil's last school or from your MIS.",
            "accept": ".xml,application/xml,text/xml",
        }
        title, intro = (
            "Import a Common Transfer File",
            "Pupils are matched by UPN. You will see exactly what would change before anything is saved.",
        )
    else:
        options = {
            "label": "Spreadsheet (CSV)",
            "hint": "A CSV file exported from SIMS, Arbor, Bromcom or another MIS, with column headings in the first row.",
            "accept": ".csv,text/csv",
        }
        title, intro = (
            "Import pupils from a spreadsheet",
            "Next you will match the file's columns to the fields here, then see what would change before anything is saved.",
        )
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None, **options)
    if request.method == "POST" and form.is_valid():
        run = try_service(
            form,
            lambda: runs.start_import(
                school=school, by=request.user, kind=kind, upload=form.cleaned_data["file"], in_background=True
            ),
        )
        if run:
            if run.status == ImportRun.Status.UPLOADED:
                return redirect("interop:csv_columns", run_id=run.pk)
            return redirect("interop:run", run_id=run.pk)
    return form_page(
        request,
        form,
        page_title=title,
        intro=intro,
        submit_label="Upload and check",
        back_url=reverse("interop:hub"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ctf_upload(request: HttpRequest) -> HttpResponse:
    return _upload(request, ImportRun.Kind.CTF)


@login_required
@require_http_methods(["GET", "POST"])
def csv_upload(request: HttpRequest) -> HttpResponse:
    return _upload(request, ImportRun.Kind.CSV)


@login_required
@require_http_methods(["GET", "POST"])
def csv_columns(request: HttpRequest, run_id: int) -> HttpResponse:
    school = school_for(request, "manage_school")
    run = selectors.get_import_run(school, run_id)
    if run.kind != ImportRun.Kind.CSV or not run.pending:
        return redirect("interop:run", run_id=run.pk)
    try:
        headers, rows = read_table(runs.stored_path(run).read_bytes())
    except CSVProblem:  # checked on upload; only a file changed on disc since could get here
        raise Http404("The file can no longer be read") from None
    initial = guess_columns(headers, selectors.saved_csv_columns(school))
    form = ColumnsForm(request.POST or None, headers=headers, initial=initial)
    if request.method == "POST" and form.is_valid():
        runs.preview_csv(run=run, by=request.user, columns=form.columns(), in_background=True)
        return redirect("interop:run", run_id=run.pk)
    return form_page(
        request,
        form,
        "interop/csv_columns.html",
        run=run,
        rows=len(rows),
        sample=dict(zip(headers, rows[0], strict=False)) if rows else {},
        page_title="Match the columns",
        back_url=reverse("interop:hub"),
    )


CHANGE_LABELS = {
    "new_pupil": "New pupil",
    "changed_field": "Change",
    "new_sen_entry": "New SEN history entry",
    "new_need": "New type of need",
    "changed_need": "Need changed",
    "ended_need": "Need ended",
    "new_contact": "New parent or carer",
    "new_registration_group": "New registration group",
}


def _report_context(run: ImportRun) -> dict:
    report = run.report or {}
    changes = [
        {**change, "label": CHANGE_LABELS.get(change["kind"], change["kind"])} for change in report.get("changes", [])
    ]
    return {
        "problems": report.get("problems", []),
        "changes": changes,
        "change_count": report.get("change_count", 0),
        "warnings": report.get("warnings", []),
        "skipped_rows": report.get("skipped_rows", 0),
        "columns": [
            (FIELD_LABELS.get(name, name), heading) for name, heading in report.get("columns", {}).items() if heading
        ],
    }


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    school = school_for(request, "manage_school")
    run = selectors.get_import_run(school, run_id)
    if run.kind == ImportRun.Kind.CSV and run.status == ImportRun.Status.UPLOADED:
        return redirect("interop:csv_columns", run_id=run.pk)
    form = ConfirmForm()
    context = _report_context(run)
    to_fix = (run.report or {}).get("to_fix", [])
    upns = [re.sub(r"^Pupil (\S+).*$", r"\1", problem["where"]) for problem in to_fix]
    ids = selectors.upns_by_pupil_id(request.user, school, upns) if run.status == ImportRun.Status.IMPORTED else {}
    context["to_fix"] = [{**problem, "pupil_id": ids.get(upn)} for problem, upn in zip(to_fix, upns, strict=True)]
    context["fix_count"] = (run.report or {}).get("fix_count", 0)
    return render(request, "interop/run_detail.html", {"run": run, "form": form, **context})


@login_required
@require_POST
def run_confirm(request: HttpRequest, run_id: int) -> HttpResponse:
    school = school_for(request, "manage_school")
    run = selectors.get_import_run(school, run_id)
    form = ConfirmForm(request.POST)
    only_valid = form.is_valid() and form.cleaned_data["only_valid"]
    try:
        run = runs.confirm_import(run=run, by=request.user, only_valid=only_valid, in_background=True)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("interop:run", run_id=run.pk)
    # The worker imports it; the run's page shows "being imported", then the result and what to fix.
    messages.success(request, f"{run.file_name} is being imported. This page shows the result when it is done.")
    return redirect("interop:run", run_id=run.pk)


@login_required
@require_POST
def run_cancel(request: HttpRequest, run_id: int) -> HttpResponse:
    school = school_for(request, "manage_school")
    run = selectors.get_import_run(school, run_id)
    try:
        runs.cancel_import(run=run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("interop:run", run_id=run.pk)
    messages.success(request, f"The import of {run.file_name} has been cancelled. Nothing was changed.")
    return redirect("interop:hub")


def _census_form(request: HttpRequest) -> CensusForm:
    if "term" in request.GET or "year" in request.GET:
        return CensusForm(request.GET)
    # The spring census of the academic year under way, named by the calendar year it falls in.
    return CensusForm(initial={"term": "spring", "year": academic_start_year(dates.today()) + 1})


@login_required
def census(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = _census_form(request)
    result = None
    if form.is_bound and form.is_valid():
        result = exports.census_report(
            school=school, by=request.user, term=form.cleaned_data["term"], year=form.cleaned_data["year"]
        )
    rows = []
    if result and result.problems:
        upns = [re.sub(r"^Pupil (\S+).*$", r"\1", problem.where) for problem in result.problems]
        ids = selectors.upns_by_pupil_id(request.user, school, upns)
        rows = [
            {"problem": problem, "pupil_id": ids.get(upn)} for problem, upn in zip(result.problems, upns, strict=True)
        ]
    return form_page(
        request,
        form,
        "interop/census.html",
        school=school,
        result=result,
        rows=rows,
        settings=selectors.census_settings_for(school),
        members=selectors.provision_members(request.user, school),
    )


@login_required
@require_POST
def census_notice_dismiss(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    runs.dismiss_per_pupil_notice(school=school, by=request.user)
    return redirect("interop:census")


@login_required
def census_download(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = CensusForm(request.GET)
    if not form.is_valid():
        raise Http404("Choose a census first")
    term, year = form.cleaned_data["term"], form.cleaned_data["year"]
    out = io.BytesIO()
    exports.export_census(out=out, school=school, by=request.user, term=term, year=year)
    response = HttpResponse(out.getvalue(), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="census-sen-{school.urn}-{term}-{year}.xml"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def census_settings(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = CensusSettingsForm(
        request.POST or None,
        initial={"has_sen_unit": school.has_sen_unit, "has_resourced_provision": school.has_resourced_provision},
    )
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form, lambda: runs.save_census_settings(school=school, by=request.user, **form.cleaned_data)
        )
        if saved:
            messages.success(request, "The census settings have been saved.")
            return redirect("interop:census")
    return form_page(
        request,
        form,
        page_title="Census settings",
        intro="The census asks, for pupils on SEN support or with an EHC plan, whether they are members of a "
        "SEN unit or resourced provision recognised by the local authority. Say here whether the school has "
        "one; then record each member on their own record. Special schools and pupil referral units do not "
        "return these.",
        back_url=reverse("interop:census"),
    )


@login_required
@require_POST
def transfer_problem_fixed(request: HttpRequest, pupil_id: int, problem_id: int) -> HttpResponse:
    """The SENCO has fixed a problem the transfer file left in the pupil's SEN record."""
    pupil = pupil_for(request, pupil_id, "change_pupil")
    problem = selectors.transfer_problem_for(pupil, problem_id)
    transfer_problems.mark_fixed(problem=problem, by=request.user)
    messages.success(request, "The problem from the transfer file is marked as fixed.")
    return redirect("pupils:detail", pupil_id=pupil.pk)


@login_required
@require_http_methods(["GET", "POST"])
def pupil_transfer(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil")
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        out = io.BytesIO()
        try_service(
            form,
            lambda: exports.export_ctf(
                out=out,
                school=pupil.school,
                by=request.user,
                upns=[pupil.upn],
                dest_lea=form.cleaned_data["dest_lea"],
                dest_estab=form.cleaned_data["dest_estab"],
                dest_urn=form.cleaned_data["dest_urn"],
                pupil=pupil,
            ),
        )
        if not form.errors:
            response = HttpResponse(out.getvalue(), content_type="application/xml")
            name = f"CTF-{pupil.school.laestab}-{form.cleaned_data['dest_lea']}{form.cleaned_data['dest_estab']}-{pupil.upn}.xml"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return form_page(
        request,
        form,
        page_title="Send a Common Transfer File",
        caption=pupil.display_name,
        intro=f"The file holds {pupil.display_name}'s details, SEN provision history and needs. Send it to the "
        "new school through the DfE's School to School service or your MIS; it should usually reach the "
        "new school within 15 school days.",
        submit_label="Download the file",
        back_url=reverse("pupils:detail", args=[pupil.pk]),
    )
