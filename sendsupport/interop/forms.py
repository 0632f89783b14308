"""Forms for uploads, column matching, confirming, the census and the transfer file."""

from __future__ import annotations

from typing import Any

from django import forms

from sendsupport.core.forms import Form
from sendsupport.interop.census import TERMS
from sendsupport.interop.csv_reader import FIELDS, NOT_IN_FILE


class UploadForm(Form):
    file = forms.FileField(
        widget=forms.FileInput,
        error_messages={"required": "Choose a file to upload.", "empty": "The file is empty."},
    )

    def __init__(self, *args: Any, label: str, hint: str, accept: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = label
        self.fields["file"].help_text = hint
        self.fields["file"].widget.attrs["accept"] = accept


class ColumnsForm(Form):
    """One choice per field: which of the file's columns holds it."""

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(NOT_IN_FILE, "Not in this file")] + [(h, h) for h in headers if h]
        for field in FIELDS:
            label = (
                field.label if field.group == "Pupil" else f"{field.group}: {field.label[0].lower()}{field.label[1:]}"
            )
            self.fields[field.name] = forms.ChoiceField(choices=choices, required=False, label=label)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("upn"):
            self.add_error("upn", "Choose the column that holds the UPN: pupils are matched by UPN.")
        used: dict[str, str] = {}
        for name, heading in list(data.items()):
            if not heading:
                continue
            if heading in used:
                self.add_error(
                    name, f"The column {heading!r} is already matched to {self.fields[used[heading]].label}."
                )
            used.setdefault(heading, name)
        return data

    def columns(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items()}


class ConfirmForm(Form):
    only_valid = forms.BooleanField(
        required=False,
        label="Import only the valid rows",
        help_text="Rows with problems are left out. Fix them in your MIS and import them later.",
    )


class CensusForm(Form):
    term = forms.ChoiceField(
        choices=[(term, term.capitalize()) for term in TERMS],
        widget=forms.RadioSelect,
        label="Census",
        error_messages={
            "required": "Choose the autumn, spring or summer census.",
            "invalid_choice": "Choose the autumn, spring or summer census.",
        },
    )
    year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        label="Year",
        help_text="The year of census day: the spring 2026 census is in January 2026.",
        error_messages={
            "required": "Enter the year of the census, like 2026.",
            "invalid": "Enter the year as four digits, like 2026.",
            "min_value": "Enter a year from 2000.",
            "max_value": "Enter a year up to 2100.",
        },
    )


class CensusSettingsForm(Form):
    has_sen_unit = forms.BooleanField(
        required=False,
        label="The school has a SEN unit",
        help_text="A special unit for pupils with SEN, recognised by the local authority.",
    )
    has_resourced_provision = forms.BooleanField(
        required=False,
        label="The school has resourced provision",
        help_text="Places reserved at a mainstream school for pupils with a specific type of SEN.",
    )


class TransferForm(Form):
    dest_lea = forms.CharField(
        label="New school's local authority number",
        max_length=3,
        help_text="Three digits, like 330. Enter MMM if the new school is not known, XXX if the pupil has moved abroad.",
        error_messages={"required": "Enter the new school's local authority number."},
    )
    dest_estab = forms.CharField(
        label="New school's establishment number",
        max_length=4,
        help_text="Four digits, like 2100. Enter MMMM if not known, XXXX if abroad.",
        error_messages={"required": "Enter the new school's establishment number."},
    )
    dest_urn = forms.CharField(label="New school's URN (optional)", max_length=7, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("dest_lea", "dest_estab", "dest_urn"):
            self.fields[name].widget.attrs.update({"class": "govuk-input govuk-input--width-5", "spellcheck": "false"})

    def clean_dest_lea(self) -> str:
        return self.cleaned_data["dest_lea"].strip().upper()

    def clean_dest_estab(self) -> str:
        return self.cleaned_data["dest_estab"].strip().upper()
