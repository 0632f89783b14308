"""The session register: one form with a pair of radios (present, absent) for each member that day."""

from __future__ import annotations

from typing import Any

from django import forms

from sendsupport.core.forms import DateInput, Form
from sendsupport.provision.choices import Attendance
from sendsupport.pupils.models import Pupil

PREFIX = "attendance_"


class SessionForm(Form):
    held_on = forms.DateField(
        label="Date of the session",
        widget=DateInput(),
        error_messages={"required": "Enter the date of the session.", "invalid": "Enter a real date."},
    )
    minutes = forms.IntegerField(
        label="How many minutes it lasted",
        min_value=1,
        max_value=24 * 60,
        error_messages={"required": "Enter how many minutes the session lasted."},
    )
    cancelled = forms.BooleanField(label="The session did not take place", required=False)
    cancelled_reason = forms.CharField(
        label="Why it did not take place",
        required=False,
        max_length=200,
        help_text="Only if it did not take place. For example: the TA was covering a class.",
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything the SENCO should know about this session.",
    )

    def __init__(self, *args: Any, members: list[Pupil], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for pupil in members:
            # Not required here: the service names each pupil left without an answer.
            self.fields[f"{PREFIX}{pupil.pk}"] = forms.ChoiceField(
                label=pupil.display_name, choices=Attendance.choices, required=False, widget=forms.RadioSelect
            )
        self.order_fields(["held_on", "minutes", "cancelled", "cancelled_reason"])

    def attendance_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(PREFIX)]

    def attendance(self) -> dict[int, str]:
        """Pupil id → present or absent, for the members answered; none for a session that did not happen."""
        if self.cleaned_data.get("cancelled"):
            return {}
        return {
            int(name.removeprefix(PREFIX)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(PREFIX) and value
        }

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "minutes": data["minutes"],
            "cancelled": data["cancelled"],
            "cancelled_reason": data["cancelled_reason"],
            "note": data["note"],
            "attendance": self.attendance(),
        }
