from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sendsupport.core.forms import Form
from sendsupport.linkbook.models import TEXT_LIMIT, LinkBookEntry
from sendsupport.linkbook.selectors import reader_choices
from sendsupport.pupils.models import Pupil
from sendsupport.schools.selectors import staff_label

TEXT_HINT = format_lazy(
    _("Up to {limit} characters. Once sent it cannot be changed: to correct it, add a reply."), limit=TEXT_LIMIT
)


class EntryForm(Form):
    kind = forms.ChoiceField(
        choices=LinkBookEntry.Kind.choices,
        widget=forms.RadioSelect,
        label=_("What is it about?"),
        error_messages={
            "required": _("Choose what your message is about: something positive, a difficulty or other news."),
            "invalid_choice": _("Choose what your message is about: something positive, a difficulty or other news."),
        },
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Your message"),
        help_text=TEXT_HINT,
        strip=True,
        error_messages={"required": _("Write your message.")},
    )


class ReplyForm(Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Your reply"),
        help_text=TEXT_HINT,
        strip=True,
        error_messages={"required": _("Write your reply.")},
    )


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return staff_label(obj)


class ReadersForm(Form):
    readers = StaffChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Staff who can read and write in the link book"),
        help_text=_(
            "The SENCO and the head teacher always can. Choose the others, for example the class teacher "
            "and the teaching assistant. They are emailed when the parents write."
        ),
        error_messages={"invalid_choice": _("Choose only teachers and teaching assistants who work with this pupil.")},
    )

    def __init__(self, *args: Any, pupil: Pupil, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["readers"].queryset = reader_choices(pupil)
