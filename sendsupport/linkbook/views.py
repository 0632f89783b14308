"""The link book: one view serves the parents' page and the staff page, each with its own rule."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sendsupport.audit.services import record_view
from sendsupport.core.numbers import ascii_int
from sendsupport.core.permissions import base_url
from sendsupport.core.views import form_page, try_service
from sendsupport.linkbook import selectors, services
from sendsupport.linkbook.forms import EntryForm, ReadersForm, ReplyForm
from sendsupport.linkbook.models import LinkBookEntry
from sendsupport.pupils.lookup import pupil_for

PAGE_SIZE = 10
RULES = {LinkBookEntry.Side.HOME: "use_link_book_as_parent", LinkBookEntry.Side.SCHOOL: "use_link_book_as_staff"}
PAGES = {
    LinkBookEntry.Side.HOME: ("linkbook:parent", "linkbook:parent_entry"),
    LinkBookEntry.Side.SCHOOL: ("linkbook:staff", "linkbook:staff_entry"),
}


def _pupil(request: HttpRequest, pupil_id: int, side: str):
    return pupil_for(request, pupil_id, RULES[side])


def _context(request: HttpRequest, pupil, side: str) -> dict:
    school_side = side == LinkBookEntry.Side.SCHOOL
    return {
        "pupil": pupil,
        "side": side,
        "staff_view": school_side,
        "book_url": reverse(PAGES[side][0], args=[pupil.pk]),
        "entry_page": PAGES[side][1],
        "back_url": reverse("pupils:detail", args=[pupil.pk]),
        "can_choose": school_side and rules.test_rule("choose_link_book_readers", request.user, pupil),
    }


@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, pupil_id: int, side: str) -> HttpResponse:
    """The child's link book, newest conversation first, with the form to write a new entry."""
    pupil = _pupil(request, pupil_id, side)
    form = EntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        entry = try_service(
            form,
            lambda: services.write_entry(
                pupil=pupil, by=request.user, side=side, base_url=base_url(request), **form.cleaned_data
            ),
        )
        if entry:
            messages.success(request, _("Your message has been added to the link book."))
            return redirect(PAGES[side][0], pupil_id=pupil.pk)
    page = Paginator(selectors.threads_for(request.user, pupil), PAGE_SIZE).get_page(
        ascii_int(request.GET.get("page", "")) or 1
    )
    record_view(user=request.user, pupil=pupil, what=f"Read the link book (page {page.number})")
    return form_page(request, form, "linkbook/book.html", page=page, **_context(request, pupil, side))


@login_required
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, pupil_id: int, entry_id: int, side: str) -> HttpResponse:
    """One entry with its replies, and the form to reply."""
    pupil = _pupil(request, pupil_id, side)
    entry = selectors.get_thread(request.user, pupil, entry_id)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = try_service(
            form,
            lambda: services.reply(
                thread=entry, by=request.user, side=side, text=form.cleaned_data["text"], base_url=base_url(request)
            ),
        )
        if answer:
            messages.success(request, _("Your reply has been added to the link book."))
            return redirect(PAGES[side][1], pupil_id=pupil.pk, entry_id=entry.pk)
    record_view(user=request.user, pupil=pupil, what=f"Read a link book entry ({entry})")
    return form_page(request, form, "linkbook/thread.html", entry=entry, **_context(request, pupil, side))


@login_required
@require_http_methods(["GET", "POST"])
def readers(request: HttpRequest, pupil_id: int) -> HttpResponse:
    """The SENCO chooses which other staff read and write in the child's book."""
    pupil = pupil_for(request, pupil_id, "choose_link_book_readers")
    chosen = list(selectors.readers_of(pupil))
    form = ReadersForm(
        request.POST if request.method == "POST" else None,
        pupil=pupil,
        initial={"readers": [user.pk for user in chosen]},
    )
    if request.method == "POST" and form.is_valid():
        done = try_service(
            form,
            lambda: services.choose_readers(pupil=pupil, by=request.user, users=list(form.cleaned_data["readers"])),
        )
        if done is not None:
            messages.success(request, "The staff who can read the link book have been saved.")
            return redirect("linkbook:staff", pupil_id=pupil.pk)
    record_view(user=request.user, pupil=pupil, what="Saw who can read the link book")
    return form_page(
        request,
        form,
        "linkbook/readers.html",
        pupil=pupil,
        chosen=chosen,
        page_title="Who can read the link book",
        caption=pupil.display_name,
        submit_label="Save",
        back_url=reverse("linkbook:staff", args=[pupil.pk]),
    )
