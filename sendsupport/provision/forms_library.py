"""Forms for the intervention library and provisions. Each form only gathers input: the services
check the rules (and say what is wrong with which field)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from sendsupport.core.forms import Form, date_field
from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.pupils.codes import BroadArea


def whole_number(
    label: str, help_text: str = "", *, required: bool = True, initial: int | None = None
) -> forms.IntegerField:
    lower = label[0].lower() + label[1:]
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=required,
        initial=initial,
        error_messages={"required": f"Enter the {lower}.", "invalid": f"Enter the {lower} as a whole number."},
    )


def pupil_label(pupil: Any) -> str:
    group = f", {pupil.registration_group.name}" if pupil.registration_group_id else ""
    return f"{pupil.display_name} (year {pupil.year_group}{group})"


class PupilChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return pupil_label(obj)


class PupilsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return pupil_label(obj)


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class OutcomesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.pupil.display_name}: {obj}"


class InterventionForm(Form):
    name = forms.CharField(label="Name", max_length=120, error_messages={"required": "Enter the intervention's name."})
    area = forms.ChoiceField(
        label="Area of need", choices=BroadArea.choices, error_messages={"required": "Choose the area of need."}
    )
    description = forms.CharField(
        label="What it is",
        help_text="What happens in a session, in plain English.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what happens in a session."},
    )
    evidence = forms.CharField(
        label="Evidence that it works (optional)",
        required=False,
        help_text="What is known about its effect, and for whom. Say only what you can stand by.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_url = forms.URLField(
        assume_scheme="https",
        label="Link to the evidence (optional)",
        required=False,
        error_messages={"invalid": "Enter the link as a web address starting https://"},
    )
    group_size = whole_number("Usual group size", "1 for one-to-one.", initial=1)
    session_minutes = whole_number("Session length in minutes", initial=30)
    sessions_per_week = whole_number("Sessions a week", initial=3)
    delivered_by = forms.ChoiceField(
        label="Usually delivered by",
        choices=DelivererRole.choices,
        error_messages={"required": "Choose who usually delivers it."},
    )
    extra_costs = forms.CharField(
        label="Extra costs (optional)",
        required=False,
        help_text="For example: the programme's books, a licence, training.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    extra_cost_pence = forms.DecimalField(
        label="Extra cost for each group, in pounds",
        required=False,
        initial=Decimal("0"),
        decimal_places=2,
        help_text="A one-off cost when a group starts. Enter 0 if there is none.",
        error_messages={
            "invalid": "Enter the extra cost in pounds, for example 45.00.",
            "max_decimal_places": "Enter the extra cost in pounds and pence, for example 45.50.",
        },
    )
    shared_with_trust = forms.BooleanField(label="Share with the other schools in our trust", required=False)
    active = forms.BooleanField(
        label="Offered now",
        required=False,
        initial=True,
        help_text="Untick to stop offering it: provisions already running are kept.",
    )

    def clean_extra_cost_pence(self) -> int:
        pounds = self.cleaned_data.get("extra_cost_pence")
        return int(pounds * 100) if pounds is not None else 0

    @classmethod
    def initial_from(cls, intervention: Any) -> dict[str, Any]:
        initial = {name: getattr(intervention, name) for name in cls.base_fields}
        initial["extra_cost_pence"] = Decimal(intervention.extra_cost_pence) / 100
        return initial


class ProvisionForm(Form):
    """A group (sessions a week x minutes) or one-to-one support (hours a week over some days)."""

    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="For example: Year 3 phonics group A.",
        error_messages={"required": "Enter a name for the provision."},
    )
    deliverer_role = forms.ChoiceField(
        label="Delivered by (role)",
        choices=DelivererRole.choices,
        error_messages={"required": "Choose the role of who delivers it."},
    )
    deliverers = StaffChoiceField(
        queryset=None, label="Staff who deliver it", required=False, widget=forms.CheckboxSelectMultiple
    )
    external_deliverer = forms.CharField(
        label="Or someone from outside the school (optional)",
        required=False,
        max_length=200,
        help_text="For example: the local authority's speech and language therapist.",
    )
    sessions_per_week = whole_number("Sessions a week")
    session_minutes = whole_number("Minutes a session")
    hours_per_week = forms.DecimalField(
        label="Hours a week",
        decimal_places=2,
        help_text="For example 16.25.",
        error_messages={
            "required": "Enter the hours a week.",
            "invalid": "Enter the hours a week as a number, for example 16.25.",
        },
    )
    days_per_week = whole_number("Over how many days a week", initial=5)
    starts_on = date_field("Start date")
    ends_on = date_field("End date (optional)", required=False, help_text="Leave blank if it has no planned end.")
    place = forms.CharField(
        label="Where (optional)", required=False, max_length=120, help_text="For example: the library."
    )
    funding = forms.ChoiceField(
        label="Paid for from",
        choices=FundingStream.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it is paid for."},
    )
    members = PupilsChoiceField(
        queryset=None,
        label="Pupils",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Pupils on the SEN register. They join on the start date; add others, or later joiners, from the provision's page.",
    )
    member = PupilChoiceField(queryset=None, label="Pupil", required=False, empty_label="Choose a pupil")

    def __init__(
        self, *args: Any, one_to_one: bool, staff: Any, pupils: Any = None, creating: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.one_to_one = one_to_one
        self.fields["deliverers"].queryset = staff
        drop = ["sessions_per_week", "session_minutes"] if one_to_one else ["hours_per_week", "days_per_week"]
        if not creating:
            drop += ["members", "member"]
        else:
            drop.append("members" if one_to_one else "member")
            chosen = "member" if one_to_one else "members"
            self.fields[chosen].queryset = pupils
        for name in drop:
            del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.one_to_one and "hours_per_week" in data and "days_per_week" in data:
            from sendsupport.provision.services.provisions import minutes_from_hours

            try:
                data["sessions_per_week"], data["session_minutes"] = minutes_from_hours(
                    hours_per_week=data.pop("hours_per_week"), days_per_week=data.pop("days_per_week")
                )
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
        if "member" in self.fields:
            member = data.pop("member", None)
            data["members"] = [member] if member else []
        return data


class OutcomesForm(Form):
    outcomes = OutcomesChoiceField(
        queryset=None,
        label="Outcomes it serves",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Outcomes from the current plans of the pupils in it.",
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = choices


class MemberForm(Form):
    pupil = PupilChoiceField(
        queryset=None,
        label="Pupil",
        empty_label="Choose a pupil",
        error_messages={"required": "Choose the pupil who joins."},
    )
    joined_on = date_field("Date they joined")

    def __init__(self, *args: Any, pupils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = pupils


class LeaveForm(Form):
    left_on = date_field("Date they left")


class EndForm(Form):
    ends_on = date_field("Last day of the provision")


class ReviewForm(Form):
    reviewed_on = date_field("Date of the review")
    review_note = forms.CharField(
        label="What the review found",
        help_text="Is it working? Should it carry on, change or stop?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the review found: is it working, and what happens next."},
    )
