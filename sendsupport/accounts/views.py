"""Signing in and out, choosing a password from an invitation, and choosing which school to work in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from sendsupport.accounts.access import schools_for
from sendsupport.accounts.forms import ChangePasswordForm, ChoosePasswordForm, SignInForm
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


class ChoosePasswordView(InvalidFormIs400, auth_views.PasswordResetConfirmView):
    template_name = "registration/choose_password.html"
    form_class = ChoosePasswordForm
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, "Your password is set. You can now sign in.")
        return super().form_valid(form)


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
