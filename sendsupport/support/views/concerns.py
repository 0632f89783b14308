"""One concern: what the teacher noticed, and the SENCO's answer (start a cycle, or looked at)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sendsupport.audit.services import record_view
from sendsupport.core.dates import in_words, today
from sendsupport.core.forms import DateInput, Form
from sendsupport.support import selectors, services
from sendsupport.support.views._helpers import can, form_page, notice, pupil_for, try_service


class ConcernLookedAtForm(Form):
    looked_at_on = forms.DateField(
        label="Date you looked at it",
        widget=DateInput(),
        error_messages={"required": "Enter the date you looked at it.", "invalid": "Enter a real date."},
    )
    note = forms.CharField(
        label="What you decided",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='For example "No further action: reading is in line with the class; check again at Easter". '
        "The member of staff who raised the concern will see this.",
        error_messages={"required": "Say what you decided."},
    )


@login_required
def concern(request: HttpRequest, pupil_id: int, concern_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "support.view_staff_record")
    item = selectors.get_concern(pupil, concern_id)
    record_view(user=request.user, pupil=pupil, what=f"Viewed the concern raised on {in_words(item.raised_on)}")
    can_manage = can(request, "support.manage", pupil)
    return render(
        request,
        "support/concern.html",
        {
            "pupil": pupil,
            "concern": item,
            "can_manage": can_manage,
            "can_start": can_manage and item.is_open and selectors.open_cycle(pupil) is None,
            "open_cycle": selectors.open_cycle(pupil) if can_manage and item.is_open else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_looked_at(request: HttpRequest, pupil_id: int, concern_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "support.manage")
    item = selectors.get_concern(pupil, concern_id)
    back_url = reverse("support:concern", args=[pupil.pk, item.pk])
    if request.method == "GET" and not item.is_open:
        return notice(request, title="This concern has been answered", text="It is no longer open.", back_url=back_url)
    form = ConcernLookedAtForm(request.POST or None, initial={"looked_at_on": today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and try_service(
            form,
            lambda: services.record_concern_looked_at(
                concern=item,
                by=request.user,
                looked_at_on=form.cleaned_data["looked_at_on"],
                note=form.cleaned_data["note"],
            ),
        )
    ):
        messages.success(request, "Recorded. The member of staff who raised the concern can see what you decided.")
        return redirect("support:timeline", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title="Record that you looked at this concern",
        caption=pupil.display_name,
        intro="Use this when the concern does not need a cycle of SEN support, for example no further action "
        "or advice given to the teacher. To start SEN support, start a cycle from the concern instead.",
        submit_label="Record it",
        back_url=back_url,
    )
