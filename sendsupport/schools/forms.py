from __future__ import annotations

from django import forms

from sendsupport.core.forms import ModelForm
from sendsupport.schools.models import Group


class GroupForm(ModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"kind": "Type of group"}
        help_texts = {"name": "For example: 4B, Maple class, 9X/Ma1."}

    def __init__(self, *args, school, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.school = school

    def validate_unique(self) -> None:
        # The school is set on the instance, so include it in the uniqueness check.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("name", "This school already has a group of this type with that name.")
