"""Pupil pages: the register, a pupil's record, adding and editing pupils, SEN status and parents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.accounts.access import is_parent, is_staff_at, is_staff_for, manages
from sendsupport.accounts.school_context import current_school, school_for
from sendsupport.audit.remembered_pages import remember_page
from sendsupport.audit.services import pupils_shown, record_list_view, record_view
from sendsupport.core.models import OutboundEmail
from sendsupport.core.numbers import ascii_int
from sendsupport.core.outbox import latest_for
from sendsupport.core.permissions import base_url
from sendsupport.core.templatetags.sendsupport_tags import get_item
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils import selectors, services
from sendsupport.pupils.codes import NeedType, Provision
from sendsupport.pupils.filters import EVERYONE, register_filterset
from sendsupport.pupils.forms import ContactForm, ProvisionMembershipForm, PupilForm, SENStatusForm
from sendsupport.pupils.lookup import pupil_for
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus

REGISTER_PAGE_SIZE = 50


@login_required
@remember_page
def register(request: HttpRequest) -> HttpResponse:
    """The SEN register, or with "Everyone on roll" (and from the header search) the whole roll."""
    school = current_school(request)
    if school is None or not is_staff_at(request.user, school):
        raise Http404("Not found")
    filterset = register_filterset(request.user, school, request.GET)
    # Plain rows of the few fields the table shows, not model instances (see ``register_rows``).
    pupils = filterset.ordered.values_list(*REGISTER_FIELDS)
    page = Paginator(pupils, REGISTER_PAGE_SIZE).get_page(ascii_int(request.GET.get("page", "")) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    everyone = filterset.form.cleaned_data.get("show") == EVERYONE if filterset.is_valid() else False
    record_list_view(
        user=request.user,
        shown=[(row[_SCHOOL], row[_PK]) for row in page.object_list],
        what="Saw the pupil listed on the whole roll" if everyone else "Saw the pupil listed on the SEN register",
    )
    return render(
        request,
        "pupils/register.html",
        {
            "school": school,
            "form": filterset.form,
            "everyone": everyone,
            "searched": bool(filterset.form.cleaned_data.get("q")) if filterset.is_valid() else False,
            "page": page,
            "rows": register_rows(page.object_list),
            "query": query.urlencode(),
            "can_manage": manages(request.user, school),
        },
    )


def link_former(name: str) -> Callable[[int], str]:
    """A function from an id to the URL ``name`` gives for it: one ``reverse()`` for a whole list
    instead of a ``{% url %}`` per row (which cost more than the rest of the register's row)."""
    marker = 987654321  # an id no URL pattern contains otherwise
    before, after = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


# What the register's table shows of each pupil, read as plain tuples: building ~50 pupils and their
# groups as model instances, and looking each value up through them in the template, cost more
# than the rest of the page's rows.
REGISTER_FIELDS = (
    "pk",
    "school_id",
    "legal_last_name",
    "preferred_first_name",
    "legal_first_name",
    "upn",
    "current_provision",
    "primary_need",
    "secondary_need",
    "year_group",
    "registration_group_id",
    "registration_group__name",
)
_PK, _SCHOOL = 0, 1


def register_rows(pupils: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Each row of ``REGISTER_FIELDS`` as the table shows it, worked out here once rather than by
    lookups and filters in the template: (record link, last name, first name shown, UPN, provision,
    primary need, its label, secondary need, its label, year group's name, class link, class name).

    The same values the template used to work out: the preferred first name or else the legal one
    (``|default``), a need's label as ``|get_item`` gives it, the year as ``get_year_group_display``.
    """
    detail, group = link_former("pupils:detail"), link_former("pupils:class_list")
    need_labels = dict(NeedType.choices)
    years = dict(Pupil._meta.get_field("year_group").flatchoices)
    return [
        (
            detail(pk),
            last,
            preferred or legal_first,
            upn,
            provision,
            primary,
            get_item(need_labels, primary),
            secondary,
            get_item(need_labels, secondary),
            years.get(year, year),
            group(group_id) if group_id else "",
            group_name,
        )
        for (
            pk,
            _school,
            last,
            preferred,
            legal_first,
            upn,
            provision,
            primary,
            secondary,
            year,
            group_id,
            group_name,
        ) in pupils
    ]


@login_required
def class_list(request: HttpRequest, group_id: int) -> HttpResponse:
    """The pupils in a class or group that the user may see, each with their SEN status."""
    group = selectors.get_visible_group(request.user, group_id)
    pupils = selectors.class_list(request.user, group)
    record_list_view(
        user=request.user, shown=pupils_shown(pupils), what=f"Saw the pupil listed in the class list of {group.name}"
    )
    return render(
        request,
        "pupils/class_list.html",
        {
            "group": group,
            "school": group.school,
            "pupils": pupils,
            "need_labels": dict(NeedType.choices),
            "can_manage": manages(request.user, group.school),
        },
    )


@login_required
@remember_page
def pupil_detail(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = selectors.get_visible_pupil(request.user, pupil_id)
    # Staff at the pupil's school see the whole record; a parent sees their own child's, minus others' contacts.
    # A governor who is also a parent is a parent here: governors never see pupils' records.
    staff_view = is_staff_for(request.user, pupil)
    record_view(user=request.user, pupil=pupil, what="Viewed the pupil's record")
    # The current status and needs are the head of the histories the page shows anyway: read each
    # history once instead of asking again for its latest rows.
    statuses = list(selectors.status_history(pupil))
    selectors.remember_status_history(pupil, statuses)  # the sections' current status, read from it
    need_history = list(selectors.need_history(pupil))
    return render(
        request,
        "pupils/detail.html",
        {
            "pupil": pupil,
            "statuses": statuses,
            "current_provision": _current_provision(statuses),
            "needs": _current_needs(need_history),
            "need_history": need_history,
            "contacts": selectors.contacts_for(request.user, pupil, staff_view=staff_view),
            "teaching_groups": pupil.teaching_groups.all(),
            "staff_view": staff_view,
            "can_manage": manages(request.user, pupil.school),
        },
    )


def _current_provision(statuses: list[SENStatus]) -> str:
    """``selectors.current_provision`` from the status history (newest first, in the same order)."""
    return statuses[0].provision if statuses else Provision.NONE


def _current_needs(need_history: list[SENNeed]) -> list[SENNeed]:
    """``selectors.current_needs`` from the needs history: the needs not ended, by rank."""
    return sorted((need for need in need_history if need.end_date is None), key=lambda need: need.rank)


@login_required
@require_http_methods(["GET", "POST"])
def pupil_add(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = PupilForm(request.POST or None, school=school)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        groups = data.pop("teaching_groups", [])
        if not request.POST.get("confirm_not_duplicate"):
            duplicates = selectors.same_name_and_birthday(
                request.user,
                school,
                first_name=data["legal_first_name"],
                last_name=data["legal_last_name"],
                date_of_birth=data["date_of_birth"],
            )
        if duplicates:
            # A warning, not a block: twins of the same name are rare but real. Ask once, then add.
            return form_page(
                request,
                form,
                "pupils/add.html",
                page_title="Add a pupil",
                submit_label="Add pupil",
                back_url=reverse("pupils:register"),
                duplicates=duplicates,
            )
        pupil = try_service(
            form, lambda: services.create_pupil(school=school, by=request.user, teaching_groups=list(groups), **data)
        )
        if pupil:
            messages.success(request, f"{pupil.display_name} has been added.")
            return redirect("pupils:detail", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        "pupils/add.html",
        page_title="Add a pupil",
        submit_label="Add pupil",
        back_url=reverse("pupils:register"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def pupil_edit(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil")
    form = PupilForm(request.POST or None, instance=pupil, school=pupil.school, initial={"version": pupil.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        groups = data.pop("teaching_groups", [])
        try_service(
            form, lambda: services.update_pupil(pupil=pupil, by=request.user, teaching_groups=list(groups), **data)
        )
        if not form.errors:
            messages.success(request, f"{pupil.display_name}'s details have been saved.")
            return redirect("pupils:detail", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title=f"Edit {pupil.display_name}'s details",
        caption=pupil.upn,
        back_url=reverse("pupils:detail", args=[pupil.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sen_status_change(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil")
    needs = selectors.current_needs(pupil)
    initial = {
        "provision": selectors.current_provision(pupil),
        "primary_need": next((n.need_type for n in needs if n.rank == 1), ""),
        "secondary_need": next((n.need_type for n in needs if n.rank == 2), ""),
    }
    form = SENStatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try_service(
            form,
            lambda: services.change_sen_status(
                pupil=pupil,
                provision=form.cleaned_data["provision"],
                needs=form.needs(),
                start_date=form.cleaned_data["start_date"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            ),
        )
        if not form.errors:
            messages.success(request, f"{pupil.display_name}'s SEN status and needs have been saved.")
            return redirect("pupils:detail", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title="Change SEN status and needs",
        caption=pupil.display_name,
        intro="Pupils on SEN support (K) or with an EHC plan (E) need a primary type of need. "
        "NSA can only be used for SEN support. Pupils with no provision (N) have no types of need.",
        back_url=reverse("pupils:detail", args=[pupil.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def provision_membership(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """Whether the pupil is a member of the school's SEN unit or resourced provision (census indicators)."""
    pupil = pupil_for(request, pupil_id, "change_pupil")
    form = ProvisionMembershipForm(
        request.POST or None,
        school=pupil.school,
        initial={"in_sen_unit": pupil.in_sen_unit, "in_resourced_provision": pupil.in_resourced_provision},
    )
    if request.method == "POST" and form.is_valid():
        try_service(form, lambda: services.set_provision_membership(pupil=pupil, by=request.user, **form.cleaned_data))
        if not form.errors:
            messages.success(request, f"{pupil.display_name}'s SEN unit and resourced provision have been saved.")
            return redirect("pupils:detail", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title="SEN unit and resourced provision",
        caption=pupil.display_name,
        intro="The school census returns, for each pupil on SEN support or with an EHC plan, whether they are "
        "a member of a SEN unit or resourced provision that the local authority recognises. Tick only if this "
        "pupil is a member.",
        submit_label="Save",
        back_url=reverse("pupils:detail", args=[pupil.pk]),
    )


def _contact_initial(link) -> dict:
    contact = link.contact
    return {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.email,
        "phone": contact.phone,
        "address": contact.address,
        "relationship": link.relationship,
        "parental_responsibility": link.parental_responsibility,
        "version": contact.version,
        "link_version": link.version,
        # Unticked: ticking it sends an invitation now. Pre-ticking it for parents who already
        # have access blocked taking away parental responsibility with an unrelated error.
        "give_access": False,
    }


@transaction.atomic  # the contact and its invitation are saved together, or not at all
def _save_contact(request: HttpRequest, form: ContactForm, pupil, link=None):
    data = dict(form.cleaned_data)
    give_access = data.pop("give_access")
    if link is None:
        data.pop("version", None)
        data.pop("link_version", None)
        link = services.add_contact(pupil=pupil, by=request.user, **data)
    else:
        link = services.update_contact(link=link, by=request.user, **data)
    if give_access:  # invites, or invites again if they have not yet set a password
        services.give_parent_access(contact=link.contact, by=request.user, base_url=base_url(request))
    return link


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil")
    form = ContactForm(request.POST or None, initial={"parental_responsibility": True})
    if request.method == "POST" and form.is_valid():
        link = try_service(form, lambda: _save_contact(request, form, pupil))
        if link:
            messages.success(request, f"{link.contact} has been added as {pupil.display_name}'s {link.relationship}.")
            return redirect("pupils:detail", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        page_title="Add a parent or carer",
        caption=pupil.display_name,
        back_url=reverse("pupils:detail", args=[pupil.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pupil_id: int, link_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil")
    link = get_object_or_404(pupil.contact_links.select_related("contact"), pk=link_id)
    form = ContactForm(request.POST or None, initial=_contact_initial(link))
    if request.method == "POST" and form.is_valid():
        try_service(form, lambda: _save_contact(request, form, pupil, link))
        if not form.errors:
            messages.success(request, f"{link.contact}'s details have been saved.")
            return redirect("pupils:detail", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        "pupils/contact_edit.html",
        page_title=f"Edit {link.contact}'s details",
        caption=pupil.display_name,
        back_url=reverse("pupils:detail", args=[pupil.pk]),
        pupil=pupil,
        link=link,
        # The last invitation email to this parent, while they have not chosen a password: sent, or why not.
        invitation=_pending_invitation(link.contact),
    )


def _pending_invitation(contact: Any) -> OutboundEmail | None:
    """The email of the newest invitation to this parent not yet accepted: sent, or why not."""
    invitation = contact.invitations.filter(used_at__isnull=True).order_by("-created_at").first()
    return latest_for(f"invitation:{invitation.pk}") if invitation is not None else None


@login_required
@require_POST
def contact_remove(request: HttpRequest, pupil_id: int, link_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "change_pupil")
    link = get_object_or_404(pupil.contact_links.select_related("contact"), pk=link_id)
    name = str(link.contact)
    services.unlink_contact(link=link, by=request.user)
    messages.success(request, f"{name} is no longer linked to {pupil.display_name}.")
    return redirect("pupils:detail", pupil_id=pupil.pk)


@login_required
def my_children(request: HttpRequest) -> HttpResponse:
    if not is_parent(request.user):
        raise Http404("Not found")
    children = list(selectors.children_of(request.user))
    record_list_view(user=request.user, shown=pupils_shown(children), what="Saw the child listed under Your children")
    return render(
        request,
        "pupils/my_children.html",
        {
            "children": children,
            "provision_labels": dict(Provision.choices),
            "need_labels": dict(NeedType.choices),
        },
    )
