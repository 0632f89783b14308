"""Plan and Do: the plan page (staff and parent versions, and PDFs), outcomes, agreeing, and notes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.audit.remembered_pages import remember_page
from sendsupport.audit.services import record_export, record_view
from sendsupport.core.dates import today
from sendsupport.core.numbers import ascii_int
from sendsupport.core.pdf import pdf_response, render_pdf
from sendsupport.core.versioning import versions_of
from sendsupport.pupils.codes import BroadArea, broad_area
from sendsupport.pupils.selectors import current_needs
from sendsupport.support import selectors, services
from sendsupport.support.forms import AgreeForm, NoteForm, OutcomeForm, PlanForm
from sendsupport.support.models import Cycle, Outcome, Plan
from sendsupport.support.views._helpers import (
    can,
    closed_notice,
    cycle_for,
    cycle_url,
    file_stem,
    form_page,
    is_staff_view,
    notice,
    try_service,
)


def _plan_of(cycle: Cycle) -> Plan:
    plan = getattr(cycle, "plan", None)
    if plan is None:
        raise Http404("No plan")
    plan.cycle = cycle
    return plan


def plan_url(cycle: Cycle) -> str:
    return reverse("support:plan", args=[cycle.pupil_id, cycle.number])


def _context(request: HttpRequest, cycle: Cycle, plan: Plan, *, staff: bool) -> dict:
    outcomes = selectors.outcomes_of(plan, with_notes=staff)
    return {
        "pupil": cycle.pupil,
        "school": cycle.pupil.school,
        "cycle": cycle,
        "plan": plan,
        "outcomes": outcomes,
        "problems": services.smart_problems(plan, outcomes) if staff else {},
        "needs": current_needs(cycle.pupil),
        "senco": selectors.senco_for(cycle.pupil.school),
        "staff_view": staff,
    }


@login_required
@remember_page
def plan_page(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    """Staff see the full plan; a parent sees the parent-friendly version at the same address."""
    cycle = cycle_for(request, pupil_id, number, "support.view", related=selectors.PLAN_PAGE_RELATED)
    plan = _plan_of(cycle)
    staff = is_staff_view(request, cycle.pupil)
    record_view(user=request.user, pupil=cycle.pupil, what=f"Viewed the SEN support plan for cycle {cycle.number}")
    if not staff:
        return render(request, "support/plan_parent.html", _context(request, cycle, plan, staff=False))
    context = _context(request, cycle, plan, staff=True)
    context.update(
        can_manage=can(request, "support.manage", cycle.pupil),
        can_note=can(request, "support.add_note", cycle.pupil),
    )
    return render(request, "support/plan.html", context)


@login_required
def plan_parent(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.view")
    plan = _plan_of(cycle)
    record_view(
        user=request.user, pupil=cycle.pupil, what=f"Viewed the parents' SEN support plan, cycle {cycle.number}"
    )
    return render(request, "support/plan_parent.html", _context(request, cycle, plan, staff=False))


def _pdf(request: HttpRequest, pupil_id: int, number: int, *, staff: bool) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.view_staff_record" if staff else "support.view")
    plan = _plan_of(cycle)
    version = "staff record" if staff else "parents' version"
    pdf = render_pdf(
        "support/plan_pdf_staff.html" if staff else "support/plan_pdf_parent.html",
        _context(request, cycle, plan, staff=staff),
    )
    record_export(
        user=request.user,
        school_id=cycle.pupil.school_id,
        pupil=cycle.pupil,
        what=f"Downloaded the SEN support plan for cycle {cycle.number} ({version}, PDF)",
    )
    suffix = "staff" if staff else "for-parents"
    return pdf_response(pdf, f"{file_stem(cycle.pupil, 'sen-support-plan')}-cycle-{cycle.number}-{suffix}.pdf")


@login_required
def plan_pdf_staff(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    return _pdf(request, pupil_id, number, staff=True)


@login_required
def plan_pdf_parent(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    return _pdf(request, pupil_id, number, staff=False)


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    if closed := closed_notice(request, cycle):
        return closed
    if hasattr(cycle, "plan"):
        return redirect(plan_url(cycle))
    form = PlanForm(request.POST or None, initial=selectors.plan_initial(cycle, today=today()))
    carried = selectors.carried_outcomes(cycle)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        plan = try_service(form, lambda: services.create_plan(cycle=cycle, by=request.user, **fields))
        if plan:
            messages.success(request, "The plan has been saved as a draft. Add its outcomes next.")
            return redirect(plan_url(cycle))
    return form_page(
        request,
        form,
        template="support/plan_form.html",
        page_title="Write the SEN support plan",
        caption=f"{cycle.pupil.display_name}, cycle {cycle.number}",
        carried=carried,
        previous=cycle.previous,
        submit_label="Save as a draft",
        back_url=cycle_url(cycle),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    if closed := closed_notice(request, cycle):
        return closed
    plan = _plan_of(cycle)
    initial = {name: getattr(plan, name) for name in ("review_date", "strategies", "support", "at_home", "version")}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        was_agreed = plan.is_agreed
        if try_service(form, lambda: services.update_plan(plan=plan, by=request.user, **form.cleaned_data)):
            note = (
                " It is a draft again: agree it again with the parent and the pupil."
                if was_agreed and not plan.is_agreed
                else ""
            )
            messages.success(request, "The plan has been saved." + note)
            return redirect(plan_url(cycle))
    return form_page(
        request,
        form,
        page_title="Change the plan",
        caption=f"{cycle.pupil.display_name}, cycle {cycle.number}",
        intro="Changing an agreed plan makes it a draft again, to be agreed again with the parent and the pupil."
        if plan.is_agreed
        else "",
        back_url=plan_url(cycle),
    )


def _outcome_initial(request: HttpRequest, cycle: Cycle, plan: Plan) -> dict:
    initial: dict = {"due_date": plan.review_date, "responsible": cycle.class_teacher}
    needs = current_needs(cycle.pupil)
    if needs:
        initial["area"] = broad_area(needs[0].need_type).value
    entry_id = ascii_int(request.GET.get("from_bank", ""))
    if entry_id is not None:
        entry = selectors.bank_entry_for(cycle.pupil.school, entry_id)
        initial.update(
            area=entry.area,
            description=entry.text,
            baseline=entry.example_baseline,
            target=entry.example_target,
            measure=entry.example_measure,
        )
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def outcome_new(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    if closed := closed_notice(request, cycle):
        return closed
    plan = _plan_of(cycle)
    form = OutcomeForm(
        request.POST or None,
        staff=selectors.staff_at(cycle.pupil.school),
        initial=_outcome_initial(request, cycle, plan),
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        outcome = try_service(form, lambda: services.add_outcome(plan=plan, by=request.user, **fields))
        if outcome:
            messages.success(request, "The outcome has been added." + _warning_note(plan, outcome))
            return redirect(f"{plan_url(cycle)}#outcome-{outcome.pk}")
    bank = selectors.outcome_bank(cycle.pupil.school)
    bank_groups = [(label, [e for e in bank if e.area == code]) for code, label in BroadArea.choices]
    return form_page(
        request,
        form,
        template="support/outcome_form.html",
        page_title="Add an outcome",
        caption=f"{cycle.pupil.display_name}, cycle {cycle.number}",
        bank_groups=[(label, entries) for label, entries in bank_groups if entries],
        cycle=cycle,
        plan=plan,
        submit_label="Add the outcome",
        back_url=plan_url(cycle),
    )


def _warning_note(plan: Plan, outcome: Outcome) -> str:
    """A word after saving an outcome that the measurability check has advice on it (never a refusal)."""
    count = len(services.smart_problems(plan, [outcome]).get(outcome.pk, []))
    if not count:
        return ""
    return f" The measurability check has {count} warning{'s' if count != 1 else ''} on it: see the outcome below."


def _outcome_of(request: HttpRequest, plan: Plan, outcome_id: int) -> Outcome:
    outcome = selectors.get_outcome(request.user, plan, outcome_id)
    outcome.plan = plan
    return outcome


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, pupil_id: int, number: int, outcome_id: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    if closed := closed_notice(request, cycle):
        return closed
    plan = _plan_of(cycle)
    outcome = _outcome_of(request, plan, outcome_id)
    initial = {name: getattr(outcome, name) for name in (*services.plans.OUTCOME_FIELDS, "version")}
    form = OutcomeForm(request.POST or None, staff=selectors.staff_at(cycle.pupil.school), initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and try_service(form, lambda: services.update_outcome(outcome=outcome, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, "The outcome has been saved." + _warning_note(plan, outcome))
        return redirect(f"{plan_url(cycle)}#outcome-{outcome.pk}")
    return form_page(
        request,
        form,
        template="support/outcome_form.html",
        page_title="Change the outcome",
        caption=f"{cycle.pupil.display_name}, cycle {cycle.number}",
        plan=plan,
        problems=services.smart_problems(plan, [outcome]).get(outcome.pk, []),
        back_url=plan_url(cycle),
    )


@login_required
@require_POST
def outcome_remove(request: HttpRequest, pupil_id: int, number: int, outcome_id: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    plan = _plan_of(cycle)
    outcome = _outcome_of(request, plan, outcome_id)
    try:
        services.remove_outcome(outcome=outcome, by=request.user)
    except ValidationError as error:
        return notice(
            request,
            title="The outcome cannot be removed",
            text=" ".join(error.messages),
            back_url=plan_url(cycle),
        )
    messages.success(request, "The outcome has been removed.")
    return redirect(plan_url(cycle))


@login_required
@require_http_methods(["GET", "POST"])
def plan_agree(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    if closed := closed_notice(request, cycle):
        return closed
    plan = _plan_of(cycle)
    if plan.is_agreed:
        return redirect(plan_url(cycle))
    outcomes = selectors.outcomes_of(plan, with_notes=False)
    problems = services.smart_problems(plan, outcomes)
    form = AgreeForm(
        request.POST or None,
        has_problems=bool(problems),
        initial={"agreed_on": today(), "version": plan.version, "outcome_versions": versions_of(outcomes)},
    )
    if request.method == "POST" and form.is_valid():
        agreed = try_service(
            form,
            lambda: services.agree_plan(
                plan=plan,
                by=request.user,
                agreed_on=form.cleaned_data["agreed_on"],
                parent_agreed_on=form.cleaned_data["parent_agreed_on"],
                parents_consulted_on=form.cleaned_data["parents_consulted_on"],
                pupil_agreed_on=form.cleaned_data["pupil_agreed_on"],
                override_reason=form.cleaned_data.get("override_reason", ""),
                version=form.cleaned_data["version"],
                outcome_versions=form.cleaned_data["outcome_versions"] or None,
            ),
        )
        if agreed:
            messages.success(request, "The plan is agreed.")
            return redirect(plan_url(cycle))
        # Shown again: agreeing now means agreeing to the outcomes on this page as it is drawn.
        form.data = form.data.copy()
        form.data["outcome_versions"] = versions_of(outcomes)
    return form_page(
        request,
        form,
        template="support/agree_form.html",
        page_title="Agree the plan",
        caption=f"{cycle.pupil.display_name}, cycle {cycle.number}",
        outcomes=outcomes,
        problems=problems,
        plan=plan,
        submit_label="Agree the plan",
        back_url=plan_url(cycle),
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_new(request: HttpRequest, pupil_id: int, number: int, outcome_id: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.add_note")
    if closed := closed_notice(request, cycle):
        return closed
    plan = _plan_of(cycle)
    outcome = _outcome_of(request, plan, outcome_id)
    form = NoteForm(request.POST or None, initial={"written_on": today()})
    if request.method == "POST" and form.is_valid():
        note = try_service(form, lambda: services.add_note(outcome=outcome, by=request.user, **form.cleaned_data))
        if note:
            messages.success(request, "Your note has been added.")
            return redirect(f"{plan_url(cycle)}#outcome-{outcome.pk}")
    return form_page(
        request,
        form,
        template="support/note_form.html",
        page_title="Add a note",
        caption=f"{cycle.pupil.display_name}, cycle {cycle.number}",
        outcome=outcome,
        submit_label="Add the note",
        back_url=f"{plan_url(cycle)}#outcome-{outcome.pk}",
    )
