"""One filter definition for lists of pupils: the register page and the API's pupil list use it alike.

The caller supplies the queryset, already scoped to what the user may see (``visible_pupils``);
filters only ever narrow it.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from sendsupport.core.forms import Form
from sendsupport.pupils.codes import YEAR_GROUPS, BroadArea, NeedType, Provision, need_types_in_area
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import Group

# A search of a few names, a UPN or a class never needs more. Longer text is cut, not refused, and
# the cap keeps a pasted page of text from building a query too large for SQLite
# ("Expression tree is too large").
MAX_SEARCH_WORDS = 6
MAX_WORD_LENGTH = 40
MAX_SEARCH_LENGTH = 100

ON_REGISTER = "sen"
EVERYONE = "all"
SHOW_CHOICES = [
    (ON_REGISTER, "Only pupils with SEN (SEN support or an EHC plan)"),
    (EVERYONE, "Everyone on roll"),
]


def _shown(value: Any) -> str:
    """``{{ value }}`` in a template: localised, made text and escaped unless already safe."""
    return conditional_escape(localize(value))


def _shown_as_text(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe value safe, so it is not escaped again."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 - the filter's own formatting
    return _shown(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308 - safe only if it was


def _attrs_html(attrs: dict[str, Any]) -> str:
    """Django's ``django/forms/widgets/attrs.html``, written in Python."""
    return "".join(
        f" {_shown(name)}" + ("" if value is True else f'="{_shown_as_text(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class FilterSelect(forms.Select):
    """A select that writes ``templates/django/forms/widgets/select.html``'s HTML in Python, byte for
    byte the same: the register's five filter selects have over a hundred options, and drawing them
    through the template cost about a third of the page (``test_filter_select_matches_the_template``
    compares the two)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_shown(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{_shown_as_text(option["value"])}"{_attrs_html(option["attrs"])}>'
                    f"{_shown(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # The form renderer strips what a template draws; nothing here starts or ends with space.
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped as the template does


def search_words(text: str) -> list[str]:
    """At most 6 words of at most 40 characters, from the first 100 characters; control characters
    (which no name holds, and PostgreSQL refuses as NUL) separate words."""
    text = "".join(" " if ord(char) < 32 or ord(char) == 127 else char for char in (text or "")[:MAX_SEARCH_LENGTH])
    return [word[:MAX_WORD_LENGTH] for word in text.split()[:MAX_SEARCH_WORDS]]


def search_query(text: str) -> Q:
    """Every word must match a legal or preferred name (any part), the UPN or the registration group.

    "Maya Evans" finds Maya Evans, "maya 4a" finds the Mayas in 4A, a whole UPN finds that pupil.
    """
    query = Q()
    for word in search_words(text):
        query &= (
            Q(legal_first_name__icontains=word)
            | Q(legal_last_name__icontains=word)
            | Q(preferred_first_name__icontains=word)
            | Q(preferred_last_name__icontains=word)
            | Q(upn__iexact=word)
            | Q(registration_group__name__iexact=word)
        )
    return query


class PupilFilterSet(django_filters.FilterSet):
    """Search, SEN status, need, broad area, year group and class. Annotates current SEN itself."""

    q = django_filters.CharFilter(
        label="Name, UPN or class",
        method="filter_search",
        help_text="For example: Maya Evans, H801200001001 or 4A",
    )
    show = django_filters.ChoiceFilter(
        label="Show", choices=SHOW_CHOICES, method="filter_show", empty_label=None, widget=forms.RadioSelect
    )
    status = django_filters.ChoiceFilter(
        label="SEN status", choices=Provision.choices, method="filter_status", empty_label="Any", widget=FilterSelect
    )
    area = django_filters.ChoiceFilter(
        label="Broad area of need",
        choices=BroadArea.choices,
        method="filter_area",
        empty_label="Any",
        widget=FilterSelect,
    )
    need = django_filters.ChoiceFilter(
        label="Type of need",
        choices=[(code, f"{code} – {label}") for code, label in NeedType.choices],
        method="filter_need",
        empty_label="Any",
        widget=FilterSelect,
    )
    year_group = django_filters.ChoiceFilter(
        label="Year group", choices=YEAR_GROUPS, field_name="year_group", empty_label="Any", widget=FilterSelect
    )
    group = django_filters.ModelChoiceFilter(
        label="Class or group",
        queryset=Group.objects.none(),
        method="filter_group",
        empty_label="Any",
        widget=FilterSelect,
    )

    class Meta:
        model = Pupil
        fields: list[str] = []
        form = Form

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Pupil] | None = None,
        *,
        groups: QuerySet[Group] | None = None,
        year_groups: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        base = queryset if queryset is not None else Pupil.objects.none()
        super().__init__(data, queryset=with_current_sen(base), **kwargs)
        if groups is not None:
            self.filters["group"].queryset = groups
        if year_groups is not None:
            self.filters["year_group"].extra["choices"] = year_groups

    def filter_search(self, queryset: QuerySet[Pupil], name: str, value: str) -> QuerySet[Pupil]:
        return queryset.filter(search_query(value))

    def filter_show(self, queryset: QuerySet[Pupil], name: str, value: str) -> QuerySet[Pupil]:
        # A status chosen by name wins: "No special educational provision" must not come back empty.
        if value == ON_REGISTER and not self.form.cleaned_data.get("status"):
            return queryset.filter(current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN])
        return queryset

    def filter_status(self, queryset: QuerySet[Pupil], name: str, value: str) -> QuerySet[Pupil]:
        if value == Provision.NONE:
            # A pupil with no status recorded has no special educational provision.
            return queryset.filter(Q(current_provision=Provision.NONE) | Q(current_provision__isnull=True))
        return queryset.filter(current_provision=value)

    def filter_need(self, queryset: QuerySet[Pupil], name: str, value: str) -> QuerySet[Pupil]:
        return queryset.filter(Q(primary_need=value) | Q(secondary_need=value))

    def filter_area(self, queryset: QuerySet[Pupil], name: str, value: str) -> QuerySet[Pupil]:
        codes = need_types_in_area(value)
        return queryset.filter(Q(primary_need__in=codes) | Q(secondary_need__in=codes))

    def filter_group(self, queryset: QuerySet[Pupil], name: str, value: Group) -> QuerySet[Pupil]:
        # A subquery, not a join: a pupil in the group twice over (registered and taught) is listed once.
        taught = Pupil.teaching_groups.through.objects.filter(group=value).values("pupil_id")
        return queryset.filter(Q(registration_group=value) | Q(pk__in=taught))

    @property
    def ordered(self) -> QuerySet[Pupil]:
        return self.qs.order_by("legal_last_name", "legal_first_name", "pk")


def register_filterset(user: Any, school: Any, data: Any) -> PupilFilterSet:
    """The register page's filters over the pupils on roll at ``school`` that ``user`` may see.

    Only pupils with SEN unless the person asks for everyone on roll.
    """
    from sendsupport.pupils.selectors import groups_at, on_roll_at, year_group_choices

    data = data.copy()
    if data.get("show") not in {ON_REGISTER, EVERYONE}:
        data["show"] = ON_REGISTER
    return PupilFilterSet(
        data,
        on_roll_at(user, school),
        groups=groups_at(school),
        year_groups=year_group_choices(school),
    )
