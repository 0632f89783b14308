from __future__ import annotations

from django import forms

from sendsupport.core.forms import DateInput, Form, ModelForm, date_example
from sendsupport.core.versioning import VersionField
from sendsupport.pupils.codes import NeedType, Provision, year_groups_for_phase
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import Group, School

NEED_CHOICES = [("", "None")] + [(code, f"{code} – {label}") for code, label in NeedType.choices]


class PupilForm(ModelForm):
    version = VersionField()

    class Meta:
        model = Pupil
        fields = [
            "upn",
            "legal_first_name",
            "legal_last_name",
            "preferred_first_name",
            "preferred_last_name",
            "date_of_birth",
            "sex",
            "year_group",
            "registration_group",
            "teaching_groups",
            "on_roll_from",
            "on_roll_until",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "on_roll_from": DateInput(),
            "on_roll_until": DateInput(),
            "sex": forms.RadioSelect,
            "teaching_groups": forms.CheckboxSelectMultiple,
        }
        labels = {"upn": "Unique pupil number (UPN)", "on_roll_until": "Left the school on"}
        help_texts = {
            "upn": "13 characters, for example H801200001001. A temporary UPN ends in a letter.",
            "preferred_first_name": "Leave blank if the same as the legal name.",
            "preferred_last_name": "Leave blank if the same as the legal name.",
            "date_of_birth": date_example(years=-8),
            "on_roll_until": "Leave blank while the pupil is at the school.",
        }
        error_messages = {
            "upn": {
                "unique": "Another pupil already has this UPN. Each UPN must be unique.",
                "max_length": "A UPN must be 13 characters long; this one has %(show_value)d.",
            },
            "date_of_birth": {
                "required": "Enter the pupil's date of birth.",
                "invalid": date_example("Enter the date of birth as a real date, for example {example}.", years=-8),
            },
            "on_roll_from": {
                "required": "Enter the date the pupil joined the school.",
                "invalid": date_example("Enter a real date, for example {example}.", years=-1),
            },
        }

    def __init__(self, *args, school: School, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        self.instance.school = school
        self.fields["registration_group"].queryset = Group.objects.filter(school=school, kind=Group.Kind.REGISTRATION)
        self.fields["registration_group"].empty_label = "Not in a registration group"
        self.fields["teaching_groups"].queryset = Group.objects.filter(school=school, kind=Group.Kind.TEACHING)
        self.fields["teaching_groups"].required = False
        self.fields["upn"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        # Only the year groups the school teaches (and the pupil's own, if it is unusual there).
        current = {self.instance.year_group} if self.instance.year_group else set()
        self.fields["year_group"].choices = [("", "Choose a year group")] + year_groups_for_phase(
            school.phase, also=current
        )

    def clean_upn(self) -> str:
        return (self.cleaned_data.get("upn") or "").strip().upper()


class ProvisionMembershipForm(Form):
    in_sen_unit = forms.BooleanField(required=False, label="Member of the school's SEN unit")
    in_resourced_provision = forms.BooleanField(required=False, label="Member of the school's resourced provision")

    def __init__(self, *args, school: School, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, has, what in (
            ("in_sen_unit", school.has_sen_unit, "a SEN unit"),
            ("in_resourced_provision", school.has_resourced_provision, "resourced provision"),
        ):
            self.fields[name].help_text = (
                "Only for a pupil who is a member of provision the local authority recognises "
                "(often named in the EHC plan)."
                if has
                else f"The school does not have {what} recorded in its census settings."
            )


class SENStatusForm(Form):
    provision = forms.ChoiceField(choices=Provision.choices, widget=forms.RadioSelect, label="SEN provision")
    primary_need = forms.ChoiceField(choices=NEED_CHOICES, required=False, label="Primary need (rank 1)")
    secondary_need = forms.ChoiceField(choices=NEED_CHOICES, required=False, label="Secondary need (rank 2)")
    start_date = forms.DateField(
        widget=DateInput(),
        label="Date this starts",
        error_messages={
            "required": "Enter the date this starts.",
            "invalid": date_example("Enter a real date, for example {example}."),
        },
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why was this decided?",
        help_text="For example: the evidence from the assessment and who agreed the decision.",
        error_messages={"required": "Say why this was decided, so the record explains itself."},
    )

    def needs(self) -> list[tuple[str, int]]:
        needs = []
        if self.cleaned_data.get("primary_need"):
            needs.append((self.cleaned_data["primary_need"], 1))
        if self.cleaned_data.get("secondary_need"):
            needs.append((self.cleaned_data["secondary_need"], 2))
        if not self.cleaned_data.get("primary_need") and self.cleaned_data.get("secondary_need"):
            # A secondary need alone is really a single need, which the census ranks 1 -- say so.
            needs = [(self.cleaned_data["secondary_need"], 2)]
        return needs


class ContactForm(Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    relationship = forms.CharField(max_length=60, help_text="For example: mother, father, grandparent, foster carer.")
    parental_responsibility = forms.BooleanField(required=False, label="Has parental responsibility")
    email = forms.EmailField(required=False, label="Email address")
    phone = forms.CharField(max_length=40, required=False, label="Phone number")
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    # The versions of the parent's details and of their link to this pupil the page was drawn from.
    version = VersionField()
    link_version = VersionField()
    give_access = forms.BooleanField(
        required=False,
        label="Invite them to see their child's SEN record online",
        help_text="We will email them a link to set a password. Only for people with parental responsibility.",
    )

    def clean(self):
        data = super().clean()
        if data.get("give_access") and not data.get("parental_responsibility"):
            self.add_error("give_access", "Only a parent or carer with parental responsibility can be invited.")
        if data.get("give_access") and not data.get("email"):
            self.add_error("email", "Enter an email address to send the invitation to.")
        return data
