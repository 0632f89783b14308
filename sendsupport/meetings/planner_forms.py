"""Forms of the meeting planner: confirm (date, times, place, who is invited), move, cancel, reply."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sendsupport.core.forms import DateInput, Form, date_example
from sendsupport.meetings.forms import ParentChoiceField, StaffChoiceField
from sendsupport.meetings.models import MeetingReply
from sendsupport.meetings.selectors import staff_choices
from sendsupport.pupils.models import Pupil


def _time(label: str, example: str, missing: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=f"For example {example}.",
        widget=forms.TimeInput(attrs={"type": "time", "class": "govuk-input govuk-input--width-5"}, format="%H:%M"),
        error_messages={"required": missing, "invalid": f"Enter a time such as {example}."},
    )


class WhenWhereForm(Form):
    on = forms.DateField(
        widget=DateInput(),
        label="Date of the meeting",
        help_text=date_example("For example {example}.", days=14),
        error_messages={
            "required": "Enter the date of the meeting.",
            "invalid": date_example("Enter the date of the meeting as a real date, for example {example}.", days=14),
        },
    )
    starts = _time("Starts at", "15:30", "Enter the time the meeting starts, for example 15:30.")
    ends = _time("Ends at", "16:15", "Enter the time the meeting ends, for example 16:15.")
    place = forms.CharField(
        required=False,
        max_length=200,
        label="Where",
        help_text="For example: the SENCO's office. Leave empty for a video call only.",
    )
    video_link = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=500,
        label="Video call link (optional)",
        help_text="For example https://meet.example.org/abc-defg. Parents get it in the invitation.",
        error_messages={"invalid": "Enter the video call link as a full web address starting https://"},
    )


class MoveForm(WhenWhereForm):
    # The meeting's sequence when the page was drawn: a move by someone else since is not overwritten.
    sequence = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PlannedMeetingForm(WhenWhereForm):
    invited = ParentChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Parents and carers to invite",
        help_text="Only parents and carers with parental responsibility. Each gets an email with a calendar "
        "invitation.",
        error_messages={
            "required": "Invite at least one parent or carer.",
            "invalid_choice": "Invite only this pupil's parents or carers with parental responsibility.",
        },
    )
    staff = StaffChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Staff who will be there",
        help_text="They are told when a parent replies.",
        error_messages={"invalid_choice": "Choose only staff who work at this school."},
    )

    def __init__(self, *args: Any, pupil: Pupil, **kwargs: Any) -> None:
        from sendsupport.meetings.planning import invitable_parents

        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = invitable_parents(pupil)
        self.fields["staff"].queryset = staff_choices(pupil)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["invited"] = list(data["invited"])
        data["staff"] = list(data["staff"])
        return data


class CancelForm(Form):
    sequence = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why is it cancelled? (optional)",
        help_text="The parents see this in the email that tells them.",
    )


class ReplyForm(Form):
    answer = forms.ChoiceField(
        choices=MeetingReply.Answer.choices,
        widget=forms.RadioSelect,
        label=_("Can you come?"),
        error_messages={
            "required": _("Choose whether you can come."),
            "invalid_choice": _("Choose whether you can come."),
        },
    )
    message = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Message to the school"),
        help_text=_("If you are asking for another time, say which days and times would suit you."),
    )
