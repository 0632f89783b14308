"""Signing in and out, choosing a password from an invitation, and the home page for each role."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from sendsupport.accounts.access import is_parent, la_ids_for, roles_at, schools_for
from sendsupport.accounts.forms import ChangePasswordForm, ChoosePasswordForm, SignInForm
from sendsupport.core.school_context import choose_school, current_school
from sendsupport.pupils import selectors as pupil_selectors
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Role


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class ChoosePasswordView(auth_views.PasswordResetConfirmView):
    template_name = "registration/choose_password.html"
    form_class = ChoosePasswordForm
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, "Your password is set. You can now sign in.")
        return super().form_valid(form)


class ChangePasswordView(auth_views.PasswordChangeView):
    template_name = "registration/change_password.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    school = current_school(request)
    roles = roles_at(request.user, school)
    context: dict = {"school": school, "roles": roles}
    if roles & REGISTER_MANAGERS:
        context["register_counts"] = pupil_selectors.register_counts(request.user, school)
    if roles & CLASSROOM_STAFF:
        context["my_pupils"] = pupil_selectors.my_pupils_on_register(request.user, school)
        context["is_classroom"] = True
    context["is_governor"] = Role.GOVERNOR in roles
    context["is_parent"] = is_parent(request.user)
    context["is_la_officer"] = la_ids_for(request.user).exists()
    if context["is_parent"]:
        context["children"] = pupil_selectors.children_of(request.user)
    return render(request, "accounts/home.html", context)


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
