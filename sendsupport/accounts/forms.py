from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm

from sendsupport.core.forms import Form, GovUKFormMixin
from sendsupport.schools.models import Group, Role


class SignInForm(GovUKFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "The username or password is not right. Check them and try again.",
        "inactive": "This account has been switched off. Ask your school's SENCO for help.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class ChoosePasswordForm(GovUKFormMixin, SetPasswordForm):
    pass


class ChangePasswordForm(GovUKFormMixin, PasswordChangeForm):
    pass


class StaffInviteForm(Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(help_text="We will email an invitation link to this address.")
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)
    job_title = forms.CharField(max_length=100, required=False, help_text="Optional. For example: Year 4 teacher.")
    groups = forms.ModelMultipleChoiceField(
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Groups they teach or support",
        help_text="Teachers and teaching assistants see the pupils in these groups.",
    )

    def __init__(self, *args, school, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = Group.objects.filter(school=school)


class StaffEditForm(Form):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)
    job_title = forms.CharField(max_length=100, required=False)
    active = forms.BooleanField(required=False, label="Can sign in and work at this school")
    groups = forms.ModelMultipleChoiceField(
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Groups they teach or support",
    )

    def __init__(self, *args, school, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = Group.objects.filter(school=school)
