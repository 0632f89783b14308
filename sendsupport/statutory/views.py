"""The SENCO's EHC records for a pupil: requests for an EHC needs assessment, the plan (its dates and
sections, its provision linked to the provision map) and its annual reviews (advice, the report to
the local authority and its PDF). Thin views over ``services``; every view and change is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from sendsupport.audit.services import record_export, record_view
from sendsupport.core.pdf import pdf_response, render_pdf
from sendsupport.core.views import form_page, try_service
from sendsupport.provision.selectors import pupil_costs
from sendsupport.pupils.lookup import pupil_for
from sendsupport.pupils.models import Pupil
from sendsupport.statutory import selectors, services
from sendsupport.statutory.forms import (
    AdviceForm,
    AnnualReviewForm,
    PlanEntryForm,
    PlanForm,
    ReportForm,
    RequestForm,
)
from sendsupport.statutory.models import EHCPlan, PlanEntry


def _back(pupil: Pupil) -> str:
    return reverse("statutory:pupil", args=[pupil.pk])


def _page(request: HttpRequest, pupil: Pupil, form: Any, title: str) -> HttpResponse:
    return form_page(request, form, page_title=title, caption=pupil.display_name, back_url=_back(pupil))


@login_required
def pupil_ehc(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "view_pupil_statutory")
    record_view(user=request.user, pupil=pupil, what="Viewed EHC needs assessment requests and the EHC plan")
    plans = list(selectors.plans_for(pupil))
    linked = any(entry.provision_id for plan in plans for entry in plan.entries.all())
    # Cost and delivery come from the provision app's own arithmetic, for those who may see costs.
    see_costs = linked and rules.test_rule("provision.view_costs", request.user, pupil.school)
    costs = pupil_costs(pupil) if see_costs else None
    for plan in plans:
        plan.sections = _sections(pupil, plan, costs)
    return render(
        request,
        "statutory/pupil.html",
        {
            "pupil": pupil,
            "requests": selectors.requests_for(pupil),
            "plans": plans,
            "see_costs": see_costs,
            "can_record": rules.test_rule("change_pupil_statutory", request.user, pupil),
        },
    )


def section_title(pupil: Pupil, section: str) -> str:
    """The plain-English heading of a section of the plan."""
    first_name = pupil.display_name.split(" ")[0]
    return {
        PlanEntry.Section.NEEDS: f"What {first_name} needs",
        PlanEntry.Section.OUTCOMES: "Outcomes",
        PlanEntry.Section.PROVISION: "Support the plan sets out",
    }[section]


def _sections(pupil: Pupil, plan: EHCPlan, costs: Any) -> list[dict[str, Any]]:
    """The plan's lines by section, each line of provision with its share of cost this year."""
    sections = []
    for section in PlanEntry.Section:
        entries = [entry for entry in plan.entries.all() if entry.section == section]
        for entry in entries:
            entry.cost = None
            if costs is not None and entry.provision_id:
                shares = [s for s in costs.pupils.get(pupil.pk, ()) if s.provision_id == entry.provision_id]
                entry.cost = shares[0] if shares else None
        sections.append(
            {"code": section.value, "title": section_title(pupil, section), "legal": section.label, "entries": entries}
        )
    return sections


def _record(
    request: HttpRequest,
    pupil: Pupil,
    form_class: type,
    save: Callable[[dict], Any],
    *,
    title: str,
    done: str,
    instance: Any = None,
) -> HttpResponse:
    """Every EHC record form: pre-filled from ``instance`` when changing one, saved through ``save``
    (a service call given the cleaned data), then back to the pupil's EHC page."""
    initial = {name: getattr(instance, name, None) for name in form_class.base_fields} if instance is not None else None
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and try_service(form, lambda: save(form.cleaned_data)):
        messages.success(request, done)
        return redirect(_back(pupil))
    return _page(request, pupil, form, title)


@login_required
@require_http_methods(["GET", "POST"])
def request_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    return _record(
        request,
        pupil,
        RequestForm,
        lambda data: services.save_request(pupil=pupil, by=request.user, **data),
        title="Record a request for an EHC needs assessment",
        done="The request for an EHC needs assessment has been recorded.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pupil_id: int, request_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    found = selectors.get_request(pupil, request_id)
    return _record(
        request,
        pupil,
        RequestForm,
        lambda data: services.save_request(pupil=pupil, by=request.user, request=found, **data),
        title="Change the request or record the decision",
        done="The request has been saved.",
        instance=found,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    return _record(
        request,
        pupil,
        PlanForm,
        lambda data: services.save_plan(pupil=pupil, by=request.user, **data),
        title="Record an EHC plan",
        done="The EHC plan's dates have been recorded.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pupil_id: int, plan_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    return _record(
        request,
        pupil,
        PlanForm,
        lambda data: services.save_plan(pupil=pupil, by=request.user, plan=plan, **data),
        title="Change the EHC plan's dates",
        done="The EHC plan's dates have been saved.",
        instance=plan,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, pupil_id: int, plan_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    return _record(
        request,
        pupil,
        AnnualReviewForm,
        lambda data: services.save_annual_review(plan=plan, by=request.user, **data),
        title="Book or record an annual review",
        done="The annual review has been recorded.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    review = selectors.get_annual_review(plan, review_id)
    return _record(
        request,
        pupil,
        AnnualReviewForm,
        lambda data: services.save_annual_review(plan=plan, by=request.user, review=review, **data),
        title="Change the annual review",
        done="The annual review has been saved.",
        instance=review,
    )


def _section(pupil: Pupil, section: str) -> str:
    if section not in PlanEntry.Section.values:
        raise Http404("No such section")
    return section


@login_required
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest, pupil_id: int, plan_id: int, section: str) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    return _entry(request, pupil, plan, _section(pupil, section), None)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pupil_id: int, plan_id: int, entry_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    entry = selectors.get_entry(plan, entry_id)
    return _entry(request, pupil, plan, entry.section, entry)


def _entry(request: HttpRequest, pupil: Pupil, plan: EHCPlan, section: str, entry: PlanEntry | None) -> HttpResponse:
    provisions = selectors.pupil_provisions(request.user, pupil) if section == PlanEntry.Section.PROVISION else None
    initial = {"text": entry.text, "provision": entry.provision_id} if entry else None
    form = PlanEntryForm(request.POST or None, initial=initial, provisions=provisions)
    title = section_title(pupil, section)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form,
            lambda: services.save_plan_entry(
                plan=plan,
                by=request.user,
                section=section,
                text=form.cleaned_data["text"],
                provision=form.cleaned_data.get("provision"),
                entry=entry,
            ),
        )
        if saved:
            messages.success(request, f"{title}: the line has been saved.")
            return redirect(_back(pupil) + f"#plan-{plan.pk}-{section}")
    return _page(request, pupil, form, f"{'Change a line of' if entry else 'Add a line to'} {title.lower()}")


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, pupil_id: int, plan_id: int, entry_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil_statutory")
    plan = selectors.get_plan(pupil, plan_id)
    entry = selectors.get_entry(plan, entry_id)
    if request.method == "POST":
        services.delete_plan_entry(entry=entry, by=request.user)
        messages.success(request, "The line has been removed from the plan.")
        return redirect(_back(pupil) + f"#plan-{plan.pk}-{entry.section}")
    return render(
        request,
        "statutory/entry_delete.html",
        {"pupil": pupil, "entry": entry, "title": section_title(pupil, entry.section), "back_url": _back(pupil)},
    )


def _review_url(pupil: Pupil, plan: EHCPlan, review: Any) -> str:
    return reverse("statutory:review", args=[pupil.pk, plan.pk, review.pk])


def _review_context(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int, rule: str) -> dict:
    pupil = pupil_for(request, pupil_id, rule)
    plan = selectors.get_plan(pupil, plan_id)
    review = selectors.get_annual_review(plan, review_id)
    return {
        "pupil": pupil,
        "plan": plan,
        "review": review,
        "advice": list(review.advice_requests.order_by("asked_on", "id")),
        "outcomes": selectors.report_for(review),
    }


@login_required
def review_detail(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int) -> HttpResponse:
    context = _review_context(request, pupil_id, plan_id, review_id, "view_pupil_statutory")
    record_view(user=request.user, pupil=context["pupil"], what=f"Viewed an EHC plan {context['review']}")
    context["can_record"] = rules.test_rule("change_pupil_statutory", request.user, context["pupil"])
    return render(request, "statutory/review.html", context)


@login_required
def review_report_pdf(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int) -> HttpResponse:
    context = _review_context(request, pupil_id, plan_id, review_id, "view_pupil_statutory")
    pupil, review = context["pupil"], context["review"]
    if not review.recommendation:
        raise Http404("No report yet")
    pdf = render_pdf("statutory/report_pdf.html", context)
    record_export(
        user=request.user, school_id=pupil.school_id, pupil=pupil, what=f"Downloaded the report of an {review} as PDF"
    )
    return pdf_response(pdf, f"annual-review-{review.meeting_on:%Y-%m-%d}-{slugify(pupil.display_name)}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def review_report(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int) -> HttpResponse:
    context = _review_context(request, pupil_id, plan_id, review_id, "change_pupil_statutory")
    pupil, plan, review = context["pupil"], context["plan"], context["review"]
    outcomes = [outcome for outcome, _ in context["outcomes"]]
    initial = {
        "pupil_views": review.pupil_views,
        "parent_views": review.parent_views,
        "recommendation": review.recommendation or None,
        "report_sent_on": review.report_sent_on,
        **{f"progress_{outcome.pk}": text for outcome, text in context["outcomes"]},
    }
    form = ReportForm(request.POST or None, initial=initial, outcomes=outcomes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = try_service(
            form,
            lambda: services.save_review_report(
                review=review,
                by=request.user,
                pupil_views=data["pupil_views"],
                parent_views=data["parent_views"],
                recommendation=data["recommendation"],
                progress=form.progress(),
                report_sent_on=data["report_sent_on"],
            ),
        )
        if saved:
            messages.success(request, "The review report has been saved.")
            return redirect(_review_url(pupil, plan, review))
    return form_page(
        request,
        form,
        page_title="The annual review report",
        caption=f"{pupil.display_name}: review on {review.meeting_on:%-d %B %Y}",
        back_url=_review_url(pupil, plan, review),
    )


@login_required
@require_http_methods(["GET", "POST"])
def advice_add(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int) -> HttpResponse:
    return _advice(request, pupil_id, plan_id, review_id, None)


@login_required
@require_http_methods(["GET", "POST"])
def advice_edit(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int, advice_id: int) -> HttpResponse:
    return _advice(request, pupil_id, plan_id, review_id, advice_id)


def _advice(request: HttpRequest, pupil_id: int, plan_id: int, review_id: int, advice_id: int | None) -> HttpResponse:
    context = _review_context(request, pupil_id, plan_id, review_id, "change_pupil_statutory")
    pupil, plan, review = context["pupil"], context["plan"], context["review"]
    advice = selectors.get_advice(review, advice_id) if advice_id else None
    initial = {name: getattr(advice, name) for name in AdviceForm.base_fields} if advice else None
    form = AdviceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form,
            lambda: services.save_advice_request(review=review, by=request.user, advice=advice, **form.cleaned_data),
        )
        if saved:
            messages.success(request, "The advice has been recorded.")
            return redirect(_review_url(pupil, plan, review))
    return form_page(
        request,
        form,
        page_title="Record advice for the annual review" if advice is None else "Change the advice",
        caption=f"{pupil.display_name}: review on {review.meeting_on:%-d %B %Y}",
        back_url=_review_url(pupil, plan, review),
    )
