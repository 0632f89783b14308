"""The parent portal: one page per child, and a page to help parents prepare for a meeting."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sendsupport.accounts.access import is_parent, staff_school_ids
from sendsupport.accounts.school_context import school_for
from sendsupport.audit.services import record_view
from sendsupport.core.dates import today
from sendsupport.core.views import form_page, try_service
from sendsupport.portal import selectors, services
from sendsupport.portal.forms import SenReportForm
from sendsupport.schools.models import SchoolPolicy

# Sections other apps add to the child's page: template names, each included with ``pupil`` and
# ``user`` in its context (for example "meetings/_portal_section.html").
DEFAULT_SECTIONS: list[str] = ["portal/_preparing_section.html"]


def portal_sections() -> list[str]:
    return list(getattr(settings, "PORTAL_SECTIONS", DEFAULT_SECTIONS))


@login_required
def child(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """One child's support on one page, for a parent with parental responsibility; 404 for anyone else."""
    pupil = selectors.get_child(request.user, pupil_id)
    page = selectors.child_page(request.user, pupil, today=today())
    record_view(user=request.user, pupil=pupil, what="Viewed their child's page in the parent portal")
    return render(
        request,
        "portal/child.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "la": pupil.school.local_authority,
            "page": page,
            "user": request.user,
            "sections": portal_sections(),
        },
    )


@login_required
def preparing(request: HttpRequest) -> HttpResponse:
    """Written by us for parents (school staff may read it too, to point parents to it)."""
    parent = is_parent(request.user)
    if not parent and not staff_school_ids(request.user):
        raise Http404("Not found")
    national = SchoolPolicy._meta.get_field("parent_meetings_per_year").default
    return render(request, "portal/preparing.html", {"is_parent": parent, "meetings_per_year": national})


@login_required
@require_http_methods(["GET", "POST"])
def sen_report_edit(request: HttpRequest) -> HttpResponse:
    school = school_for(request, "manage_school")
    form = SenReportForm(request.POST or None, initial={"url": school.sen_information_report_url})
    if request.method == "POST" and form.is_valid():
        url = form.cleaned_data["url"] or ""
        try_service(form, lambda: services.save_sen_information_report_url(school=school, by=request.user, url=url))
        if not form.errors:
            messages.success(
                request,
                _("Parents now see a link to the SEN information report.")
                if url
                else _("The SEN information report address has been removed."),
            )
            return redirect("schools:settings")
    return form_page(
        request,
        form,
        page_title=_("The school's SEN information report"),
        caption=school.name,
        intro=_(
            "Every school must publish an SEN information report on its website. Parents see a link to it "
            "on their child's page."
        ),
        submit_label=_("Save"),
        back_url=reverse("schools:settings"),
    )
