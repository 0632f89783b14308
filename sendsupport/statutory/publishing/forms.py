"""Forms for the written parts, training records and the accessibility plan."""

from __future__ import annotations

from django import forms

from sendsupport.core.forms import DateInput, ModelForm, date_example
from sendsupport.statutory.publishing.models import WRITTEN_FIELDS, AccessibilityAction, ReportDraft, TrainingRecord

LONG = 6000
TOO_LONG = {"max_length": "Keep this to %(limit_value)d characters or fewer."}


def _long_text(form: forms.ModelForm, names: list[str]) -> None:
    for name in names:
        field = form.fields[name]
        field.max_length = LONG
        field.widget = forms.Textarea(attrs={"rows": 5, "class": "govuk-textarea"})
        field.error_messages.update(TOO_LONG)
        field.validators.append(forms.CharField(max_length=LONG).validators[0])


class ReportTextForm(ModelForm):
    """Every written item of the report, each optional: a draft may be saved at any stage."""

    local_offer_url = forms.URLField(
        label=ReportDraft._meta.get_field("local_offer_url").verbose_name,
        required=False,
        assume_scheme="https",
        help_text="Leave empty to use the local authority's record.",
        error_messages={
            "invalid": "Enter the Local Offer address as a web address, like https://www.example.gov.uk/local-offer."
        },
    )

    class Meta:
        model = ReportDraft
        fields = [*WRITTEN_FIELDS, "sendiass_contact", "local_offer_url"]
        help_texts = {
            "sendiass_contact": "Only if the local authority's record above lacks them, or to add to them.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _long_text(self, [*WRITTEN_FIELDS, "sendiass_contact"])


class StrategyForm(ModelForm):
    class Meta:
        model = ReportDraft
        fields = ["strategy_start_year", "strategy_aims", "strategy_review"]
        labels = {"strategy_start_year": "Academic year the strategy covers, starting in September of"}
        help_texts = {
            "strategy_start_year": "For example 2026 for the year 2026 to 2027. Costs come from the provision map for that year.",
            "strategy_aims": "The barriers to learning and participation the school works to remove, and how.",
            "strategy_review": "When the strategy is reviewed each year, by whom, and what the last review found.",
        }
        error_messages = {"strategy_start_year": {"invalid": "Enter the year as four digits, like 2026."}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strategy_start_year"].required = True
        self.fields["strategy_start_year"].error_messages["required"] = "Enter the year the strategy covers, like 2026."
        self.fields["strategy_start_year"].widget.attrs.update(
            {"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}
        )
        _long_text(self, ["strategy_aims", "strategy_review"])

    def clean_strategy_start_year(self) -> int:
        year = self.cleaned_data["strategy_start_year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("Enter the year as four digits, like 2026.")
        return year


class PlanDatesForm(ModelForm):
    class Meta:
        model = ReportDraft
        fields = ["plan_starts_on", "plan_ends_on", "plan_review_on"]
        widgets = {name: DateInput() for name in fields}
        help_texts = {
            "plan_starts_on": "A plan usually covers three years.",
            "plan_review_on": date_example("At least once a year. For example {example}", years=1),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].error_messages["invalid"] = "Enter a real date, like 2026-09-01."
        self.fields["plan_review_on"].required = True
        self.fields["plan_review_on"].error_messages["required"] = "Enter the date the plan is next reviewed."


class TrainingForm(ModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["course", "attended_by", "completed_on"]
        widgets = {"completed_on": DateInput()}
        error_messages = {
            "course": {"required": "Enter the name of the course or training."},
            "attended_by": {"required": "Enter who took it, for example all teaching assistants."},
            "completed_on": {
                "required": "Enter the date it was completed.",
                "invalid": "Enter a real date, like 2026-03-14.",
            },
        }


class ActionForm(ModelForm):
    class Meta:
        model = AccessibilityAction
        fields = ["area", "action", "owner", "target_on", "status"]
        widgets = {"target_on": DateInput(), "area": forms.RadioSelect, "status": forms.RadioSelect}
        error_messages = {
            "area": {"required": "Choose the area of the plan the action belongs to."},
            "action": {"required": "Enter what will be done."},
            "owner": {"required": "Enter who is responsible for the action."},
            "target_on": {"required": "Enter the target date.", "invalid": "Enter a real date, like 2027-07-20."},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = AccessibilityAction.Area.choices
        self.fields["status"].choices = AccessibilityAction.Status.choices
