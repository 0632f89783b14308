"""The SENCO's staff and group management, and the counts governors and LA officers see."""

from __future__ import annotations

from django.conf import settings
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
from sendsupport.accounts.selectors import pending_staff_invitations
from sendsupport.audit.remembered_pages import remember_page
from sendsupport.core.dates import today
from sendsupport.core.outbox import latest_for_keys
from sendsupport.core.permissions import base_url
from sendsupport.core.suppression import withheld_note
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.selectors import la_school_counts, la_school_ids, shareable_figures
from sendsupport.schools import services as school_services
from sendsupport.schools.forms import GroupForm, PolicyForm, SencoForm, StaffTwoFactorForm, TermsForm
from sendsupport.schools.models import AcademicYear, SchoolPolicy, StaffMembership
from sendsupport.schools.selectors import groups_of, npq_due_on, senco_record, staff_of
from sendsupport.schools.terms import has_own_terms, terms_for
from sendsupport.staff import services as staff_services


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    memberships = list(staff_of(school))
    # Invitations not yet accepted, each with its email's outcome: sent, or why not.
    pending = list(pending_staff_invitations(school))
    emails = latest_for_keys([f"invitation:{invitation.pk}" for invitation in pending])
    for invitation in pending:
        invitation.email_outcome = emails.get(f"invitation:{invitation.pk}")
    return render(
        request, "schools/staff_list.html", {"school": school, "memberships": memberships, "pending": pending}
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_add(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = StaffInviteForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        invitation = try_service(
            form,
            lambda: account_services.invite_staff(
                school=school,
                by=request.user,
                base_url=base_url(request),
                groups=list(data.pop("groups")),
                **data,
            ),
        )
        if invitation:
            messages.success(
                request,
                f"We have emailed an invitation to {invitation.email} to work here as "
                f"{invitation.get_role_display()}. They appear on this list once they accept it.",
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
@require_http_methods(["GET", "POST"])
def senco(request: HttpRequest) -> HttpResponse:
    """The school's named SENCO and deputy, set by the head or the SENCO."""
    school = school_for(request, "manage_school")
    record = senco_record(school)
    npq_years = int(settings.SENDSUPPORT.get("SENCO_NPQ_YEARS", 3))
    initial = {}
    if record is not None:
        initial = {
            name: getattr(record, name)
            for name in (
                "senco",
                "senco_email",
                "senco_phone",
                "deputy",
                "deputy_email",
                "deputy_phone",
                "qualified_teacher",
                "induction_completed",
                "appointed_on",
                "npq",
                "npq_achieved_on",
            )
        }
    form = SencoForm(request.POST or None, initial=initial, school=school, npq_years=npq_years)
    if request.method == "POST" and form.is_valid():
        try_service(form, lambda: school_services.set_senco(school=school, by=request.user, **form.cleaned_data))
        if not form.errors:
            messages.success(request, "The school's SENCO details have been saved.")
            return redirect("schools:senco")
    return form_page(
        request,
        form,
        "schools/senco.html",
        record=record,
        npq_due_on=npq_due_on(record) if record else None,
        page_title="The school's SENCO",
        caption=school.name,
        submit_label="Save SENCO details",
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
@remember_page
def overview(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "view_school_aggregates")
    return render(
        request,
        "schools/overview.html",
        {"school": school, "figures": shareable_figures(school), "withheld_note": withheld_note()},
    )


@login_required
@remember_page(schools=la_school_ids)
def la_overview(request: HttpRequest) -> HttpResponse:
    if not is_la_officer(request.user):
        raise Http404("Not found")
    return render(
        request, "schools/la_overview.html", {"rows": la_school_counts(request.user), "withheld_note": withheld_note()}
    )


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    """The figures the to-do list checks against, and the term dates, for the head or SENCO to change."""
    school = school_for(request, "manage_school")
    policy = SchoolPolicy.for_school(school)
    this_year = AcademicYear.start_year_for(today())
    years = [(year, terms_for(school, year), has_own_terms(school, year)) for year in (this_year, this_year + 1)]
    figures = [(SchoolPolicy._meta.get_field(name), getattr(policy, name)) for name in SchoolPolicy.FIGURES]
    return render(
        request,
        "schools/settings.html",
        {"school": school, "figures": figures, "years": years, "staff_two_factor": policy.staff_two_factor},
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_edit(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    policy = SchoolPolicy.for_school(school)
    form = StaffTwoFactorForm(request.POST or None, initial={"required": "yes" if policy.staff_two_factor else "no"})
    if request.method == "POST" and form.is_valid():
        required = form.cleaned_data["required"]
        try_service(
            form, lambda: school_services.save_staff_two_factor(school=school, by=request.user, required=required)
        )
        if not form.errors:
            messages.success(
                request,
                "Every member of staff must now use two-factor sign-in."
                if required
                else "Only SENCOs and heads must now use two-factor sign-in.",
            )
            return redirect("schools:settings")
    return form_page(
        request,
        form,
        page_title="Two-factor sign-in for staff",
        caption=school.name,
        intro="With two-factor sign-in, staff enter a code from an app on their phone as well as their password.",
        back_url=reverse("schools:settings"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    policy = SchoolPolicy.for_school(school)
    form = PolicyForm(request.POST or None, initial={name: getattr(policy, name) for name in SchoolPolicy.FIGURES})
    if request.method == "POST" and form.is_valid():
        try_service(form, lambda: school_services.save_policy(school=school, by=request.user, **form.cleaned_data))
        if not form.errors:
            messages.success(request, "The school's figures have been saved. The to-do list uses them from now on.")
            return redirect("schools:settings")
    return form_page(
        request,
        form,
        page_title="Change the figures the to-do list checks",
        caption=school.name,
        intro="Each figure starts at the national default from the SEND Code of Practice or the law. "
        "Change one only where your school's SEN policy sets a different one.",
        back_url=reverse("schools:settings"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def terms_edit(request: HttpRequest, start_year: int) -> HttpResponse:
    school = school_for(request, "manage_school")
    this_year = AcademicYear.start_year_for(today())
    if start_year not in (this_year - 1, this_year, this_year + 1):
        raise Http404("Term dates are set for last, this or next school year")
    initial = {f"{t.name}_{part}": getattr(t, part) for t in terms_for(school, start_year) for part in ("start", "end")}
    form = TermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try_service(
            form,
            lambda: staff_services.save_terms(
                school=school, by=request.user, start_year=start_year, dates=form.dates()
            ),
        )
        if not form.errors:
            messages.success(request, f"The term dates for {start_year}/{str(start_year + 1)[-2:]} have been saved.")
            return redirect("schools:settings")
    return form_page(
        request,
        form,
        page_title=f"Term dates for {start_year}/{str(start_year + 1)[-2:]}",
        caption=school.name,
        intro="Meetings with parents are expected about once a term, counted from these dates.",
        back_url=reverse("schools:settings"),
    )
