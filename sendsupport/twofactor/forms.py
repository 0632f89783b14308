from __future__ import annotations

from django import forms

from sendsupport.core.forms import Form


class CodeForm(Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
    )

    def __init__(self, *args, help_text: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
