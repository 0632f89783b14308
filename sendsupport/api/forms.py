from __future__ import annotations

from typing import Any

from django import forms

from sendsupport.api.services import DEFAULT_LIFETIME_DAYS, lifetime_choices
from sendsupport.core.forms import Form


class TokenForm(Form):
    """A new token: its name, how long it works, and the person's password again.

    Asking for the password means someone who finds a signed-in computer cannot turn the session
    into lasting API access.
    """

    name = forms.CharField(
        label="Name for the new token",
        max_length=100,
        help_text="So you can tell your tokens apart, for example: Termly report script.",
        error_messages={
            "required": "Enter a name for the token, so you can tell it apart from others.",
            "max_length": "The name must be 100 characters or fewer.",
        },
    )
    days = forms.TypedChoiceField(
        label="How long should the token work?",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="After this it stops working. Make a new one if you still need it.",
        error_messages={
            "required": "Choose how long the token should work.",
            "invalid_choice": "Choose one of the lengths of time listed.",
        },
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To check it is you before making a token.",
        error_messages={"required": "Enter your password to make a token."},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        choices = lifetime_choices()
        self.fields["days"].choices = [(days, f"{days} days") for days in choices]
        self.fields["days"].initial = DEFAULT_LIFETIME_DAYS if DEFAULT_LIFETIME_DAYS in choices else choices[-1]
        self.fields["name"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Enter the password you sign in with.")
        return password
