"""Provisions: staff read those they may see; the SENCO and head start one from the library, change it,
add and remove members, link it to outcomes, end it and review it. Thin views over
``services.provisions``; viewing a provision's members is audited for each pupil shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sendsupport.accounts.school_context import school_for
from sendsupport.audit.services import record_view
from sendsupport.core import dates
from sendsupport.core.views import form_page, try_service
from sendsupport.provision import selectors_library as selectors
from sendsupport.provision.choices import FundingStream
from sendsupport.provision.forms_library import EndForm, LeaveForm, MemberForm, OutcomesForm, ProvisionForm, ReviewForm
from sendsupport.provision.models import Provision
from sendsupport.provision.services import provisions as services
from sendsupport.pupils.selectors import with_current_sen

KINDS = {"group": False, "one-to-one": True}


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST, even an empty one (no outcome ticked is an answer), else None."""
    return request.POST if request.method == "POST" else None


@login_required
@require_GET
def provision_list(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "provision.view_map")
    today = dates.today()
    provisions = selectors.provision_list(request.user, school)
    return render(
        request,
        "provision/provisions.html",
        {
            "running": [p for p in provisions if p.ends_on is None or p.ends_on >= today],
            "ended": [p for p in provisions if p.ends_on is not None and p.ends_on < today],
            "can_change": rules.test_rule("provision.change_library", request.user, school),
        },
    )


@login_required
@require_GET
def provision_detail(request: HttpRequest, provision_id: int) -> HttpResponse:
    school = school_for(request, "provision.view_map")
    provision = selectors.get_provision(request.user, school, provision_id)
    members = selectors.members_of(request.user, provision)
    for member in members:
        record_view(user=request.user, pupil=member.pupil, what=f"Viewed the provision {provision}")
    today = dates.today()
    current = [m.pupil for m in members if m.member_on(today)]
    can_change = rules.test_rule("provision.change_provision", request.user, provision)
    can_register = rules.test_rule("provision.register_sessions", request.user, provision)
    shown = {m.pupil_id for m in members}
    return render(
        request,
        "provision/provision_detail.html",
        {
            "provision": provision,
            "members": members,
            "deliverers": list(provision.deliverers.all()),
            "outcomes": [o for o in selectors.outcomes_served(provision) if o.pupil_id in shown],
            "warnings": selectors.over_one_to_one_cap(school, current, today) if can_change else [],
            "can_change": can_change,
            "can_register": can_register,
            "today": today,
        },
    )


def _managed(request: HttpRequest, provision_id: int) -> Provision:
    school = school_for(request, "provision.view_map")
    provision = selectors.get_provision(request.user, school, provision_id)
    if not rules.test_rule("provision.change_provision", request.user, provision):
        raise Http404("Not found")
    return provision


def _back(provision: Provision) -> str:
    return reverse("provision:provision_detail", args=[provision.pk])


def _form(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict], Any],
    *,
    title: str,
    done: str,
    back: str,
    caption: str = "",
    **extra: Any,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid() and try_service(form, lambda: save(form.cleaned_data)):
        messages.success(request, done)
        return redirect(back)
    return form_page(
        request,
        form,
        extra.pop("template", "forms/page.html"),
        page_title=title,
        caption=caption,
        back_url=back,
        **extra,
    )


@login_required
@require_http_methods(["GET", "POST"])
def provision_add(request: HttpRequest, intervention_id: int, kind: str) -> HttpResponse:
    school = school_for(request, "provision.change_library")
    intervention = selectors.get_intervention(request.user, school, intervention_id)
    if kind not in KINDS or not intervention.active:
        raise Http404("Not found")
    one_to_one = KINDS[kind]
    pupils = selectors.pupil_choices(request.user, school)
    if not one_to_one:
        pupils = with_current_sen(pupils).filter(current_provision__in=["K", "E"])
    initial = {
        "name": intervention.name,
        "deliverer_role": intervention.delivered_by,
        "sessions_per_week": intervention.sessions_per_week,
        "session_minutes": intervention.session_minutes,
        "starts_on": dates.today(),
        "days_per_week": 5,
        "funding": FundingStream.NOTIONAL_SEN,
    }
    form = ProvisionForm(
        _posted(request),
        initial=initial,
        one_to_one=one_to_one,
        staff=selectors.staff_choices(school),
        pupils=pupils,
    )
    if request.method == "POST" and form.is_valid():
        made = try_service(
            form,
            lambda: services.create_provision(
                school=school, by=request.user, intervention=intervention, one_to_one=one_to_one, **form.cleaned_data
            ),
        )
        if made:
            messages.success(request, f"“{made}” has been started. Now choose the outcomes it serves.")
            return redirect("provision:provision_outcomes", made.pk)
    title = f"Start one-to-one support: {intervention}" if one_to_one else f"Start a group: {intervention}"
    return form_page(
        request, form, page_title=title, back_url=reverse("provision:library_detail", args=[intervention.pk])
    )


@login_required
@require_http_methods(["GET", "POST"])
def provision_edit(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = _managed(request, provision_id)
    initial = {name: getattr(provision, name) for name in services.EDITABLE}
    initial["deliverers"] = list(provision.deliverers.all())
    if provision.one_to_one:
        initial["days_per_week"] = provision.sessions_per_week
        initial["hours_per_week"] = provision.weekly_hours
    form = ProvisionForm(
        _posted(request),
        initial=initial,
        one_to_one=provision.one_to_one,
        staff=selectors.staff_choices(provision.school),
        creating=False,
    )
    return _form(
        request,
        form,
        lambda data: services.update_provision(provision=provision, by=request.user, **data),
        title=f"Change {provision}",
        done=f"“{provision}” has been saved.",
        back=_back(provision),
    )


@login_required
@require_http_methods(["GET", "POST"])
def provision_outcomes(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = _managed(request, provision_id)
    choices = selectors.outcome_choices(selectors.current_member_ids(provision))
    form = OutcomesForm(_posted(request), initial={"outcomes": list(provision.outcomes.all())}, choices=choices)
    return _form(
        request,
        form,
        lambda data: services.set_outcomes(provision=provision, by=request.user, **data),
        title="Which outcomes does it serve?",
        caption=str(provision),
        done="The outcomes it serves have been saved.",
        back=_back(provision),
        intro="Tick the outcomes from the pupils' current plans that this provision works towards.",
        template="provision/provision_outcomes.html",
        # Straight after a provision starts: warn here, not only on its page, if it takes a pupil past the cap.
        warnings=selectors.over_one_to_one_cap(
            provision.school, [m.pupil for m in selectors.members_of(request.user, provision)]
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = _managed(request, provision_id)
    form = MemberForm(
        _posted(request),
        initial={"joined_on": dates.today()},
        pupils=selectors.pupil_choices(request.user, provision.school),
    )
    return _form(
        request,
        form,
        lambda data: services.add_member(provision=provision, by=request.user, **data),
        title="Add a pupil",
        caption=str(provision),
        done="The pupil has been added.",
        back=_back(provision),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request: HttpRequest, provision_id: int, member_id: int) -> HttpResponse:
    provision = _managed(request, provision_id)
    member = selectors.get_member(provision, member_id)
    form = LeaveForm(_posted(request), initial={"left_on": dates.today()})
    return _form(
        request,
        form,
        lambda data: services.record_leaving(member=member, by=request.user, **data),
        title=f"Record {member.pupil.display_name} leaving",
        caption=str(provision),
        done=f"{member.pupil.display_name} leaving has been recorded.",
        back=_back(provision),
    )


@login_required
@require_http_methods(["GET", "POST"])
def provision_end(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = _managed(request, provision_id)
    form = EndForm(_posted(request), initial={"ends_on": provision.ends_on or dates.today()})
    return _form(
        request,
        form,
        lambda data: services.end_provision(provision=provision, by=request.user, **data),
        title=f"End {provision}",
        done=f"“{provision}” has been ended.",
        back=_back(provision),
    )


@login_required
@require_http_methods(["GET", "POST"])
def provision_review(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = _managed(request, provision_id)
    form = ReviewForm(
        _posted(request),
        initial={"reviewed_on": provision.reviewed_on or dates.today(), "review_note": provision.review_note},
    )
    return _form(
        request,
        form,
        lambda data: services.review_provision(provision=provision, by=request.user, **data),
        title=f"Review {provision}",
        done="The review has been recorded.",
        back=_back(provision),
    )
