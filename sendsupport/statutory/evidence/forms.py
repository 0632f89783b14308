"""Forms for what the SENCO adds to an evidence pack, and for sending it."""

from __future__ import annotations

from django import forms

from sendsupport.core.forms import Form, date_field


class PackForm(Form):
    covering_summary = forms.CharField(
        label="Covering summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Why the school is asking for an EHC needs assessment: the pupil's needs, what the school has "
            "done over time and its effect, and why more is needed than the school can provide."
        ),
    )
    parents_involved_on = date_field(
        "Date the parents were involved", required=False, help_text="For example the date of the meeting."
    )
    parents_involvement = forms.CharField(
        label="How the parents were involved",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: met the SENCO, talked through the evidence and agreed the request.",
    )
    parents_view = forms.CharField(
        label="The parents' view of the request",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In their words where you can.",
    )


class SendForm(Form):
    sent_on = date_field("Date the request is sent", help_text="Usually today. It cannot be in the future.")
