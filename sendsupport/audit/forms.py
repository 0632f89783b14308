"""The audit log's filter form: GET parameters, checked like any other form."""

from __future__ import annotations

from django import forms

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.selectors import LogFilters
from sendsupport.core.dates import in_words
from sendsupport.core.forms import DateInput, Form, date_example


class LogFilterForm(Form):
    pupil = forms.CharField(
        label="Pupil", required=False, max_length=100, help_text="Part of the pupil's name, or their UPN"
    )
    person = forms.CharField(
        label="Who did it", required=False, max_length=100, help_text="Part of the person's name or user name"
    )
    action = forms.ChoiceField(
        label="What was done",
        required=False,
        choices=[("", "Anything")] + list(AuditEvent.Action.choices),
        error_messages={"invalid_choice": "Choose what was done from the list."},
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=DateInput(),
        error_messages={
            "invalid": date_example("Enter the first day to show as a real date, for example {example}.", days=-30)
        },
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": date_example("Enter the last day to show as a real date, for example {example}.")},
    )

    def __init__(self, *args, with_pupil: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not with_pupil:
            del self.fields["pupil"]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", f"The last day must be on or after the first day ({in_words(start)}).")
        return data

    def filters(self) -> LogFilters:
        """The filters that passed their checks; a field with an error is left out, not guessed."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        keep = {name: value for name, value in data.items() if name not in self.errors}
        return LogFilters(
            action=keep.get("action") or "",
            pupil=(keep.get("pupil") or "").strip(),
            person=(keep.get("person") or "").strip(),
            date_from=keep.get("date_from"),
            date_to=keep.get("date_to"),
        )
