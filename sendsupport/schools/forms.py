from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from sendsupport.core.forms import DateInput, Form, ModelForm
from sendsupport.schools.models import Group, SchoolPolicy, SchoolSenco
from sendsupport.schools.selectors import staff_users


class GroupForm(ModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"kind": "Type of group"}
        help_texts = {"name": "For example: 4B, Maple class, 9X/Ma1."}

    def __init__(self, *args, school, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.school = school

    def validate_unique(self) -> None:
        # The school is set on the instance, so include it in the uniqueness check.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("name", "This school already has a group of this type with that name.")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class SencoForm(Form):
    """The school's SENCO page: who, how to reach them, and the SENCO's qualification."""

    senco = StaffChoiceField(
        queryset=None,
        required=False,
        label="SENCO",
        empty_label="No SENCO named",
        help_text="Letters, plans and emails to parents name this person as the school's SENCO.",
    )
    senco_email = forms.EmailField(
        required=False, label="SENCO's email address", help_text="Leave blank to use the email of their account."
    )
    senco_phone = forms.CharField(max_length=40, required=False, label="SENCO's phone number")
    deputy = StaffChoiceField(queryset=None, required=False, label="Deputy SENCO (optional)", empty_label="None")
    deputy_email = forms.EmailField(
        required=False, label="Deputy's email address", help_text="Leave blank to use the email of their account."
    )
    deputy_phone = forms.CharField(max_length=40, required=False, label="Deputy's phone number")
    qualified_teacher = forms.BooleanField(required=False, label="The SENCO has qualified teacher status (QTS)")
    induction_completed = forms.BooleanField(required=False, label="The SENCO has completed induction")
    appointed_on = forms.DateField(
        required=False, label="Date appointed as SENCO", widget=DateInput, help_text="For example 2024-09-01."
    )
    npq = forms.ChoiceField(
        required=False,
        label="National Professional Qualification (NPQ) for SENCOs",
        choices=SchoolSenco.Npq.choices,
        widget=forms.RadioSelect,
        help_text="A SENCO new to the role must hold it within 3 years of being appointed.",
    )
    npq_achieved_on = forms.DateField(
        required=False,
        label="Date the NPQ for SENCOs was awarded",
        widget=DateInput,
        help_text="Only if the SENCO holds it.",
    )

    def __init__(self, *args, school, npq_years: int = 3, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.npq_years = npq_years
        staff = staff_users(school)
        self.fields["senco"].queryset = staff
        self.fields["deputy"].queryset = staff
        self.fields[
            "npq"
        ].help_text = f"A SENCO new to the role must hold it within {npq_years} years of being appointed."


# The least each figure may be: a school may not switch a duty off by setting it to nothing.
POLICY_MINIMUMS = {
    "parent_meetings_per_year": 1,
    "max_review_weeks": 1,
    "reviews_before_specialist": 1,
    "annual_review_months": 1,
    "annual_review_notice_days": 1,
    # EHC plans can run to 25: a smaller figure would delete records a young person may still need.
    "retention_years_after_dob": 25,
}


class PoundsField(forms.DecimalField):
    """Money typed in pounds ("6000" or "6,000.00"), kept in pence: figures are stored as whole pence."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace(",", "").replace("£", "").strip()
        return super().to_python(value)

    def clean(self, value: Any) -> int | None:
        pounds = super().clean(value)
        return None if pounds is None else int(pounds * 100)


def _money_field(name: str, field: Any) -> forms.Field:
    label = str(field.verbose_name).replace(", in pence", ", in pounds")
    default = f"£{field.default / 100:,.2f}"
    return PoundsField(
        label=label[0].upper() + label[1:],
        help_text=f"National default: {default}.",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        initial=None,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "required": f"Enter an amount for '{label}'.",
            "invalid": f"Enter '{label}' in pounds, like {default}.",
            "min_value": f"'{label}' cannot be negative.",
            "max_digits": f"'{label}' is too large.",
            "max_decimal_places": f"Enter '{label}' in pounds and pence, like {default}.",
        },
    )


def _hours_field(name: str, field: Any) -> forms.Field:
    label = str(field.verbose_name)
    return forms.DecimalField(
        label=label[0].upper() + label[1:],
        help_text=f"{field.help_text} National default: {field.default}.".strip(),
        min_value=Decimal("0.25"),
        max_value=Decimal("60"),
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={
            "required": f"Enter a number of hours for '{label}'.",
            "invalid": f"Enter '{label}' as a number of hours, like {field.default}.",
            "min_value": f"'{label}' must be 0.25 or more.",
            "max_value": f"'{label}' must be 60 or less.",
            "max_decimal_places": f"Enter '{label}' to the nearest quarter of an hour, like 16.25.",
        },
    )


# Figures that are not a small whole number: money (in pounds on the page) and hours.
SPECIAL_FIGURES = {"element2_threshold_pence": _money_field, "one_to_one_hours_cap": _hours_field}
POLICY_MAXIMUMS = {"teaching_weeks_per_year": 52}


class PolicyForm(Form):
    def __init__(self, *args, **kwargs) -> None:
        initial = dict(kwargs.get("initial") or {})
        if isinstance(initial.get("element2_threshold_pence"), int):  # shown in pounds
            initial["element2_threshold_pence"] = Decimal(initial["element2_threshold_pence"]) / 100
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for name in SchoolPolicy.FIGURES:
            field = SchoolPolicy._meta.get_field(name)
            if name in SPECIAL_FIGURES:
                self.fields[name] = SPECIAL_FIGURES[name](name, field)
                continue
            least = POLICY_MINIMUMS.get(name, 0)
            most = POLICY_MAXIMUMS.get(name, 999)
            label = str(field.verbose_name)
            self.fields[name] = forms.IntegerField(
                label=label[0].upper() + label[1:],
                help_text=f"{field.help_text} National default: {field.default}.".strip(),
                min_value=least,
                max_value=most,
                widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}),
                error_messages={
                    "required": f"Enter a number for '{label}'.",
                    "invalid": f"Enter '{label}' as a whole number, like {field.default}.",
                    "min_value": f"'{label}' must be {least} or more.",
                    "max_value": f"'{label}' must be {most} or less.",
                },
            )


class StaffTwoFactorForm(Form):
    required = forms.TypedChoiceField(
        label="Must every member of staff use two-factor sign-in?",
        help_text="SENCOs and heads always must. Teachers and teaching assistants who have not set it up "
        "are asked to the next time they sign in.",
        choices=[("yes", "Yes, everyone who works here"), ("no", "No, only SENCOs and heads")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether every member of staff must use two-factor sign-in."},
    )


class TermsForm(Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("autumn", "spring", "summer"):
            for part in ("start", "end"):
                label = f"{name.capitalize()} term {'starts' if part == 'start' else 'ends'}"
                self.fields[f"{name}_{part}"] = forms.DateField(
                    label=label,
                    widget=DateInput(),
                    error_messages={
                        "required": f"Enter the date the {label[0].lower() + label[1:]}.",
                        "invalid": f"Enter the date the {label[0].lower() + label[1:]} as a real date.",
                    },
                )

    def dates(self) -> dict:
        data = self.cleaned_data
        return {name: (data[f"{name}_start"], data[f"{name}_end"]) for name in ("autumn", "spring", "summer")}
