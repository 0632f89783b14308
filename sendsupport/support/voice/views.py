"""Views before a review: the parent's page, the pupil's views (staff and the pupil's own page),
the pupil's own sign-in and the school's choice about it."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.accounts.school_context import school_for
from sendsupport.audit.services import record_view
from sendsupport.core import dates
from sendsupport.core.views import form_page, try_service
from sendsupport.pupils.lookup import pupil_for
from sendsupport.schools.models import SchoolPolicy
from sendsupport.support.voice import selectors, services
from sendsupport.support.voice.forms import ParentViewsForm, PupilAccountForm, PupilViewsForm, SignInPolicyForm


def _parent_home(pupil) -> str:
    return reverse("pupils:detail", args=[pupil.pk])


@login_required
@require_http_methods(["GET", "POST"])
def parent_views(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """A parent sends their views before the review of their child's open cycle."""
    pupil = pupil_for(request, pupil_id, "send_parent_views")
    cycle = selectors.cycle_awaiting_review(request.user, pupil)
    form = ParentViewsForm(
        request.POST if request.method == "POST" else None, initial={"cycle": cycle.pk if cycle else None}
    )
    if request.method == "POST" and form.is_valid():
        views = try_service(
            form,
            lambda: services.send_parent_views(
                pupil=pupil,
                cycle_id=form.cleaned_data["cycle"],
                by=request.user,
                going_well=form.cleaned_data["going_well"],
                worries=form.cleaned_data["worries"],
                next_steps=form.cleaned_data["next_steps"],
                base_url=request.build_absolute_uri("/"),
            ),
        )
        if views:
            messages.success(
                request,
                _("Thank you. Your views about %(name)s have been sent to the school and will be part of the review.")
                % {"name": pupil.display_name},
            )
            return redirect("voice:parent_views", pupil_id=pupil.pk)
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what="Viewed the page for sending views before a review")
    return render(
        request,
        "voice/parent_views.html",
        {
            "pupil": pupil,
            "cycle": cycle,
            "review_date": selectors.review_date_of(cycle),
            "form": form,
            "sent": selectors.parent_views_sent_by(request.user, pupil),
            "back_url": _parent_home(pupil),
        },
        status=400 if form.errors else 200,
    )


@login_required
def pupil_voice(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """Staff: every view the pupil has given, and the parents' views for the coming review."""
    pupil = pupil_for(request, pupil_id, "view_pupil_voice")
    record_view(user=request.user, pupil=pupil, what="Viewed the pupil's views and the parents' views")
    cycle = selectors.cycle_awaiting_review(request.user, pupil)
    policy = selectors.policy_for(pupil)
    can_manage = rules.test_rule("manage_pupil_sign_in", request.user, pupil)
    return render(
        request,
        "voice/pupil_voice.html",
        {
            "pupil": pupil,
            "records": list(selectors.pupil_views_of(request.user, pupil)),
            "cycle": cycle,
            "review_date": selectors.review_date_of(cycle),
            "parent_views": selectors.parent_views_for_cycle(request.user, cycle) if cycle else [],
            "can_manage": can_manage,
            "account": selectors.account_of(request.user, pupil) if can_manage else None,
            "sign_in_refusal": selectors.may_sign_in(pupil) if can_manage else None,
            "policy": policy,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pupil_voice_new(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """Staff capture the pupil's views with them, with the picture scale."""
    pupil = pupil_for(request, pupil_id, "record_pupil_voice")
    form = PupilViewsForm(request.POST if request.method == "POST" else None, initial={"given_on": dates.today()})
    if request.method == "POST" and form.is_valid():
        views = try_service(
            form,
            lambda: services.record_pupil_views(
                pupil=pupil,
                by=request.user,
                given_on=form.cleaned_data["given_on"],
                how_gathered=form.cleaned_data["how_gathered"],
                **form.answers(),
            ),
        )
        if views:
            where = " They will be part of the coming review." if views.cycle_id else ""
            messages.success(request, f"{pupil.display_name}'s views have been saved.{where}")
            return redirect("voice:pupil_voice", pupil_id=pupil.pk)
    return form_page(
        request,
        form,
        template="voice/pupil_voice_form.html",
        page_title=f"Record {pupil.display_name}'s views",
        caption=pupil.display_name,
        pupil=pupil,
        back_url=reverse("voice:pupil_voice", args=[pupil.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def pupil_account(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """The SENCO makes the pupil's own sign-in, or gives it a new password."""
    pupil = pupil_for(request, pupil_id, "manage_pupil_sign_in")
    account = selectors.account_of(request.user, pupil)
    back_url = reverse("voice:pupil_voice", args=[pupil.pk])
    refusal = selectors.may_sign_in(pupil)
    if refusal and request.method == "GET":
        return render(
            request,
            "voice/notice.html",
            {"title": "Pupils cannot sign in", "text": refusal, "back_url": back_url, "pupil": pupil},
        )
    form = PupilAccountForm(request.POST if request.method == "POST" else None, existing=account is not None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["password"]
        if account is None:
            done = try_service(
                form,
                lambda: services.create_pupil_account(
                    pupil=pupil, by=request.user, username=form.cleaned_data["username"], password=password
                ),
            )
            text = f"{pupil.display_name} can now sign in with the user name “{getattr(done, 'user', '')}”."
        else:
            done = try_service(
                form, lambda: services.set_pupil_password(account=account, by=request.user, password=password)
            )
            text = f"{pupil.display_name}'s password has been changed."
        if done:
            messages.success(request, text + " They see only their own views page.")
            return redirect(back_url)
    if request.method == "GET" and account is not None:
        record_view(user=request.user, pupil=pupil, what="Opened the pupil's own sign-in to change its password")
    return form_page(
        request,
        form,
        page_title=f"{'Change the password of' if account else 'Make'} {pupil.display_name}'s sign-in",
        caption=pupil.display_name,
        intro=(
            f"The user name is “{account.user.username}”."
            if account
            else f"{pupil.display_name} will be able to sign in and give their views, and see nothing else."
        ),
        submit_label="Save the password" if account else "Make the sign-in",
        back_url=back_url,
    )


@login_required
@require_POST
def pupil_account_stop(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = pupil_for(request, pupil_id, "manage_pupil_sign_in")
    account = selectors.account_of(request.user, pupil)
    if account is None:
        raise Http404("No sign-in")
    services.stop_pupil_account(account=account, by=request.user)
    messages.success(request, f"{pupil.display_name} can no longer sign in.")
    return redirect("voice:pupil_voice", pupil_id=pupil.pk)


@login_required
@require_http_methods(["GET", "POST"])
def sign_in_settings(request: HttpRequest) -> HttpResponse:
    """The school decides whether pupils may sign in to give their views, and from which year."""
    school = school_for(request, "manage_school")
    policy = SchoolPolicy.for_school(school)
    form = SignInPolicyForm(
        request.POST or None,
        initial={"allowed": "yes" if policy.pupils_may_sign_in else "no", "from_year": policy.pupil_sign_in_from_year},
    )
    if request.method == "POST" and form.is_valid():
        try_service(
            form,
            lambda: services.save_pupil_sign_in_policy(
                school=school,
                by=request.user,
                allowed=form.cleaned_data["allowed"],
                from_year=form.cleaned_data["from_year"],
            ),
        )
        if not form.errors:
            messages.success(
                request,
                f"Pupils from Year {form.cleaned_data['from_year']} may now have their own sign-in."
                if form.cleaned_data["allowed"]
                else "Pupils cannot sign in. Staff can still record pupils' views with them.",
            )
            return redirect("schools:settings")
    return form_page(
        request,
        form,
        page_title="Pupils signing in to give their views",
        caption=school.name,
        intro="Staff can always record a pupil's views with them. Where the school chooses, older pupils can "
        "also have their own simple sign-in, made by the SENCO, that shows only their own views page.",
        back_url=reverse("schools:settings"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_views(request: HttpRequest) -> HttpResponse:
    """The pupil's own page: give their views with the faces, and see what they said before."""
    account = selectors.own_account(request.user)
    if account is None:
        raise Http404("Not found")
    pupil = account.pupil
    form = PupilViewsForm(request.POST if request.method == "POST" else None, own=True)
    if request.method == "POST" and form.is_valid():
        views = try_service(
            form,
            lambda: services.record_pupil_views(pupil=pupil, by=request.user, by_pupil=True, **form.answers()),
        )
        if views:
            messages.success(request, "Thank you. Your views have been saved for your teachers to read.")
            return redirect("voice:my_views")
    if request.method == "GET":
        record_view(user=request.user, pupil=pupil, what="The pupil viewed their own views page")
    return render(
        request,
        "voice/my_views.html",
        {"pupil": pupil, "form": form, "records": list(selectors.pupil_views_of(request.user, pupil)[:5])},
        status=400 if form.errors else 200,
    )
