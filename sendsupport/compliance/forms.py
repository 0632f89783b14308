from __future__ import annotations

from django import forms

from sendsupport.core.forms import Form
from sendsupport.pupils.codes import YEAR_GROUPS
from sendsupport.schools.models import CLASSROOM_STAFF, Group, School, StaffMembership


class TodoFilterForm(Form):
    year_group = forms.ChoiceField(required=False, label="Year group", choices=[("", "Any")] + YEAR_GROUPS)
    group = forms.ChoiceField(required=False, label="Class or group", choices=[("", "Any")])
    teacher = forms.ChoiceField(required=False, label="Teacher or teaching assistant", choices=[("", "Any")])

    def __init__(self, *args, school: School, **kwargs) -> None:
        super().__init__(*args, **kwargs)
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
