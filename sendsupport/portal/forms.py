from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sendsupport.core.forms import Form


class SenReportForm(Form):
    url = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        label=_("Where the school publishes its SEN information report"),
        help_text=_(
            "The full web address of the report on the school's website, for example "
            "https://www.example.sch.uk/send. Parents see it as a link. Leave blank if it is not published online."
        ),
        error_messages={
            "invalid": _("Enter the web address of the report, like https://www.example.sch.uk/send."),
            "max_length": _("The web address must be 200 characters or fewer."),
        },
    )
