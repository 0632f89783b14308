"""The SENCO's staff and group management, and the counts governors and LA officers see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sendsupport.accounts import services as account_services
from sendsupport.accounts.access import is_la_officer
from sendsupport.accounts.forms import StaffEditForm, StaffInviteForm
from sendsupport.accounts.school_context import school_for
from sendsupport.core.permissions import base_url
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.selectors import la_school_counts, school_aggregates
from sendsupport.schools.forms import GroupForm
from sendsupport.schools.models import StaffMembership
from sendsupport.schools.selectors import groups_of, staff_of


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    return render(request, "schools/staff_list.html", {"school": school, "memberships": staff_of(school)})


@login_required
@require_http_methods(["GET", "POST"])
def staff_add(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = StaffInviteForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        membership = try_service(
            form,
            lambda: account_services.invite_staff(
                school=school,
                by=request.user,
                base_url=base_url(request),
                groups=list(data.pop("groups")),
                **data,
            ),
        )
        if membership:
            messages.success(
                request,
                f"{membership.user} has been added as {membership.get_role_display()}. "
                "If they are new, we have emailed them a link to set a password.",
            )
            return redirect("schools:staff")
    return form_page(
        request,
        form,
        page_title="Add a member of staff",
        submit_label="Add and send invitation",
        back_url=reverse("schools:staff"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, membership_id: int) -> HttpResponse:
    school = school_for(request, "manage_school")
    membership = get_object_or_404(StaffMembership.objects.select_related("user"), pk=membership_id, school=school)
    initial = {
        "role": membership.role,
        "job_title": membership.job_title,
        "active": membership.active,
        "groups": list(membership.user.teaching_groups.filter(school=school)),
    }
    form = StaffEditForm(request.POST or None, initial=initial, school=school)
    if request.method == "POST" and form.is_valid():
        try_service(
            form,
            lambda: account_services.update_staff(
                membership=membership,
                by=request.user,
                role=form.cleaned_data["role"],
                job_title=form.cleaned_data["job_title"],
                active=form.cleaned_data["active"],
                groups=list(form.cleaned_data["groups"]),
            ),
        )
        if not form.errors:
            messages.success(request, f"{membership.user}'s role and groups have been saved.")
            return redirect("schools:staff")
    return form_page(
        request,
        form,
        page_title=f"Edit {membership.user}'s role and groups",
        caption=school.name,
        back_url=reverse("schools:staff"),
    )


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    return render(request, "schools/group_list.html", {"school": school, "groups": groups_of(school)})


@login_required
@require_http_methods(["GET", "POST"])
def group_add(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = GroupForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, f"{group.name} has been added.")
        return redirect("schools:groups")
    return form_page(
        request,
        form,
        page_title="Add a group",
        submit_label="Add group",
        back_url=reverse("schools:groups"),
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "view_school_aggregates")
    return render(request, "schools/overview.html", {"school": school, "figures": school_aggregates(school)})


@login_required
def la_overview(request: HttpRequest) -> HttpResponse:
    if not is_la_officer(request.user):
        raise Http404("Not found")
    return render(request, "schools/la_overview.html", {"rows": la_school_counts(request.user)})
