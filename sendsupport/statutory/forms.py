"""Forms for the EHC records the SENCO keeps."""

from __future__ import annotations

from django import forms

from sendsupport.core.forms import Form, date_field
from sendsupport.statutory.models import EHCRequest


class RequestForm(Form):
    requested_on = date_field("Date of the request")
    requested_by = forms.ChoiceField(
        choices=EHCRequest.RequestedBy.choices,
        widget=forms.RadioSelect,
        label="Who made the request",
        help_text="A school asks with the parents' knowledge and, where possible, their agreement.",
        error_messages={"required": "Choose who made the request."},
    )
    outcome = forms.ChoiceField(
        choices=EHCRequest.Outcome.choices,
        widget=forms.RadioSelect,
        label="The local authority's decision",
        initial=EHCRequest.Outcome.PENDING,
        error_messages={"required": "Choose the decision, or that you are waiting for it."},
    )
    outcome_on = date_field("Date of the decision", required=False, help_text="Leave blank while waiting.")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Notes (optional)")


class PlanForm(Form):
    issued_on = date_field("Date the final plan was issued")
    next_transfer_on = date_field(
        "Date of the next move between phases",
        required=False,
        help_text="For example the September the pupil starts secondary school. Leave blank if none is due.",
    )
    next_transfer_to_post16 = forms.BooleanField(
        required=False,
        label="The next move is from secondary school to post-16",
        help_text="The review must then be done in time for the plan to be amended by 31 March, not 15 February.",
    )
    ceased_on = date_field("Date the plan ceased", required=False, help_text="Only if the local authority ended it.")


class AnnualReviewForm(Form):
    meeting_on = date_field("Date of the review meeting")
    invitations_sent_on = date_field(
        "Date the invitations were sent", required=False, help_text="At least 2 weeks before the meeting."
    )
    advice_circulated_on = date_field(
        "Date the advice was sent to those invited", required=False, help_text="At least 2 weeks before the meeting."
    )
    held = forms.BooleanField(required=False, label="The meeting has been held")
