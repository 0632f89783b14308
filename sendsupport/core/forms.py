"""GOV.UK Design System markup for every Django form, via a form renderer.

Templates write GOV.UK Frontend's component markup directly (govuk-frontend-django's template
tags compiled a Jinja template on every render, about 40 ms a page); form fields are rendered by
these templates so every field gets a label, hint, error message and the right classes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.functional import lazy

from sendsupport.core.dates import today
from sendsupport.core.versioning import StaleEdit, show_newer_version

WIDGET_CLASSES = {
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.URLInput: "govuk-input",
    forms.NumberInput: "govuk-input govuk-input--width-5",
    forms.PasswordInput: "govuk-input govuk-password-input__input",
    forms.DateInput: "govuk-input govuk-input--width-10",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class DateInput(forms.DateInput):
    """A native date field: keyboard-friendly, and accepts typed dates in browsers without a picker."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _example_date(text: str, days: int, years: int) -> str:
    day = today() + timedelta(days=days)
    if years:
        day = day.replace(year=day.year + years, day=min(day.day, 28))
    return text.format(example=day.isoformat())


_lazy_example = lazy(_example_date, str)


def date_example(text: str = "For example {example}", *, days: int = 0, years: int = 0) -> str:
    """A hint or message with an example date worked out from today when the page is drawn.

    ``{example}`` in ``text`` becomes a date ``days`` and ``years`` from today, in the form the date
    input takes (2026-12-01): a fixed example goes stale ("For example 2025-11-20" in December 2026).
    """
    return _lazy_example(text, days, years)


def date_field(label: str, *, required: bool = True, help_text: Any = None) -> forms.DateField:
    """The one date field: typed as YYYY-MM-DD, its messages name it ("Enter the date of the request"),
    and its example date is worked out from today when the page is drawn."""
    lower = label[0].lower() + label[1:]
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=date_example() if help_text is None else help_text,
        error_messages={
            "required": f"Enter the {lower}.",
            "invalid": date_example(f"Enter the {lower} as a real date, for example {{example}}."),
        },
    )


class GovUKFormMixin:
    """Adds GOV.UK classes to widgets and the error class to fields with errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            for widget_class, css in WIDGET_CLASSES.items():
                if type(widget) is widget_class or (
                    isinstance(widget, widget_class) and widget_class is not forms.TextInput
                ):
                    widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
                    break

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                error_class = {
                    "govuk-select": "govuk-select--error",
                    "govuk-textarea": "govuk-textarea--error",
                    "govuk-file-upload": "govuk-file-upload--error",
                }
                current = widget.attrs.get("class", "")
                extra = next((cls for key, cls in error_class.items() if key in current), "govuk-input--error")
                if "checkbox" not in type(widget).__name__.lower() and "radio" not in type(widget).__name__.lower():
                    widget.attrs["class"] = (current + " " + extra).strip()
                widget.attrs["aria-describedby"] = f"{name}-error"


class Form(GovUKFormMixin, forms.Form):
    pass


class ModelForm(GovUKFormMixin, forms.ModelForm):
    pass


def apply_validation_error(form: forms.BaseForm, error: Any) -> None:
    """Put a service's ValidationError onto the form, field by field, so the page names the field."""
    if isinstance(error, StaleEdit):
        show_newer_version(form, error)
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
