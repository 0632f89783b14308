"""Forms for activities, decisions, adjustments and exam access arrangements.

Messages name the field and the rule; the services check the same rules again, so a form posted
around the page gets the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from sendsupport.core.forms import DateInput, Form, date_example
from sendsupport.core.versioning import VersionField
from sendsupport.statutory.inclusion.models import Activity, Adjustment, Arrangement, Section35Reason

LONG = 4000


def date_field(label: str, *, required: bool = True, help_text: str = "", days: int = 0) -> forms.DateField:
    lower = label[0].lower() + label[1:]
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text or date_example("For example {example}.", days=days),
        error_messages={
            "required": f"Enter the {lower}.",
            "invalid": date_example(f"Enter the {lower} as a real date, for example {{example}}.", days=days),
        },
    )


def text_field(label: str, *, required: bool = True, help_text: str = "", message: str = "", rows: int = 4):
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": message or f"Enter the {label[0].lower() + label[1:]}.",
            "max_length": "Keep this to %(limit_value)d characters or fewer.",
        },
    )


def pupil_field(pupils: Iterable[Any]) -> forms.TypedChoiceField:
    choices = [("", "Choose a pupil")] + [
        (
            pupil.pk,
            f"{pupil.display_name}"
            + (f", {pupil.registration_group.name}" if pupil.registration_group_id else "")
            + (" (EHC plan)" if getattr(pupil, "current_provision", "") == "E" else " (SEN support)"),
        )
        for pupil in pupils
    ]
    return forms.TypedChoiceField(
        label="Pupil",
        choices=choices,
        coerce=int,
        help_text="Pupils on SEN support or with an EHC plan.",
        error_messages={
            "required": "Choose the pupil.",
            "invalid_choice": "Choose a pupil from the list: pupils on SEN support or with an EHC plan.",
        },
    )


class ActivityForm(Form):
    name = forms.CharField(
        label="Name of the activity",
        max_length=200,
        help_text='For example "Year 6 residential to Condover Hall" or "Thursday football club".',
        error_messages={
            "required": "Enter the name of the activity.",
            "max_length": "Keep the name to 200 characters.",
        },
    )
    kind = forms.ChoiceField(
        label="Kind of activity",
        choices=Activity.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of activity.", "invalid_choice": "Choose one of the kinds shown."},
    )
    starts_on = date_field("Date (or first date)", days=14)
    ends_on = date_field(
        "Last date", required=False, help_text="For a trip over several days, or a club that runs for a term."
    )
    lead = forms.TypedChoiceField(
        label="Staff lead",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="The lead can record the adjustments for pupils they teach who take part.",
        error_messages={"invalid_choice": "Choose a member of staff from the list."},
    )
    details = text_field("Details (optional)", required=False, rows=3)
    version = VersionField()  # the version the edit page was drawn from

    def __init__(self, *args: Any, staff: Iterable[Any] = (), **kwargs: Any) -> None:
        from sendsupport.schools.selectors import staff_label

        super().__init__(*args, **kwargs)
        self.staff = {user.pk: user for user in staff}
        self.fields["lead"].choices = [("", "No lead named")] + [(pk, staff_label(u)) for pk, u in self.staff.items()]

    def clean_lead(self) -> Any:
        pk = self.cleaned_data.get("lead")
        return self.staff.get(pk) if pk else None


class PlaceForm(Form):
    adjustments = text_field(
        "Adjustments made so they can take part",
        help_text="For example a familiar adult with them, a quiet room at night, a visual timetable of the day, "
        "an accessible coach, medicines carried by a trained member of staff.",
        message="Enter the adjustments made so the pupil can take part.",
    )

    def __init__(self, *args: Any, pupils: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"pupil": pupil_field(pupils), **self.fields}


REASON_HELP = (
    "A pupil with special educational needs must take part with the other children so far as is reasonably "
    "practicable. The law allows only these three reasons for deciding otherwise."
)


class DecisionForm(Form):
    reason = forms.ChoiceField(
        label="Reason (Children and Families Act 2014, section 35)",
        choices=Section35Reason.choices,
        widget=forms.RadioSelect,
        help_text=REASON_HELP,
        error_messages={
            "required": "Choose one of the three reasons the law allows: a pupil cannot be left out of an "
            "activity for any other reason.",
            "invalid_choice": "Choose one of the three reasons shown.",
        },
    )
    explanation = text_field(
        "Why taking part is not reasonably practicable",
        message="Enter why taking part is not reasonably practicable for the pupil.",
        help_text="Governors read this, without the pupil's name: please do not write names here.",
    )
    adjustments_considered = text_field(
        "Reasonable adjustments considered",
        help_text="What was considered so the pupil could take part, and why each would not work "
        "(Equality Act 2010). Governors read this too, without the pupil's name.",
        message="Enter the reasonable adjustments that were considered before deciding the pupil cannot take part.",
    )
    decided_on = date_field("Date of the decision", days=-1)

    def __init__(self, *args: Any, pupils: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"pupil": pupil_field(pupils), **self.fields}


class AdjustmentForm(Form):
    kind = forms.ChoiceField(
        label="Kind",
        choices=Adjustment.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of adjustment or aid.", "invalid_choice": "Choose a kind shown."},
    )
    description = text_field(
        "What is provided",
        help_text="For example a radio aid, a writing slope, a sloped board, a ramp at the hall door, "
        "leaving lessons five minutes early, a British Sign Language interpreter.",
        message="Enter what is provided.",
    )
    since = date_field("Provided since", days=-30)
    review_on = date_field(
        "Review date", required=False, help_text="When to check it still meets the pupil's needs (optional)."
    )
    ended_on = date_field("Stopped on", required=False, help_text="Only when it is no longer provided.")
    version = VersionField()  # the version the edit page was drawn from


class ArrangementForm(Form):
    series = forms.CharField(
        label="Exam series",
        max_length=100,
        help_text='For example "Key Stage 2 tests May 2027" or "GCSE summer 2027".',
        error_messages={
            "required": 'Enter the exam series, for example "Key Stage 2 tests May 2027".',
            "max_length": "Keep the series to 100 characters.",
        },
    )
    arrangement = forms.ChoiceField(
        label="Arrangement",
        choices=[("", "Choose an arrangement"), *Arrangement.choices],
        error_messages={
            "required": "Choose the arrangement.",
            "invalid_choice": "Choose an arrangement from the list.",
        },
    )
    extra_time_percent = forms.IntegerField(
        label="Extra time (%)",
        required=False,
        min_value=1,
        max_value=100,
        help_text="Only for extra time: usually 25.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the extra time as a whole number, for example 25.",
            "min_value": "Enter the extra time as a percentage from 1 to 100, for example 25.",
            "max_value": "Enter the extra time as a percentage from 1 to 100, for example 25.",
        },
    )
    evidence = text_field(
        "Evidence",
        help_text="For example the history of need and how the pupil normally works in class, or the "
        "assessor's report and the scores in it.",
        message="Enter the evidence for this arrangement: for example the assessor's report (who and when) and the "
        "history of need, or how the pupil normally works in class.",
    )
    assessor = forms.CharField(
        label="Assessor (optional)",
        max_length=200,
        required=False,
        help_text="The specialist assessor or teacher who assessed the pupil, if there was an assessment.",
        error_messages={"max_length": "Keep the name to 200 characters."},
    )
    assessed_on = date_field("Date of the assessor's report", required=False, help_text="If there was an assessment.")
