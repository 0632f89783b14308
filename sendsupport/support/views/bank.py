"""The outcome bank: example outcomes by broad area of need, kept by the SENCO."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.accounts.school_context import school_for
from sendsupport.pupils.codes import BroadArea
from sendsupport.support import selectors, services
from sendsupport.support.forms import BankEntryForm
from sendsupport.support.views._helpers import form_page, try_service

FIELDS = ("area", "text", "example_baseline", "example_target", "example_measure")


@login_required
def bank(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "support.manage_outcome_bank")
    area = request.GET.get("area", "")
    if area not in BroadArea.values:
        area = ""
    entries = selectors.outcome_bank(school, area=area)
    groups = [
        (code, label, [entry for entry in entries if entry.area == code])
        for code, label in BroadArea.choices
        if not area or code == area
    ]
    return render(
        request,
        "support/bank.html",
        {"school": school, "groups": groups, "areas": BroadArea.choices, "area": area, "count": len(entries)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bank_entry(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    school = school_for(request, "support.manage_outcome_bank")
    entry = selectors.bank_entry_for(school, entry_id) if entry_id else None
    initial = {name: getattr(entry, name) for name in FIELDS} if entry else {}
    form = BankEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form, lambda: services.save_bank_entry(school=school, by=request.user, entry=entry, **form.cleaned_data)
        )
        if saved:
            messages.success(request, "The outcome bank has been saved.")
            return redirect(f"{reverse('support:bank')}?area={saved.area}")
    intro = ""
    if entry is not None and entry.school_id is None:
        intro = "This is an example written for sendsupport. Your changes are saved as your school's own version."
    return form_page(
        request,
        form,
        page_title="Change an outcome in the bank" if entry else "Add an outcome to the bank",
        caption=school.name,
        intro=intro,
        back_url=reverse("support:bank"),
    )


@login_required
@require_POST
def bank_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    school = school_for(request, "support.manage_outcome_bank")
    entry = selectors.bank_entry_for(school, entry_id)
    services.remove_bank_entry(school=school, by=request.user, entry=entry)
    messages.success(request, "The outcome has been taken out of your school's bank.")
    return redirect(f"{reverse('support:bank')}?area={entry.area}")
