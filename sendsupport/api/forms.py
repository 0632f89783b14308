from __future__ import annotations

from django import forms

from sendsupport.core.forms import Form


class TokenForm(Form):
    name = forms.CharField(
        label="Name for the new token",
        max_length=100,
        help_text="So you can tell your tokens apart, for example: Termly report script.",
        error_messages={
            "required": "Enter a name for the token, so you can tell it apart from others.",
            "max_length": "The name must be 100 characters or fewer.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
