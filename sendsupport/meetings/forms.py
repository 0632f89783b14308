from __future__ import annotations

from typing import Any

from django import forms

from sendsupport.core.forms import DateInput, Form, date_example
from sendsupport.core.versioning import VersionField
from sendsupport.meetings.models import Meeting, MeetingCorrection
from sendsupport.meetings.selectors import parent_choices, staff_choices
from sendsupport.pupils.models import Pupil
from sendsupport.schools.selectors import staff_label


class ParentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return staff_label(obj)


class MeetingForm(Form):
    held_on = forms.DateField(
        widget=DateInput(),
        label="Date of the meeting",
        help_text=date_example("For example {example}. Record a meeting once it has been held.", days=-7),
        error_messages={
            "required": "Enter the date of the meeting.",
            "invalid": date_example("Enter the date of the meeting as a real date, for example {example}.", days=-7),
        },
    )
    kind = forms.ChoiceField(
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        label="Type of meeting",
        error_messages={"required": "Choose the type of meeting."},
    )
    parents_attended = ParentChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Parents and carers who attended",
        help_text="The meeting counts towards the meetings with parents this year only if a parent or carer attended.",
        error_messages={"invalid_choice": "Choose only this pupil's parents or carers."},
    )
    staff_attendees = StaffChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Staff who attended",
        error_messages={"invalid_choice": "Choose only staff who work at this school."},
    )
    other_attendees = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Other people who attended",
        help_text="For example the pupil, or a speech and language therapist.",
    )
    discussed = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What was discussed",
        error_messages={"required": "Say what was discussed."},
    )
    agreed = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What was agreed",
        error_messages={"required": "Say what was agreed, or that nothing was agreed."},
    )
    actions = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Actions: who will do what, and by when",
    )
    version = VersionField()  # the version of the record an edit page was drawn from

    def __init__(self, *args: Any, pupil: Pupil, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parents_attended"].queryset = parent_choices(pupil)
        self.fields["staff_attendees"].queryset = staff_choices(pupil)

    @classmethod
    def initial_from(cls, meeting: Meeting) -> dict[str, Any]:
        return {
            "held_on": meeting.held_on,
            "kind": meeting.kind,
            "parents_attended": list(meeting.parents_attended.all()),
            "staff_attendees": list(meeting.staff_attendees.all()),
            "other_attendees": meeting.other_attendees,
            "discussed": meeting.discussed,
            "agreed": meeting.agreed,
            "actions": meeting.actions,
            "version": meeting.version,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["parents_attended"] = list(data["parents_attended"])
        data["staff_attendees"] = list(data["staff_attendees"])
        return data


class CorrectionForm(Form):
    part = forms.ChoiceField(
        choices=MeetingCorrection.Part.choices,
        widget=forms.RadioSelect,
        label="Which part of the record is corrected",
        error_messages={"required": "Choose which part of the record is corrected."},
    )
    correction = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What the record should say",
        error_messages={"required": "Say what the record should say."},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why it is corrected",
        help_text="For example: the parents told us the date of the next review was wrong.",
        error_messages={"required": "Say why the record is corrected."},
    )


class DeclinedMeetingForm(Form):
    offered_on = forms.DateField(
        widget=DateInput(),
        label="Date the meeting was offered",
        help_text="For example 2026-11-12.",
        error_messages={
            "required": "Enter the date the meeting was offered: a declined meeting counts only with it.",
            "invalid": "Enter the date the meeting was offered as a real date, for example 2026-11-12.",
        },
    )
    proposed_for = forms.DateField(
        required=False,
        widget=DateInput(),
        label="Date proposed for the meeting (optional)",
        error_messages={"invalid": "Enter the date proposed as a real date, for example 2026-11-19."},
    )
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="How it was offered and what the parents said (optional)",
    )
