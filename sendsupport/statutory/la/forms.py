"""Forms for the steps of an EHC needs assessment request, the exceptions, and the LA officer's access."""

from __future__ import annotations

from typing import Any

from django import forms

from sendsupport.core.forms import Form, date_field
from sendsupport.statutory.la.selectors import officers_for
from sendsupport.statutory.models import ClockException, EHCRequest

DATE_LABELS = {
    "decision": "Date of the decision",
    "advice_requested": "Date the school was asked for its advice",
    "advice_sent": "Date the school sent its advice",
    "no_plan": "Date of the decision not to issue a plan",
    "draft": "Date the draft plan was issued",
    "representations": "Date representations on the draft ended",
    "final": "Date the final plan was issued",
}


class StepForm(Form):
    """One step: its date (labelled for the step)."""

    on = date_field("Date")

    def __init__(self, *args: Any, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label = DATE_LABELS[step]
        self.fields["on"].label = label
        self.fields["on"].error_messages = {
            "required": f"Enter the {label[0].lower() + label[1:]}.",
            "invalid": f"Enter the {label[0].lower() + label[1:]} as a real date, for example 2026-11-20.",
        }


class DecisionForm(StepForm):
    """The decision whether to assess, and its date."""

    outcome = forms.ChoiceField(
        label="The local authority's decision",
        widget=forms.RadioSelect,
        choices=[
            (EHCRequest.Outcome.AGREED, "Agreed to carry out an EHC needs assessment"),
            (EHCRequest.Outcome.REFUSED, "Decided not to carry out an EHC needs assessment"),
        ],
        error_messages={"required": "Choose whether the local authority agreed to assess or refused."},
    )
    field_order = ["outcome", "on"]


class ExceptionForm(Form):
    exception = forms.ChoiceField(
        label="Which exception to the time limits applies",
        widget=forms.RadioSelect,
        required=False,
        choices=[("", "None"), *ClockException.choices],
        help_text="Only these reasons allow a time limit to be missed (SEND Regulations 2014 reg. 5(4), 8(2), "
        "10(4) and 13(3)). The plan must still follow as soon as practicable.",
    )
    exception_note = forms.CharField(
        label="What happened",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the dates the school was closed, or the appointment that was missed.",
    )


class AccessForm(Form):
    """Choose the officer of the school's own local authority who may see this request."""

    officer = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="They will see this request, the pupil's name and what the request needs: nothing else.",
    )

    def __init__(self, *args: Any, school: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        field.queryset = officers_for(school)
        field.label = f"Officer at {school.local_authority.name}"
        field.error_messages = {
            **field.error_messages,
            "required": "Choose the officer who may see this request.",
            "invalid_choice": f"Choose an officer of {school.local_authority.name}.",
        }
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()
