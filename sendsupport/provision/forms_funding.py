"""Forms for costs and funding. Money is typed in pounds and pence ("12.50") and read with
``Decimal`` into whole pence; never a float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from sendsupport.core.forms import Form, date_field
from sendsupport.provision.choices import Recurrence, TopUpStatus


def _lower(label: str) -> str:
    return label[0].lower() + label[1:]


class PenceField(forms.Field):
    """An amount in pounds and pence ("12.50", "£1,200") cleaned to whole pence (an int)."""

    def __init__(self, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "In pounds and pence, for example 12.50.")
        kwargs.setdefault("error_messages", {"required": f"Enter {_lower(label)}."})
        super().__init__(label=label, widget=forms.TextInput, **kwargs)
        self.widget.attrs.update({"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"})

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(value or "").strip().replace(",", "").replace("£", "").strip()
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                f"Enter {_lower(self.label)} as an amount of money, for example 12.50.", code="invalid"
            ) from None
        if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                f"Enter {_lower(self.label)} in pounds and whole pence, for example 12.50.", code="invalid"
            )
        if amount < 0:
            raise forms.ValidationError(f"{self.label} cannot be negative.", code="negative")
        return int(amount * 100)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return f"{Decimal(value) / 100:.2f}"
        return value


def year_field(label: str = "Academic year starting in") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=2000,
        max_value=2100,
        help_text="The year of the September it starts, for example 2026 for 2026 to 2027.",
        error_messages={
            "required": "Enter the year the academic year starts in, for example 2026.",
            "invalid": "Enter the year the academic year starts in as a number, for example 2026.",
            "min_value": "Enter a year from 2000 to 2100.",
            "max_value": "Enter a year from 2000 to 2100.",
        },
    )


class HourlyCostForm(Form):
    hourly_pence = PenceField(
        "The cost of an hour", help_text="With on-costs (pension and national insurance), for example 18.50."
    )


class StaffCostForm(Form):
    user = forms.ModelChoiceField(
        queryset=None,
        label="Member of staff",
        empty_label="Choose a member of staff",
        error_messages={
            "required": "Choose a member of staff.",
            "invalid_choice": "Choose a member of staff from the list.",
        },
    )
    hourly_pence = PenceField("The cost of an hour", help_text="With on-costs, for example 21.40.")

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class ExtraCostForm(Form):
    description = forms.CharField(
        label="What it is for",
        max_length=200,
        help_text="For example: the programme's workbooks, a licence, the speech and language therapist's visits.",
        error_messages={"required": "Say what the cost is for."},
    )
    amount_pence = PenceField("The amount")
    recurrence = forms.ChoiceField(
        choices=Recurrence.choices,
        widget=forms.RadioSelect,
        label="How often",
        initial=Recurrence.ONE_OFF,
        error_messages={"required": "Choose how often it is paid."},
    )
    on_date = date_field("Date", help_text="For a cost paid once: when. For a weekly cost: from when.")


class AllocationForm(Form):
    start_year = year_field()
    notional_sen_pence = PenceField(
        "Notional SEN budget", help_text="From the school's budget statement, for example 84000.00."
    )
    imf_pence = PenceField(
        "Inclusive Mainstream Fund allocation", help_text="Enter 0.00 if the school has none this year."
    )


class TopUpForm(Form):
    start_year = year_field()
    amount_pence = PenceField(
        "Amount a year", help_text="What was asked for, or agreed, for the year, for example 4500.00."
    )
    status = forms.ChoiceField(
        choices=TopUpStatus.choices,
        widget=forms.RadioSelect,
        label="Status",
        initial=TopUpStatus.REQUESTED,
        error_messages={"required": "Choose whether it is requested, agreed or refused."},
    )
    requested_on = date_field("Date requested")
    decided_on = date_field("Date decided", required=False, help_text="Leave blank while waiting for the decision.")
    source = forms.CharField(
        label="From",
        max_length=200,
        initial="The local authority's high needs block",
        error_messages={"required": "Say where the money comes from."},
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Note (optional)")


class ReviewForm(Form):
    reviewed_on = date_field("Date of the review")
    review_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What the review found",
        help_text="Did it help? Stop, continue or change it?",
        error_messages={"required": "Say what the review found."},
    )
