"""The register's filter selects are written in Python (``pupils.filters.FilterSelect``) for speed;
they must draw exactly what the select template draws, for every kind of option."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django import forms
from django.utils.safestring import mark_safe

from sendsupport.core.forms import Form
from sendsupport.pupils.filters import FilterSelect
from sendsupport.schools.models import Group

CHOICES = [
    ("", "Any"),
    ("K", "SEN support"),
    ("<&\"'>", 'Escaped <b>label</b> & "quotes"'),
    ("safe", mark_safe("<i>safe label</i>")),
    (7, "A number"),
    ("Group", [("a", "Inside A"), ("b&", "Inside <B>")]),
]


def _both(make_field: Callable[[type[forms.Select]], forms.Field], data: dict[str, str] | None) -> tuple[str, str]:
    """The field drawn through the template (``forms.Select``) and through ``FilterSelect``."""

    def drawn(widget: type[forms.Select]) -> str:
        form = Form(data)
        form.fields["choice"] = make_field(widget)
        return str(form["choice"])

    return drawn(forms.Select), drawn(FilterSelect)


@pytest.mark.parametrize("data", [None, {"choice": "K"}, {"choice": "b&"}, {"choice": "nonsense"}])
def test_filter_select_matches_the_template(data):
    template, fast = _both(lambda widget: forms.ChoiceField(choices=CHOICES, required=False, widget=widget), data)
    assert fast == template
    assert "<option" in fast


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", [False, True])
def test_filter_select_matches_the_template_for_groups(school, class_4a, class_5b, chosen):
    Group.objects.create(school=school, name='6<C>&"', kind=Group.Kind.REGISTRATION)

    def field(widget: type[forms.Select]) -> forms.Field:
        return forms.ModelChoiceField(
            queryset=Group.objects.order_by("name"), required=False, empty_label="Any", widget=widget
        )

    template, fast = _both(field, {"choice": str(class_5b.pk)} if chosen else None)
    assert fast == template
    assert (f'value="{class_5b.pk}" selected' in fast) is chosen
