"""Forms for the EHC records the SENCO keeps."""

from __future__ import annotations

from typing import Any

from django import forms

from sendsupport.core.forms import Form, date_field
from sendsupport.statutory.models import AdviceRequest, AnnualReview, EHCRequest


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
    after_cease = forms.ChoiceField(
        choices=[("K", "Back to SEN support (K)"), ("N", "Off the SEN register (N)")],
        widget=forms.RadioSelect,
        required=False,
        label="When the plan ceases, the pupil goes",
        help_text="Only when you enter the date the plan ceased. The SEN register changes from that date.",
    )


class AnnualReviewForm(Form):
    meeting_on = date_field("Date of the review meeting")
    invitations_sent_on = date_field(
        "Date the invitations were sent", required=False, help_text="At least 2 weeks before the meeting."
    )
    advice_circulated_on = date_field(
        "Date the advice was sent to those invited", required=False, help_text="At least 2 weeks before the meeting."
    )
    held = forms.BooleanField(required=False, label="The meeting has been held")


class PlanEntryForm(Form):
    """One line of the plan. ``provisions`` (the pupil's provisions on the map) is offered only for a
    line of provision (section F)."""

    text = forms.CharField(
        label="What the plan says",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the plan says."},
    )

    def __init__(self, *args: Any, provisions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if provisions is not None:
            self.fields["provision"] = forms.ModelChoiceField(
                queryset=provisions,
                widget=forms.Select(attrs={"class": "govuk-select"}),
                required=False,
                label="Provision on the provision map (optional)",
                empty_label="Not linked",
                help_text="Link the line to the group or one-to-one support that delivers it, to show its cost "
                "and sessions here.",
                error_messages={"invalid_choice": "Choose one of the pupil's provisions, or not linked."},
            )


class AdviceForm(Form):
    source = forms.ChoiceField(
        choices=AdviceRequest.Source.choices,
        widget=forms.RadioSelect,
        label="Who the advice is from",
        error_messages={"required": "Choose who the advice is from."},
    )
    asked_on = date_field("Date the advice was asked for")
    received_on = date_field("Date the advice was received", required=False, help_text="Leave blank until it arrives.")


class ReportForm(Form):
    """The school's report after the review meeting, with a box for progress towards each outcome."""

    pupil_views = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), label="What the pupil said")
    parent_views = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label="What the parents said"
    )
    recommendation = forms.ChoiceField(
        choices=AnnualReview.Recommendation.choices,
        widget=forms.RadioSelect,
        label="What the school recommends to the local authority",
        error_messages={"required": "Choose whether to keep the plan as it is, amend it or cease it."},
    )
    report_sent_on = date_field(
        "Date the report was sent to the local authority",
        required=False,
        help_text="Within 2 weeks of the meeting. Leave blank until it is sent.",
    )

    def __init__(self, *args: Any, outcomes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_fields: list[tuple[Any, str]] = []
        for number, outcome in enumerate(outcomes, start=1):
            name = f"progress_{outcome.pk}"
            self.fields[name] = forms.CharField(
                required=False,
                # Fields added after the mixin's set-up take its GOV.UK class here.
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
                label=f"Progress towards outcome {number}",
                help_text=outcome.text,
            )
            self.outcome_fields.append((outcome, name))
        # The outcomes' boxes come after the views and before the recommendation, as on the report.
        order = ["pupil_views", "parent_views", *(name for _, name in self.outcome_fields)]
        self.order_fields(order)

    def progress(self) -> dict[int, str]:
        return {outcome.pk: self.cleaned_data.get(name, "") for outcome, name in self.outcome_fields}
