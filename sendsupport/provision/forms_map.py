"""The provision map's filter form (GET) and the impact measure form."""

from __future__ import annotations

from django import forms

from sendsupport.core.forms import DateInput, Form, date_example
from sendsupport.provision.choices import FundingStream
from sendsupport.provision.selectors_map import GROUPINGS, MapFilters
from sendsupport.pupils.codes import BroadArea, year_groups_for_phase

ALL = [("", "All")]


class MapFilterForm(Form):
    """Filters for the map, sent by GET so a filtered map can be bookmarked and exported."""

    group_by = forms.ChoiceField(label="Group by", choices=list(GROUPINGS.items()), required=False)
    intervention = forms.TypedChoiceField(label="Intervention", coerce=int, empty_value=None, required=False)
    year_group = forms.ChoiceField(label="Year group", required=False)
    area = forms.ChoiceField(label="Broad area of need", choices=ALL + list(BroadArea.choices), required=False)
    funding = forms.ChoiceField(label="Funding stream", choices=ALL + list(FundingStream.choices), required=False)

    def __init__(self, *args, interventions: list[tuple[int, str]], phase: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = ALL + [(str(pk), name) for pk, name in interventions]
        self.fields["year_group"].choices = ALL + year_groups_for_phase(phase)

    def filters(self) -> MapFilters:
        """The filters asked for; anything not understood counts as "all" (a stale bookmark still works)."""
        if not self.is_valid():
            return MapFilters()
        data = self.cleaned_data
        return MapFilters(
            intervention=data.get("intervention"),
            year_group=data.get("year_group") or "",
            area=data.get("area") or "",
            funding=data.get("funding") or "",
            group_by=data.get("group_by") or "intervention",
        )


class MeasureForm(Form):
    score = forms.DecimalField(
        label="Score",
        max_digits=8,
        decimal_places=2,
        error_messages={
            "required": "Enter the score.",
            "invalid": "Enter the score as a number, for example 85 or 7.5.",
            "max_digits": "Enter a score of no more than 6 digits before the decimal point.",
            "max_decimal_places": "Enter a score with no more than 2 decimal places.",
        },
    )
    scale = forms.CharField(
        label="Scale",
        max_length=120,
        help_text="For example: standardised reading score, or Boxall profile. Entry and exit use the same scale.",
        error_messages={"required": "Enter the scale the score is on."},
    )
    measured_on = forms.DateField(
        label="Date measured",
        widget=DateInput(),
        help_text=date_example(),
        error_messages={
            "required": "Enter the date measured.",
            "invalid": "Enter the date measured as a real date, for example 2026-11-20.",
        },
    )
