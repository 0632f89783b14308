"""Inclusion pages: trips, clubs and events with their pupils and decisions; a pupil's adjustments,
aids and exam access arrangements; the exams officer's list. Thin views over ``services`` and
``selectors``; every read of pupils' data is audited."""

from __future__ import annotations

import csv
import io
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from sendsupport.accounts.school_context import school_for
from sendsupport.audit.services import pupils_shown, record_export, record_list_view, record_view
from sendsupport.core import dates
from sendsupport.core.pdf import pdf_response, render_pdf
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.lookup import pupil_for
from sendsupport.pupils.models import Pupil
from sendsupport.schools.selectors import staff_users, with_role_at
from sendsupport.statutory.inclusion import selectors, services
from sendsupport.statutory.inclusion.forms import (
    ActivityForm,
    AdjustmentForm,
    ArrangementForm,
    DecisionForm,
    PlaceForm,
)
from sendsupport.statutory.inclusion.models import Activity


def _staff(school: Any) -> list[Any]:
    return list(with_role_at(staff_users(school), school.pk))


def _chosen(pupils: list[Pupil], pk: Any) -> Pupil | None:
    return next((pupil for pupil in pupils if pupil.pk == pk), None)


# Trips, clubs and events ------------------------------------------------------------------------


@login_required
def activities(request: HttpRequest) -> HttpResponse:
    """The school's trips, clubs and events (the ones they lead, for staff other than the SENCO and head)."""
    school = school_for(request, "view_activities")
    return render(
        request,
        "inclusion/activities.html",
        {
            "school": school,
            "activities": list(selectors.activities_for(request.user, school)),
            "can_manage": rules.test_rule("manage_inclusion", request.user, school),
        },
    )


def _activity_form(request: HttpRequest, school: Any, activity: Activity | None) -> HttpResponse:
    initial = (
        {
            "name": activity.name,
            "kind": activity.kind,
            "starts_on": activity.starts_on,
            "ends_on": activity.ends_on,
            "lead": activity.lead_id,
            "details": activity.details,
            "version": activity.version,
        }
        if activity
        else {}
    )
    form = ActivityForm(request.POST if request.method == "POST" else None, initial=initial, staff=_staff(school))
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form, lambda: services.save_activity(school=school, by=request.user, activity=activity, **form.cleaned_data)
        )
        if saved:
            messages.success(request, f"{saved.name} has been saved.")
            return redirect("inclusion:activity", activity_id=saved.pk)
    back = reverse("inclusion:activity", args=[activity.pk]) if activity else reverse("inclusion:activities")
    return form_page(
        request,
        form,
        page_title=f"Change {activity.name}" if activity else "Add a trip, club or event",
        caption=school.name,
        submit_label="Save the activity",
        back_url=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_add(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_inclusion")
    return _activity_form(request, school, None)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_for(request.user, activity_id, "decide_activity")
    return _activity_form(request, activity.school, activity)


@login_required
def activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    """One activity: the pupils with SEN taking part with their adjustments, and any decisions."""
    found = selectors.activity_for(request.user, activity_id, "open_activity")
    places = selectors.places_on(request.user, found)
    decisions = selectors.decisions_on(request.user, found)
    shown = [place.pupil for place in places] + [decision.pupil for decision in decisions]
    record_list_view(user=request.user, shown=pupils_shown(shown), what=f"Viewed the pupils on {found.name}")
    return render(
        request,
        "inclusion/activity.html",
        {
            "activity": found,
            "places": places,
            "decisions": decisions,
            "can_decide": rules.test_rule("decide_activity", request.user, found),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_add(request: HttpRequest, activity_id: int) -> HttpResponse:
    """A pupil with SEN taking part, and the adjustments made (the SENCO, head or the activity's lead)."""
    found = selectors.activity_for(request.user, activity_id, "open_activity")
    pupils = selectors.pupils_with_sen(request.user, found.school)
    form = PlaceForm(request.POST if request.method == "POST" else None, pupils=pupils)
    if request.method == "POST" and form.is_valid():
        pupil = _chosen(pupils, form.cleaned_data["pupil"])
        place = try_service(
            form,
            lambda: services.record_place(
                activity=found, pupil=pupil, by=request.user, adjustments=form.cleaned_data["adjustments"]
            ),
        )
        if place:
            messages.success(request, f"The adjustments for {pupil.display_name} on {found.name} have been saved.")
            return redirect("inclusion:activity", activity_id=found.pk)
    return form_page(
        request,
        form,
        page_title="Add a pupil taking part, with their adjustments",
        caption=found.name,
        intro="Record what is changed or added so the pupil can take part with the other children. Recording "
        "the same pupil again replaces what was written before.",
        submit_label="Save the adjustments",
        back_url=reverse("inclusion:activity", args=[found.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The SENCO or head records that a pupil cannot take part, with a lawful reason; parents are told."""
    found = selectors.activity_for(request.user, activity_id, "decide_activity")
    pupils = selectors.pupils_with_sen(request.user, found.school)
    form = DecisionForm(
        request.POST if request.method == "POST" else None, pupils=pupils, initial={"decided_on": dates.today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pupil = _chosen(pupils, data["pupil"])
        decision = try_service(
            form,
            lambda: services.record_decision(
                activity=found,
                pupil=pupil,
                by=request.user,
                reason=data["reason"],
                explanation=data["explanation"],
                adjustments_considered=data["adjustments_considered"],
                decided_on=data["decided_on"],
                base_url=request.build_absolute_uri("/"),
            ),
        )
        if decision:
            told = (
                f" {pupil.display_name}'s parents have been sent an email and can see it on their page."
                if decision.parents_told_on
                else f" No parent of {pupil.display_name} has an email address: please tell them another way."
            )
            messages.success(request, f"The decision has been recorded.{told}")
            return redirect("inclusion:activity", activity_id=found.pk)
    return form_page(
        request,
        form,
        page_title="Record that a pupil cannot take part",
        caption=found.name,
        intro="Only record this when no reasonable adjustment would let the pupil take part. The pupil's "
        "parents are emailed the decision, the reason and the adjustments considered.",
        submit_label="Record the decision and tell the parents",
        back_url=reverse("inclusion:activity", args=[found.pk]),
    )


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    """Every decision that a pupil could not take part, with names (SENCO and head)."""
    school = school_for(request, "manage_inclusion")
    found = selectors.decisions_at(request.user, school)
    record_list_view(
        user=request.user,
        shown=pupils_shown(item.pupil for item in found),
        what="Viewed the decisions that pupils could not take part in activities",
    )
    return render(request, "inclusion/decisions.html", {"school": school, "decisions": found})


# A pupil's adjustments, aids and exam access arrangements ---------------------------------------


@login_required
def pupil(request: HttpRequest, pupil_id: int) -> HttpResponse:
    found = pupil_for(request, pupil_id, "view_pupil_inclusion")
    record_view(
        user=request.user,
        pupil=found,
        what="Viewed adjustments, exam access arrangements and activities",
    )
    return render(
        request,
        "inclusion/pupil.html",
        {
            "pupil": found,
            "adjustments": selectors.adjustments_of(request.user, found),
            "arrangements": selectors.arrangements_of(request.user, found),
            "places": selectors.places_of(request.user, found),
            "decisions": selectors.decisions_of(request.user, found),
            "today": dates.today(),
            "can_record": rules.test_rule("change_pupil_inclusion", request.user, found),
        },
    )


def _adjustment_page(request: HttpRequest, found: Pupil, adjustment: Any) -> HttpResponse:
    initial = (
        {
            "kind": adjustment.kind,
            "description": adjustment.description,
            "since": adjustment.since,
            "review_on": adjustment.review_on,
            "ended_on": adjustment.ended_on,
            "version": adjustment.version,
        }
        if adjustment
        else {"since": dates.today()}
    )
    form = AdjustmentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form,
            lambda: services.save_adjustment(pupil=found, by=request.user, adjustment=adjustment, **form.cleaned_data),
        )
        if saved:
            messages.success(
                request, f"The {saved.get_kind_display().lower()} for {found.display_name} has been saved."
            )
            return redirect("inclusion:pupil", pupil_id=found.pk)
    return form_page(
        request,
        form,
        page_title="Change an adjustment or aid" if adjustment else "Add a reasonable adjustment or auxiliary aid",
        caption=found.display_name,
        intro="What the school provides so the pupil is not at a disadvantage (Equality Act 2010). It is shown "
        "on the pupil's passport, which their parents and the staff who work with them read.",
        back_url=reverse("inclusion:pupil", args=[found.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adjustment_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    return _adjustment_page(request, pupil_for(request, pupil_id, "change_pupil_inclusion"), None)


@login_required
@require_http_methods(["GET", "POST"])
def adjustment_edit(request: HttpRequest, pupil_id: int, adjustment_id: int) -> HttpResponse:
    found = pupil_for(request, pupil_id, "change_pupil_inclusion")
    return _adjustment_page(request, found, selectors.adjustment_of(request.user, found, adjustment_id))


@login_required
@require_http_methods(["GET", "POST"])
def arrangement_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    found = pupil_for(request, pupil_id, "change_pupil_inclusion")
    form = ArrangementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form, lambda: services.record_arrangement(pupil=found, by=request.user, **form.cleaned_data)
        )
        if saved:
            messages.success(request, f"{saved.label} for {found.display_name} in {saved.series} has been saved.")
            return redirect("inclusion:pupil", pupil_id=found.pk)
    return form_page(
        request,
        form,
        page_title="Add an exam access arrangement",
        caption=found.display_name,
        intro="One arrangement for one exam series. Each needs its evidence: the exams officer and the awarding "
        "body (or the Standards and Testing Agency for Key Stage 2) may ask to see it.",
        back_url=reverse("inclusion:pupil", args=[found.pk]),
    )


# The exams officer's list -------------------------------------------------------------------------


def _series(request: HttpRequest, school: Any) -> tuple[list[str], str]:
    every = selectors.exam_series_at(request.user, school)
    asked = request.GET.get("series", "")
    return every, asked if asked in every else (every[-1] if every else "")


@login_required
def exams(request: HttpRequest) -> HttpResponse:
    """For the exams officer, produced by the SENCO or head: each pupil's arrangements in one series."""
    school = school_for(request, "manage_inclusion")
    every, series = _series(request, school)
    rows = selectors.exams_list(request.user, school, series) if series else []
    record_list_view(
        user=request.user,
        shown=pupils_shown(row["pupil"] for row in rows),
        what=f"Viewed the exam access arrangements for {series}",
    )
    return render(request, "inclusion/exams.html", {"school": school, "series": series, "every": every, "rows": rows})


def _exported(request: HttpRequest, school: Any, rows: list[dict[str, Any]], what: str) -> None:
    for row in rows:
        record_export(user=request.user, school_id=school.pk, pupil=row["pupil"], what=what)


@login_required
def exams_csv(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_inclusion")
    _, series = _series(request, school)
    rows = selectors.exams_list(request.user, school, series) if series else []
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Series", "UPN", "Surname", "First name", "Year", "Class", "Arrangement", "Evidence"])
    for row in rows:
        found = row["pupil"]
        for item in row["arrangements"]:
            writer.writerow(
                [
                    series,
                    found.upn,
                    found.legal_last_name,
                    found.legal_first_name,
                    found.get_year_group_display(),
                    found.registration_group.name if found.registration_group_id else "",
                    item.label,
                    item.evidence_text,
                ]
            )
    _exported(request, school, rows, f"Downloaded the exam access arrangements for {series} (CSV)")
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-arrangements-{slugify(series) or "none"}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def exams_pdf(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_inclusion")
    _, series = _series(request, school)
    rows = selectors.exams_list(request.user, school, series) if series else []
    pdf = render_pdf(
        "inclusion/exams_pdf.html", {"school": school, "series": series, "rows": rows, "today": dates.today()}
    )
    _exported(request, school, rows, f"Downloaded the exam access arrangements for {series} (PDF)")
    return pdf_response(pdf, f"access-arrangements-{slugify(series) or 'none'}.pdf")
