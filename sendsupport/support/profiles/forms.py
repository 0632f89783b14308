from __future__ import annotations

from django import forms

from sendsupport.core.forms import Form
from sendsupport.core.versioning import VersionField
from sendsupport.support.profiles.models import SECTIONS


class PassportForm(Form):
    """The four sections, how the pupil's views were gathered, and what changed."""

    pupil_contributed = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="How the pupil's views were gathered",
        help_text="For example: talked with the pupil using picture cards, with their TA, on 3 November. "
        "If their views could not be gathered, say why.",
    )
    changes_made = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What has changed in this version",
        help_text="Staff who read the passport before see this first.",
    )
    # The passport version the page was drawn from (0: there was none yet).
    version = VersionField(min_value=0)

    def __init__(self, *args, first_version: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sections = {
            name: forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label=heading, help_text=hint)
            for name, heading, hint in SECTIONS
        }
        # The four sections come first, in the order they are shown on the passport.
        self.fields = {**sections, **self.fields}
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-textarea")
        for name, heading, _ in SECTIONS:
            self.fields[name].error_messages["required"] = f"Write the section “{heading}”."
        self.fields["pupil_contributed"].error_messages["required"] = (
            "Say how the pupil's views were gathered, or why they could not be."
        )
        if first_version:
            del self.fields["changes_made"]


class AcknowledgeForm(Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
