from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sendsupport.core.forms import DateInput, Form, date_example
from sendsupport.support.voice.models import QUESTIONS, Face

LONG = 4000


def _text(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=LONG,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep this to %(limit_value)d characters or fewer.")},
    )


class ParentViewsForm(Form):
    going_well = _text(_("What is going well?"), _("For example at school, at home, with friends or with the support."))
    worries = _text(_("What worries you?"), _("Anything you would like the school to know before the review."))
    next_steps = _text(_("What would you like to happen next?"), _("For example what to work on, or support to try."))
    cycle = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in ("going_well", "worries", "next_steps")):
            self.add_error("going_well", _("Write something in at least one of the three boxes before you send."))
        return data


def _face(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=Face.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the faces shown."},
    )


class PupilViewsForm(Form):
    """Three questions, each a face from the picture scale and optional words."""

    going_well_face = _face("How do you feel about what is going well?")
    going_well = _text("What is going well, in the pupil's words")
    hard_face = _face("How do you feel about what is hard?")
    hard = _text("What is hard, in the pupil's words")
    helps_face = _face("How do you feel about what helps?")
    helps = _text("What helps me, in the pupil's words")

    def __init__(self, *args: Any, own: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.own = own
        if own:  # the pupil's own page: short words a pupil reads, or is read
            for prefix, _, own_label in QUESTIONS:
                self.fields[f"{prefix}_face"].label = f"{own_label}: choose a face"
                self.fields[prefix].label = f"{own_label}: write some words if you want to"
        else:
            self.fields["given_on"] = forms.DateField(
                label="Date the views were given",
                required=True,
                widget=DateInput(),
                help_text=date_example("For example {example}.", days=-1),
                error_messages={
                    "required": "Enter the date the views were given.",
                    "invalid": date_example("Enter the date as a real date, for example {example}."),
                },
            )
            self.fields["how_gathered"] = forms.CharField(
                label="How the views were gathered",
                required=False,
                max_length=300,
                help_text="For example: talked with the teaching assistant using the face cards.",
                error_messages={"max_length": "Keep how the views were gathered to 300 characters or fewer."},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        answered = any(data.get(f"{prefix}_face") or (data.get(prefix) or "").strip() for prefix, _, _ in QUESTIONS)
        if not answered and not self.errors:
            self.add_error("going_well_face", "Choose a face or write some words for at least one question.")
        return data

    def questions(self) -> list[dict[str, Any]]:
        """For the template: each question's face field and words field."""
        return [
            {"heading": own if self.own else staff, "face": self[f"{prefix}_face"], "words": self[prefix]}
            for prefix, staff, own in QUESTIONS
        ]

    def answers(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data.get(name)
            for name in ("going_well_face", "going_well", "hard_face", "hard", "helps_face", "helps")
        }


class PupilAccountForm(Form):
    username = forms.CharField(
        label="User name",
        max_length=150,
        help_text="Something short the pupil can type, for example their first name and a number.",
        error_messages={"required": "Enter a user name for the pupil to sign in with."},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Give it to the pupil yourself. They cannot change it; you can.",
        error_messages={"required": "Enter a password for the pupil."},
    )

    def __init__(self, *args: Any, existing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if existing:
            del self.fields["username"]
            self.fields["password"].label = "New password"


class SignInPolicyForm(Form):
    allowed = forms.TypedChoiceField(
        label="May pupils sign in to give their views?",
        choices=[("yes", "Yes, the SENCO makes a sign-in for each pupil who wants one"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    from_year = forms.IntegerField(
        label="Youngest year group that may sign in",
        min_value=1,
        max_value=14,
        help_text="A number: 3 means Year 3 and older.",
        error_messages={
            "required": "Enter the youngest year group, for example 3.",
            "invalid": "Enter the year group as a number, for example 3.",
            "min_value": "The year group must be 1 or more.",
            "max_value": "The year group must be 14 or less.",
        },
    )
