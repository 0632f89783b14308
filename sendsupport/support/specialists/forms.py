from __future__ import annotations

from django import forms

from sendsupport.core.forms import DateInput, Form, date_example
from sendsupport.support.specialists.documents import ALLOWED_DESCRIPTION, max_document_bytes
from sendsupport.support.specialists.models import SpecialistInvolvement


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text or date_example("For example {example}.", days=-7),
        error_messages={
            "required": f"Enter the {label[0].lower()}{label[1:]}.",
            "invalid": date_example(
                f"Enter the {label[0].lower()}{label[1:]} as a real date, for example {{example}}.", days=-7
            ),
        },
    )


class ReferralForm(Form):
    professional_type = forms.ChoiceField(
        label="Type of professional",
        choices=SpecialistInvolvement.Professional.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of professional."},
    )
    professional_type_other = forms.CharField(
        label="If other, what kind of professional", required=False, max_length=100
    )
    professional_name = forms.CharField(label="Name of the professional", required=False, max_length=150)
    organisation = forms.CharField(label="Service or organisation", required=False, max_length=200)
    reason = forms.CharField(
        label="Why the pupil was referred", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    referral_date = _date_field("Date of referral")
    parental_consent = forms.BooleanField(
        label="The parents have given their consent to this referral",
        required=False,
        help_text="A referral can only be recorded with the parents' consent.",
    )
    consent_date = _date_field("Date the parents gave consent", required=False)

    @classmethod
    def initial_from(cls, involvement: SpecialistInvolvement) -> dict:
        return {name: getattr(involvement, name) for name in cls.base_fields if hasattr(involvement, name)}


class InvolvementForm(ReferralForm):
    status = forms.ChoiceField(
        label="Where this has got to",
        choices=SpecialistInvolvement.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the involvement has got to."},
    )
    how_plan_used_it = forms.CharField(
        label="How the plan used the advice",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: the outcomes and strategies in the plan that came from this advice.",
    )


class AdviceForm(Form):
    advice_received_on = _date_field("Date the advice was received")
    advice = forms.CharField(
        label="Summary of the advice",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Write a summary, upload the document, or both.",
    )
    advice_document = forms.FileField(
        label="Advice document",
        required=False,
        widget=forms.FileInput,
        error_messages={"empty": "The file is empty. Upload the document itself."},
    )
    how_plan_used_it = forms.CharField(
        label="How the plan used the advice",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="You can add this later, once the plan has been reviewed.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_mb = max_document_bytes() // (1024 * 1024)
        self.fields["advice_document"].help_text = (
            f"Upload {ALLOWED_DESCRIPTION}, no larger than {limit_mb} MB. "
            "A new file replaces the one shown; the earlier one is kept in the record's history."
        )
