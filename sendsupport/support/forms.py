"""Forms for the graduated approach. Each form checks its own fields; the services check the rules."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from sendsupport.core.dates import in_words
from sendsupport.core.forms import WIDGET_CLASSES, Form, date_example, date_field
from sendsupport.core.versioning import VersionField
from sendsupport.pupils.codes import BroadArea, NeedType
from sendsupport.pupils.models import Pupil
from sendsupport.schools.selectors import staff_label
from sendsupport.support.choices import Comparison, Decision, NextStep, NotificationMethod, Rating
from sendsupport.support.models import Concern, Outcome
from sendsupport.support.services.assessment import ScoreInput
from sendsupport.support.services.corrections import Correctable
from sendsupport.support.services.reviews import RatingInput

NEED_CHOICES = [("", "None")] + [(code, f"{code} – {label}") for code, label in NeedType.choices]
AREA_CHOICES = (
    [("", "Choose an area")]
    + [(code, label) for code, label in BroadArea.choices if code != BroadArea.OTHER]
    + [(BroadArea.OTHER, BroadArea.OTHER.label)]
)


def style_added_fields(form: forms.BaseForm) -> None:
    """Give fields added after ``GovUKFormMixin.__init__`` the same GOV.UK classes."""
    for field in form.fields.values():
        widget = field.widget
        if widget.attrs.get("class"):
            continue
        for widget_class, css in WIDGET_CLASSES.items():
            if type(widget) is widget_class or (
                isinstance(widget, widget_class) and widget_class is not forms.TextInput
            ):
                widget.attrs["class"] = css
                break


def text_field(
    label: str, *, required: bool = True, rows: int = 4, help_text: str = "", message: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message or f"Enter {label[0].lower() + label[1:]}."},
    )


class ConcernForm(Form):
    noticed = text_field("What have you noticed?", message="Say what you have noticed.")
    since = date_field(
        "Since when?", help_text=date_example("An approximate date is fine, for example {example}.", days=-60)
    )
    tried = text_field(
        "What have you tried already?",
        required=False,
        help_text="For example: seating, visual prompts, extra adult time, talking with the parent.",
    )
    raised_on = date_field("Date raised")


class StartCycleForm(Form):
    opened_on = date_field("Date the cycle starts")
    class_teacher = forms.ModelChoiceField(
        queryset=None,
        label="Class teacher",
        help_text="The teacher who stays responsible for the pupil day to day.",
        empty_label="Choose a member of staff",
        error_messages={"required": "Choose the class teacher."},
    )
    concerns = forms.ModelMultipleChoiceField(
        queryset=Concern.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Concerns this cycle takes up",
    )

    def __init__(self, *args: Any, staff: Any, concerns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_teacher"].queryset = staff
        self.fields["class_teacher"].label_from_instance = staff_label
        self.fields["concerns"].queryset = concerns
        self.fields["concerns"].label_from_instance = lambda concern: (
            f"Raised on {in_words(concern.raised_on)} by {concern.raised_by}: {concern.noticed[:120]}"
        )
        if not concerns.exists():
            del self.fields["concerns"]


ASSESSMENT_TEXT = {
    "teacher_assessment": ("Teacher assessment", True, "What the class teacher sees in lessons."),
    "attainment": (
        "Attainment and rate of progress",
        True,
        "Compared with the pupil's peers and with age-related expectations. Add standardised scores below.",
    ),
    "observations": ("Observations", False, ""),
    "behaviour": ("Behaviour", False, ""),
    "pupil_views": ("The pupil's views", False, "In the pupil's own words where possible."),
    "pupil_views_absent_reason": ("If the pupil's views are not recorded, why not?", False, ""),
    "parent_views": ("The parent's views", False, ""),
    "parent_views_absent_reason": ("If the parent's views are not recorded, why not?", False, ""),
    "external_advice": (
        "Advice from outside the school",
        False,
        "For example from an educational psychologist or speech and language therapist.",
    ),
}


class AssessmentForm(Form):
    """The assessment; ``decided`` forms (editing after the decision) leave out the decision fields."""

    def __init__(self, *args: Any, decided: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (label, required, hint) in ASSESSMENT_TEXT.items():
            self.fields[name] = text_field(label, required=required, help_text=hint, rows=3)
        self.fields["severe_or_complex"] = forms.BooleanField(
            required=False,
            label="The pupil's needs are severe or complex",
            help_text="Your judgement as SENCO. The to-do list then prompts you to consider asking the local "
            "authority for an EHC needs assessment, with the parents.",
        )
        if not decided:
            self.fields["primary_need"] = forms.ChoiceField(
                choices=NEED_CHOICES, required=False, label="Primary area of need (census type)"
            )
            self.fields["secondary_need"] = forms.ChoiceField(
                choices=NEED_CHOICES, required=False, label="Secondary area of need (census type)"
            )
            self.fields["decision"] = forms.ChoiceField(
                choices=Decision.choices,
                widget=forms.RadioSelect,
                label="Decision",
                help_text="Starting or ending SEN support changes the SEN register.",
                error_messages={"required": "Choose the decision."},
            )
            self.fields["decided_on"] = date_field("Date of the decision")
        else:
            self.fields["version"] = VersionField()
        style_added_fields(self)

    def narrative(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in ASSESSMENT_TEXT}


class ScoreForm(Form):
    what = forms.CharField(
        required=False, max_length=200, label="What was assessed", help_text="For example: Reading, NGRT."
    )
    score = forms.IntegerField(
        required=False,
        min_value=40,
        max_value=160,
        label="Standardised score (if there is one)",
        error_messages={
            "min_value": "A standardised score is 40 or more.",
            "max_value": "A standardised score is 160 or less.",
            "invalid": "Enter the score as a whole number, like 84.",
        },
    )
    compared_with_expected = forms.ChoiceField(
        required=False,
        choices=[("", "Choose")] + list(Comparison.choices),
        label="Compared with age-related expectations",
    )
    taken_on = date_field("Date taken", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = any(
            data.get(name) not in (None, "") for name in ("what", "score", "compared_with_expected", "taken_on")
        )
        if filled:
            if not data.get("what"):
                self.add_error("what", "Say what was assessed.")
            if not data.get("compared_with_expected"):
                self.add_error("compared_with_expected", "Say how this compares with age-related expectations.")
        return data

    def score_input(self) -> ScoreInput | None:
        data = self.cleaned_data
        if not data.get("what"):
            return None
        return ScoreInput(
            what=data["what"],
            compared_with_expected=data["compared_with_expected"],
            score=data.get("score"),
            taken_on=data.get("taken_on"),
        )


ScoreFormSet = forms.formset_factory(ScoreForm, extra=2, max_num=10, absolute_max=12)


class NotificationForm(Form):
    notified_on = date_field("Date the parent was told")
    method = forms.ChoiceField(
        choices=NotificationMethod.choices,
        widget=forms.RadioSelect,
        label="How were they told?",
        error_messages={"required": "Choose how the parent was told."},
    )
    contact = forms.ModelChoiceField(
        queryset=None, required=False, label="Who was told", empty_label="Choose a parent or carer"
    )
    to_young_person = forms.BooleanField(
        required=False,
        label="The young person was told",
        help_text="Once a pupil is over compulsory school age, the law says the young person is told, "
        "not the parent (Children and Families Act 2014 s.68).",
    )
    notes = text_field("Notes", required=False, rows=3)

    def __init__(self, *args: Any, pupil: Pupil, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from sendsupport.pupils.models import Contact

        self.fields["contact"].queryset = Contact.objects.filter(pupil_links__pupil=pupil).order_by("last_name")


class PlanForm(Form):
    review_date = date_field(
        "Review date", help_text=date_example("Good practice is at least once a term. For example {example}.", days=84)
    )
    strategies = text_field(
        "Strategies for class teachers",
        required=False,
        help_text="What every adult teaching the pupil should do in lessons.",
    )
    support = text_field(
        "Support and interventions",
        required=False,
        help_text="What extra help the pupil gets, who gives it, how often and for how long.",
    )
    at_home = text_field("How parents can help at home", required=False, rows=3)
    version = VersionField()


class OutcomeForm(Form):
    area = forms.ChoiceField(
        choices=AREA_CHOICES, label="Area of need", error_messages={"required": "Choose the area of need."}
    )
    description = text_field(
        "The outcome", help_text="What the pupil will be able to do.", rows=3, message="Enter the outcome."
    )
    baseline = text_field("Baseline", required=False, rows=2, help_text="Where the pupil is now, with a measure.")
    target = text_field(
        "Target", required=False, rows=2, help_text="What success looks like, with a number, like 8 out of 10."
    )
    measure = text_field("How it will be measured", required=False, rows=2)
    due_date = date_field("To be met by", required=False, help_text="On or before the review date.")
    responsible = forms.ModelChoiceField(
        queryset=None, required=False, label="Member of staff responsible", empty_label="Choose a member of staff"
    )
    responsible_other = forms.CharField(
        required=False,
        max_length=200,
        label="Or someone else responsible",
        help_text="For example: speech and language therapist.",
    )
    version = VersionField()

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff
        self.fields["responsible"].label_from_instance = staff_label


class AgreeForm(Form):
    agreed_on = date_field("Date the plan was agreed")
    parents_consulted_on = date_field(
        "Date the parents were consulted on the plan",
        required=False,
        help_text="The Code of Practice (6.48) asks for the plan to be agreed in consultation with the parents. "
        "Until this is recorded, the to-do list still shows the plan as not agreed with them.",
    )
    parent_agreed_on = date_field(
        "Date the parent agreed", required=False, help_text="Leave blank if the parent has not agreed yet."
    )
    pupil_agreed_on = date_field(
        "Date the pupil agreed", required=False, help_text="Leave blank if the pupil has not agreed yet."
    )
    override_reason = text_field(
        "Anything to note about the warnings (optional)",
        required=False,
        rows=3,
        help_text="For example, why an outcome is worded as it is. The note is kept with your name. "
        "The plan is agreed either way.",
    )
    # What the page showed: the plan's version and its outcomes' (``versioning.versions_of``).
    version = VersionField()
    outcome_versions = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)

    def __init__(self, *args: Any, has_problems: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_problems:
            del self.fields["override_reason"]


class NoteForm(Form):
    written_on = date_field("Date")
    text = text_field("Note", rows=4, message="Enter the note.")
    evidence = text_field(
        "Evidence", required=False, rows=2, help_text="For example: a piece of work, a score, an observation."
    )
    measure = forms.CharField(
        required=False, max_length=200, label="Latest measure", help_text="For example: 7 out of 10 words."
    )


YES_NO = [("yes", "Yes"), ("no", "No")]
RATING_KEY = re.compile(r"^rating_(\d+)$")


class ReviewForm(Form):
    held_on = date_field("Date of the review")
    attendees = text_field("Who attended", rows=2, message="Say who attended the review.")
    parents_attended = forms.BooleanField(
        required=False,
        label="A parent or carer attended the review",
        help_text="The review then counts as one of the meetings with parents this year.",
    )
    progress_summary = text_field("Summary of progress", required=False, rows=3)
    expected_progress = forms.TypedChoiceField(
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Did the pupil make expected progress?",
        error_messages={"required": "Say whether the pupil made expected progress."},
    )
    pupil_views = text_field("The pupil's views", required=False, rows=3)
    pupil_views_absent_reason = text_field("If the pupil's views are not recorded, why not?", required=False, rows=2)
    parent_views = text_field("The parent's views", required=False, rows=3)
    parent_views_absent_reason = text_field("If the parent's views are not recorded, why not?", required=False, rows=2)
    next_step = forms.ChoiceField(
        choices=NextStep.choices,
        widget=forms.RadioSelect,
        label="Next step",
        help_text="Stepping down to monitoring or ending SEN support changes the SEN register.",
        error_messages={"required": "Choose the next step."},
    )
    next_step_notes = text_field("More about the next step", required=False, rows=2)
    next_review_date = date_field(
        "New review date, if continuing with the same plan",
        required=False,
        help_text="The next cycle starts at once with the same plan. Leave blank for the usual length of a plan.",
    )
    plan_version = VersionField()

    def __init__(self, *args: Any, outcomes: list[Outcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for number, outcome in enumerate(outcomes, start=1):
            self.fields[f"rating_{outcome.pk}"] = forms.ChoiceField(
                choices=Rating.choices,
                widget=forms.RadioSelect,
                label=f"How far was outcome {number} met?",
                error_messages={"required": f"Choose how far outcome {number} was met."},
            )
            self.fields[f"evidence_{outcome.pk}"] = text_field(
                f"Evidence for outcome {number}", rows=2, message=f"Give the evidence for outcome {number}."
            )
            self.fields[f"measure_{outcome.pk}"] = forms.CharField(
                required=False,
                max_length=200,
                label=f"Latest measure for outcome {number}",
                help_text="For example: 8 out of 10 words.",
            )
        style_added_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        known = {outcome.pk for outcome in self.outcomes}
        for key in self.data:
            match = RATING_KEY.match(key)
            if match and int(match.group(1)) not in known:
                self.add_error(
                    None,
                    f"Outcome {match.group(1)} is not in this plan: you can only rate the plan's own outcomes.",
                )
        return data

    def outcome_fields(self) -> list[tuple[Outcome, list[forms.BoundField]]]:
        return [
            (outcome, [self[f"rating_{outcome.pk}"], self[f"evidence_{outcome.pk}"], self[f"measure_{outcome.pk}"]])
            for outcome in self.outcomes
        ]

    def general_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in self.fields
            if not re.match(r"^(rating|evidence|measure)_\d+$", name) and not self.fields[name].widget.is_hidden
        ]

    def ratings(self) -> list[RatingInput]:
        return [
            RatingInput(
                outcome_id=outcome.pk,
                rating=self.cleaned_data[f"rating_{outcome.pk}"],
                evidence=self.cleaned_data[f"evidence_{outcome.pk}"],
                latest_measure=self.cleaned_data.get(f"measure_{outcome.pk}", ""),
            )
            for outcome in self.outcomes
        ]


class CloseCycleForm(Form):
    closed_on = date_field("Date the cycle closes")
    reason = text_field("Why is it closing?", rows=3, message="Say why the cycle is closing.")


class CorrectionForm(Form):
    target = forms.ChoiceField(
        label="What needs correcting", error_messages={"required": "Choose what needs correcting."}
    )
    corrected = text_field("Corrected text", rows=4, message="Enter the corrected text.")
    reason = text_field("Why is it being corrected?", rows=2, message="Say why the record is being corrected.")

    def __init__(self, *args: Any, items: list[Correctable], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "Choose a part of the record")] + [(i.key, i.label) for i in items]


class BankEntryForm(Form):
    area = forms.ChoiceField(
        choices=AREA_CHOICES, label="Area of need", error_messages={"required": "Choose the area of need."}
    )
    text = text_field("Outcome", rows=3, message="Enter the outcome.")
    example_baseline = text_field("Example baseline", required=False, rows=2)
    example_target = text_field("Example target", required=False, rows=2)
    example_measure = text_field("How it could be measured", required=False, rows=2)
