from __future__ import annotations

from typing import Any

from django import forms

from sendsupport.compliance.basis import Basis
from sendsupport.core.forms import DateInput, Form
from sendsupport.pupils.selectors import year_group_choices
from sendsupport.schools.models import CLASSROOM_STAFF, Group, School, StaffMembership
from sendsupport.support.choices import NotificationMethod


class TodoFilterForm(Form):
    duty = forms.ChoiceField(required=False, label="What needs doing", choices=[("", "Anything")])
    basis = forms.ChoiceField(
        required=False,
        label="How strong the duty is",
        choices=[("", "Any")] + [(basis.slug, basis.label) for basis in Basis],
    )
    year_group = forms.ChoiceField(required=False, label="Year group", choices=[("", "Any")])
    group = forms.ChoiceField(required=False, label="Class or group", choices=[("", "Any")])
    teacher = forms.ChoiceField(required=False, label="Teacher or teaching assistant", choices=[("", "Any")])

    def __init__(self, *args: Any, school: School, duties: list[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duty"].choices = [("", "Anything")] + list(duties)
        # Only the year groups the school teaches (and any a pupil on roll is in), as on the register.
        self.fields["year_group"].choices = [("", "Any")] + year_group_choices(school)
        self.fields["group"].choices = [("", "Any")] + [
            (str(group.pk), group.name) for group in Group.objects.filter(school=school).order_by("kind", "name")
        ]
        staff = (
            StaffMembership.objects.filter(school=school, role__in=CLASSROOM_STAFF, active=True)
            .select_related("user")
            .order_by("user__last_name", "user__first_name")
        )
        seen: dict[int, str] = {}
        for membership in staff:
            seen.setdefault(membership.user_id, str(membership.user))
        self.fields["teacher"].choices = [("", "Any")] + [(str(pk), name) for pk, name in seen.items()]


WHAT_CHOICES = [
    ("parents_told", "Parents were told that SEN support started"),
    ("plan_agreed", "The SEN support plan was agreed"),
    ("meeting_held", "A meeting with the parents was held"),
]


class BulkRecordForm(Form):
    """Record for many pupils at once what happened before the school used sendsupport."""

    pupils = forms.TypedMultipleChoiceField(
        coerce=int,
        label="Pupils",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one pupil."},
    )
    what = forms.ChoiceField(
        label="What happened",
        choices=WHAT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened."},
    )
    on = forms.DateField(
        label="Date it happened",
        widget=DateInput(),
        help_text="If you do not know the exact date, give the nearest you know.",
        error_messages={"required": "Enter the date it happened.", "invalid": "Enter a real date."},
    )
    method = forms.ChoiceField(
        label="If parents were told: how",
        required=False,
        choices=[("", "Choose how")] + list(NotificationMethod.choices),
    )
    review_date = forms.DateField(
        label="If a plan was agreed: its review date",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Enter a real review date."},
    )
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='Where the evidence is, for example "Letters sent in September 2024, copies in the paper SEN file".',
        error_messages={"required": "Enter a note saying where the evidence is."},
    )

    def __init__(self, *args: Any, pupils: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pupils"].choices = pupils

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("Enter a note saying where the evidence is.")
        return note
