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
from sendsupport.compliance.duties import DUTY_TITLES
from sendsupport.compliance.engine import todo_list
from sendsupport.core.dates import today
from sendsupport.core.school_context import choose_school, current_school
from sendsupport.pupils import selectors as pupil_selectors
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Role
from sendsupport.support.selectors import plans_for_teacher

# The SENCO's home page shows the most urgent items; the to-do page shows them all.
HOME_TODO_ITEMS = 10


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
        todo = todo_list(request.user, school, today=today())
        context["todo_items"] = todo.items[:HOME_TODO_ITEMS]
        context["todo_total"] = len(todo.items)
        context["todo_counts"] = [row for row in todo.counts if row[2]]
        context["duty_titles"] = DUTY_TITLES
    if roles & CLASSROOM_STAFF:
        context["my_plans"] = plans_for_teacher(request.user, school)
        with_plans = {item.pupil.pk for item in context["my_plans"]}
        context["without_plans"] = [
            pupil for pupil in pupil_selectors.my_pupils_on_register(request.user, school) if pupil.pk not in with_plans
        ]
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
