"""Signing in and out, accepting an invitation, and choosing which school to work in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from sendsupport.accounts import services
from sendsupport.accounts.access import schools_for
from sendsupport.accounts.forms import ChangePasswordForm, ChoosePasswordForm, SignInForm
from sendsupport.accounts.models import User
from sendsupport.accounts.school_context import choose_school


class InvalidFormIs400:
    """A form that fails validation re-renders with status 400, as on every other page."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignInView(InvalidFormIs400, auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class ChangePasswordView(InvalidFormIs400, auth_views.PasswordChangeView):
    template_name = "registration/change_password.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("home")
    # forms/page.html draws the heading and button from these; without them the h1 was empty.
    extra_context = {
        "page_title": "Change your password",
        "intro": "Enter your current password, then choose a new one of at least 12 characters.",
        "submit_label": "Change password",
        "back_url": reverse_lazy("home"),
    }

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def choose_school_view(request: HttpRequest) -> HttpResponse:
    schools = list(schools_for(request.user).order_by("name"))
    if not schools:
        raise Http404("Not found")
    if request.method == "POST":
        chosen = next((s for s in schools if str(s.pk) == request.POST.get("school")), None)
        if chosen is None:
            return render(
                request,
                "accounts/choose_school.html",
                {"schools": schools, "error": "Choose one of your schools."},
                status=400,
            )
        choose_school(request, chosen)
        messages.success(request, f"You are now working at {chosen.name}.")
        return redirect("home")
    return render(request, "accounts/choose_school.html", {"schools": schools})


def _invitation_page(request: HttpRequest, state: str, status: int = 200, **context) -> HttpResponse:
    context = {"state": state, "days": services.INVITATION_LIFETIME.days, **context}
    response = render(request, "accounts/invitation.html", context, status=status)
    add_never_cache_headers(response)  # the page's address is the secret
    return response


@require_http_methods(["GET", "POST"])
def accept_invitation_view(request: HttpRequest, token: str) -> HttpResponse:
    """Follow an invitation link: a newcomer chooses a password; an account holder signs in, then accepts.

    Nothing is linked until this page's form is sent, and only for the person the email was for.
    """
    invitation = services.find_invitation(token)
    if invitation is None or not invitation.usable():
        return _invitation_page(request, "unusable", status=410)
    existing = services.account_for_email(invitation.email)
    context = {"invitation": invitation}
    if existing is not None and existing.has_usable_password():
        if not request.user.is_authenticated:
            sign_in = f"{reverse('login')}?next={request.path}"
            return _invitation_page(request, "sign_in", sign_in_url=sign_in, **context)
        if request.user.pk != existing.pk:
            return _invitation_page(request, "wrong_account", status=403, **context)
        if request.method == "POST":
            try:
                services.accept_invitation(invitation=invitation, user=request.user)
            except services.InvitationUnusable:
                return _invitation_page(request, "unusable", status=410)
            except ValidationError as error:
                return _invitation_page(request, "refused", status=400, errors=error.messages, **context)
            messages.success(request, _accepted_message(invitation))
            return redirect("home")
        return _invitation_page(request, "confirm", **context)
    if request.user.is_authenticated:
        # Someone else is signed in on this computer: the new account must not be mixed up with theirs.
        return _invitation_page(request, "wrong_account", status=403, **context)
    prospective = existing or User(
        username=services.proposed_username(invitation),
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        email=invitation.email,
    )
    form = ChoosePasswordForm(prospective, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation_with_new_password(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except services.InvitationUnusable:
            return _invitation_page(request, "unusable", status=410)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"Your password is set. Sign in with your username, {user.username}.")
            return redirect("login")
    status = 400 if form.errors else 200
    return _invitation_page(
        request, "choose_password", status=status, form=form, username=prospective.username, **context
    )


def _accepted_message(invitation) -> str:
    if invitation.kind == invitation.Kind.STAFF:
        return f"You now work at {invitation.school.name} as {invitation.get_role_display()}."
    return f"You can now see your child's support at {invitation.school.name}."
