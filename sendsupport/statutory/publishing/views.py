"""The SEN information report, inclusion strategy and accessibility plan: the SENCO's and head's
pages to write and publish them, the governors' read-only view, and the public pages.

SENCOs and heads (``manage_school``) edit and publish; governors (``view_school_aggregates``) read
the drafts and the published versions, which hold counts only; everyone else gets 404. The public
pages need no sign-in and show only what was frozen at publication.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.accounts.school_context import school_for
from sendsupport.core import dates
from sendsupport.core.permissions import base_url
from sendsupport.core.views import form_page, try_service
from sendsupport.schools.models import School
from sendsupport.statutory.publishing import selectors, services
from sendsupport.statutory.publishing.forms import ActionForm, PlanDatesForm, ReportTextForm, StrategyForm, TrainingForm
from sendsupport.statutory.publishing.models import Publication

EDIT = "manage_school"
READ = "view_school_aggregates"


def _report_page(request: HttpRequest, school: School, *, errors: list[str] | None = None) -> HttpResponse:
    content = selectors.report_contents(school, today=dates.today())
    latest = selectors.latest_publication(school, Publication.Kind.REPORT)
    return render(
        request,
        "publishing/report.html",
        {
            "school": school,
            "c": content,
            "missing": selectors.missing_report_items(content),
            "errors": errors or [],
            "latest": latest,
            "versions": list(selectors.publications_of(school, Publication.Kind.REPORT)),
            "strategy": selectors.latest_publication(school, Publication.Kind.STRATEGY),
            "can_edit": rules.test_rule(EDIT, request.user, school),
            "own_address": bool(school.sen_information_report_url)
            and not school.sen_information_report_url.endswith(reverse("publishing:public_report", args=[school.urn])),
        },
        status=400 if errors else 200,
    )


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """The report as it would be published today, what it still lacks, and its published versions."""
    return _report_page(request, school_for(request, READ))


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest) -> HttpResponse:
    school = school_for(request, EDIT)
    form = ReportTextForm(request.POST or None, instance=selectors.draft_of(school))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if try_service(form, lambda: services.save_draft(school=school, by=request.user, **data)):
            missing = selectors.missing_report_items(selectors.report_contents(school, today=dates.today()))
            messages.success(
                request,
                "The draft has been saved."
                + (
                    f" {len(missing)} item{'s' if len(missing) != 1 else ''} still to fill in before you publish."
                    if missing
                    else " Every item is filled in: you can publish it."
                ),
            )
            return redirect("publishing:report")
    la = school.local_authority
    return form_page(
        request,
        form,
        template="publishing/report_edit.html",
        page_title="Write the SEN information report",
        submit_label="Save as draft",
        caption=school.name,
        la=la,
        back_url=reverse("publishing:report"),
    )


def _publish(request: HttpRequest, kind: str, page: Any, what: str, back: str) -> HttpResponse:
    """Publish the report or the strategy; refused with the missing items named on its own page."""
    school = school_for(request, EDIT)
    try:
        publication = services.publish(
            school=school, kind=kind, by=request.user, today=dates.today(), base_url=base_url(request)
        )
    except ValidationError as error:
        return page(request, school, errors=error.messages)
    messages.success(request, f"Version {publication.number} of the {what} is published.")
    return redirect(back)


@login_required
@require_POST
def publish_report(request: HttpRequest) -> HttpResponse:
    return _publish(request, Publication.Kind.REPORT, _report_page, "SEN information report", "publishing:report")


def _version(request: HttpRequest, kind: str, number: int) -> HttpResponse:
    school = school_for(request, READ)
    publication = selectors.get_publication(school, kind, number)
    template = (
        "publishing/report_version.html" if kind == Publication.Kind.REPORT else "publishing/strategy_version.html"
    )
    return render(request, template, {"school": school, "publication": publication, "c": publication.content})


@login_required
def report_version(request: HttpRequest, number: int) -> HttpResponse:
    return _version(request, Publication.Kind.REPORT, number)


@login_required
def strategy_version(request: HttpRequest, number: int) -> HttpResponse:
    return _version(request, Publication.Kind.STRATEGY, number)


@login_required
@require_http_methods(["GET", "POST"])
def training(request: HttpRequest) -> HttpResponse:
    """The school's SEND training records (Schedule 1 item 5), and a form to add one."""
    school = school_for(request, EDIT)
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record = try_service(
            form,
            lambda: services.add_training(school=school, by=request.user, today=dates.today(), **form.cleaned_data),
        )
        if record:
            messages.success(request, f"“{record.course}” has been added to the training records.")
            return redirect("publishing:training")
    return render(
        request,
        "publishing/training.html",
        {"school": school, "form": form, "records": list(selectors.training_of(school))},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def training_remove(request: HttpRequest, record_id: int) -> HttpResponse:
    school = school_for(request, EDIT)
    record = selectors.get_training(school, record_id)
    services.remove_training(record=record, by=request.user)
    messages.success(request, f"“{record.course}” has been removed from the training records.")
    return redirect("publishing:training")


@login_required
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility plan: its period and review date, and its actions."""
    school = school_for(request, EDIT)
    return render(
        request,
        "publishing/accessibility.html",
        {"school": school, "draft": selectors.draft_of(school), "actions": list(selectors.actions_of(school))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def accessibility_dates(request: HttpRequest) -> HttpResponse:
    school = school_for(request, EDIT)
    form = PlanDatesForm(request.POST or None, instance=selectors.draft_of(school))
    saved = (
        request.method == "POST"
        and form.is_valid()
        and try_service(form, lambda: services.save_draft(school=school, by=request.user, **form.cleaned_data))
    )
    if saved:
        messages.success(request, "The accessibility plan's dates have been saved.")
        return redirect("publishing:accessibility")
    return form_page(
        request,
        form,
        page_title="When the accessibility plan runs and is reviewed",
        caption=school.name,
        back_url=reverse("publishing:accessibility"),
    )


def _action_page(request: HttpRequest, action: Any | None) -> HttpResponse:
    school = school_for(request, EDIT)
    if action is not None:
        action = selectors.get_action(school, action)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form, lambda: services.save_action(school=school, by=request.user, existing=action, **form.cleaned_data)
        )
        if saved:
            messages.success(
                request, "The action has been saved." if action else "The action has been added to the plan."
            )
            return redirect("publishing:accessibility")
    return form_page(
        request,
        form,
        page_title="Change an action" if action else "Add an action to the accessibility plan",
        caption=school.name,
        back_url=reverse("publishing:accessibility"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest) -> HttpResponse:
    return _action_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, action_id: int) -> HttpResponse:
    return _action_page(request, action_id)


def _strategy_page(request: HttpRequest, school: School, *, errors: list[str] | None = None) -> HttpResponse:
    content = selectors.strategy_contents(school, today=dates.today())
    return render(
        request,
        "publishing/strategy.html",
        {
            "school": school,
            "c": content,
            "missing": selectors.missing_strategy_items(content),
            "errors": errors or [],
            "latest": selectors.latest_publication(school, Publication.Kind.STRATEGY),
            "versions": list(selectors.publications_of(school, Publication.Kind.STRATEGY)),
            "can_edit": rules.test_rule(EDIT, request.user, school),
        },
        status=400 if errors else 200,
    )


@login_required
def strategy(request: HttpRequest) -> HttpResponse:
    return _strategy_page(request, school_for(request, READ))


@login_required
@require_http_methods(["GET", "POST"])
def strategy_edit(request: HttpRequest) -> HttpResponse:
    school = school_for(request, EDIT)
    draft = selectors.draft_of(school)
    form = StrategyForm(
        request.POST or None,
        instance=draft,
        initial={"strategy_start_year": selectors.strategy_year(draft, dates.today())},
    )
    saved = (
        request.method == "POST"
        and form.is_valid()
        and try_service(form, lambda: services.save_draft(school=school, by=request.user, **form.cleaned_data))
    )
    if saved:
        messages.success(request, "The inclusion strategy draft has been saved.")
        return redirect("publishing:strategy")
    return form_page(
        request,
        form,
        page_title="Write the inclusion strategy",
        submit_label="Save as draft",
        caption=school.name,
        intro="The activities and their budgeted costs come from the provision map and the funding page. "
        "Write here what the school aims to achieve and how the strategy is reviewed.",
        back_url=reverse("publishing:strategy"),
    )


@login_required
@require_POST
def publish_strategy(request: HttpRequest) -> HttpResponse:
    return _publish(request, Publication.Kind.STRATEGY, _strategy_page, "inclusion strategy", "publishing:strategy")


def public_report(request: HttpRequest, urn: str) -> HttpResponse:
    """The school's published SEN information report, for anyone: what was frozen when it was published."""
    school = selectors.published_school(urn)
    publication = selectors.latest_publication(school, Publication.Kind.REPORT)
    if publication is None:
        raise Http404("Not published")
    strategy = selectors.latest_publication(school, Publication.Kind.STRATEGY)
    return render(
        request,
        "publishing/public_report.html",
        {"publication": publication, "c": publication.content, "strategy": strategy},
    )


def public_strategy(request: HttpRequest, urn: str) -> HttpResponse:
    school = selectors.published_school(urn)
    publication = selectors.latest_publication(school, Publication.Kind.STRATEGY)
    if publication is None:
        raise Http404("Not published")
    report_published = selectors.latest_publication(school, Publication.Kind.REPORT) is not None
    return render(
        request,
        "publishing/public_strategy.html",
        {"publication": publication, "c": publication.content, "report_published": report_published},
    )
