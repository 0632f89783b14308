"""Assess: record the assessment and its decision, or change its evidence while the cycle is open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from sendsupport.core.dates import today
from sendsupport.core.views import form_page, try_service
from sendsupport.support import selectors, services
from sendsupport.support.choices import Decision, lower_first
from sendsupport.support.forms import ASSESSMENT_TEXT, AssessmentForm, ScoreFormSet
from sendsupport.support.views._helpers import closed_notice, cycle_for, cycle_url


def _score_initial(assessment) -> list[dict]:
    return [
        {"what": s.what, "score": s.score, "compared_with_expected": s.compared_with_expected, "taken_on": s.taken_on}
        for s in assessment.scores.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, pupil_id: int, number: int) -> HttpResponse:
    cycle = cycle_for(request, pupil_id, number, "support.manage")
    if closed := closed_notice(request, cycle):
        return closed
    existing = getattr(cycle, "assessment", None)
    if existing is not None:
        initial = {name: getattr(existing, name) for name in ASSESSMENT_TEXT}
        initial["severe_or_complex"] = existing.severe_or_complex
        initial["version"] = existing.version
        score_initial = _score_initial(existing)
    else:
        initial = selectors.assessment_initial(cycle, today=today())
        score_initial = []
    data = request.POST if request.method == "POST" else None
    form = AssessmentForm(data, initial=initial, decided=existing is not None)
    scores = ScoreFormSet(data, initial=score_initial, prefix="scores")
    if request.method == "POST" and form.is_valid() and scores.is_valid():
        score_inputs = [item for item in (f.score_input() for f in scores.forms) if item is not None]
        if existing is None:
            try_service(
                form,
                lambda: services.record_assessment(
                    cycle=cycle,
                    by=request.user,
                    decision=form.cleaned_data["decision"],
                    decided_on=form.cleaned_data["decided_on"],
                    primary_need=form.cleaned_data["primary_need"],
                    secondary_need=form.cleaned_data["secondary_need"],
                    scores=score_inputs,
                    severe_or_complex=form.cleaned_data["severe_or_complex"],
                    **form.narrative(),
                ),
            )
        else:
            try_service(
                form,
                lambda: services.update_assessment(
                    assessment=existing,
                    by=request.user,
                    scores=score_inputs,
                    severe_or_complex=form.cleaned_data["severe_or_complex"],
                    version=form.cleaned_data["version"],
                    **form.narrative(),
                ),
            )
        if not form.errors:
            decision = form.cleaned_data.get("decision")
            if existing is not None:
                messages.success(request, "The assessment has been saved.")
            elif decision == Decision.START:
                messages.success(
                    request,
                    "The assessment is saved and the pupil is now on SEN support. Tell the parents next: the law "
                    "says they must be told.",
                )
            else:
                messages.success(request, f"The assessment is saved: {lower_first(Decision(decision).label)}.")
            return redirect(cycle_url(cycle))
    previous = cycle.previous
    prefilled_from = previous if existing is None and previous is not None and hasattr(previous, "review") else None
    return form_page(
        request,
        form,
        "support/assessment_form.html",
        status=400 if (form.errors or scores.total_error_count()) else 200,
        scores=scores,
        cycle=cycle,
        pupil=cycle.pupil,
        existing=existing,
        prefilled_from=prefilled_from,
        back_url=cycle_url(cycle),
    )
