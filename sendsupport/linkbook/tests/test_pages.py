"""The book's pages: newest conversation first, pages of ten, the pupil page's section, audit of reads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sendsupport.audit.models import AuditEvent
from sendsupport.linkbook import services
from sendsupport.linkbook.models import LinkBookEntry
from sendsupport.linkbook.tests.conftest import BASE, write

pytestmark = pytest.mark.django_db


def _backdate(entry: LinkBookEntry, days: int) -> None:
    LinkBookEntry.objects.filter(pk=entry.pk).update(written_at=timezone.now() - timedelta(days=days))


def test_it_shows_the_newest_conversation_first_and_a_reply_brings_one_back_up(
    pupil, parent, teacher, chosen_teacher, login
):
    old = write(pupil, parent, text="Old news from the weekend.")
    _backdate(old, 3)
    new = write(pupil, teacher, side="school", kind="news", text="Trip letter coming home today.")
    _backdate(new, 1)
    page = login(parent).get(reverse("linkbook:parent", args=[pupil.pk])).content.decode()
    assert page.index("Trip letter coming home today.") < page.index("Old news from the weekend.")

    services.reply(thread=old, by=teacher, side="school", text="Thanks for telling us.", base_url=BASE)
    page = login(parent).get(reverse("linkbook:parent", args=[pupil.pk])).content.decode()
    assert page.index("Old news from the weekend.") < page.index("Trip letter coming home today.")
    assert page.index("Old news from the weekend.") < page.index("Thanks for telling us.")
    assert "Teacher Person (teacher)" in page


def test_it_pages_a_long_book_ten_conversations_at_a_time(pupil, parent, chosen_teacher, login):
    for number in range(23):
        _backdate(write(pupil, parent, text=f"Entry number {number:02d}."), 30 - number)
    client = login(parent)
    first = client.get(reverse("linkbook:parent", args=[pupil.pk])).content.decode()
    assert "Entry number 22." in first and "Entry number 13." in first and "Entry number 12." not in first
    assert "Page 1 of 3" in first
    last = client.get(reverse("linkbook:parent", args=[pupil.pk]), {"page": "3"}).content.decode()
    assert "Entry number 02." in last and "Entry number 00." in last and "Entry number 03." not in last
    # A page past the end, or not a number, shows a real page rather than an error.
    assert client.get(reverse("linkbook:parent", args=[pupil.pk]), {"page": "99"}).status_code == 200
    assert client.get(reverse("linkbook:parent", args=[pupil.pk]), {"page": "²"}).status_code == 200


def test_the_thread_page_shows_the_entry_its_replies_and_the_reply_form(pupil, entry, teacher, parent, login):
    services.reply(thread=entry, by=teacher, side="school", text="We will celebrate in class.", base_url=BASE)
    response = login(parent).get(reverse("linkbook:parent_entry", args=[pupil.pk, entry.pk]))
    page = response.content.decode()
    assert "Maya read a whole page to her brother tonight." in page
    assert "We will celebrate in class." in page
    assert "Your reply" in page
    assert "Something positive from home" in page


def test_every_read_is_in_the_audit_log(pupil, entry, parent, teacher, senco, login):
    login(parent).get(reverse("linkbook:parent", args=[pupil.pk]))
    login(teacher).get(reverse("linkbook:staff_entry", args=[pupil.pk, entry.pk]))
    login(senco).get(reverse("linkbook:readers", args=[pupil.pk]))
    viewed = AuditEvent.objects.filter(action="viewed", pupil=pupil).order_by("id")
    assert [(event.actor, event.summary) for event in viewed] == [
        (parent, "Read the link book (page 1)"),
        (teacher, "Read a link book entry (Something positive by Parent Parent (mother))"),
        (senco, "Saw who can read the link book"),
    ]


def test_the_parent_sees_a_link_to_the_book_on_their_childs_page(pupil, entry, parent, login):
    page = login(parent).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert reverse("linkbook:parent", args=[pupil.pk]) in page
    assert reverse("linkbook:staff", args=[pupil.pk]) not in page
    assert "Maya read a whole page to her brother tonight." in page


def test_the_senco_sees_the_book_and_who_can_read_it_on_the_pupil_page(pupil, entry, senco, login):
    page = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert reverse("linkbook:staff", args=[pupil.pk]) in page
    assert reverse("linkbook:readers", args=[pupil.pk]) in page


def test_staff_not_chosen_see_no_link_book_on_the_pupil_page(pupil, entry, ta, login):
    page = login(ta).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "link-book" not in page
    assert "Maya read a whole page" not in page


def test_the_portal_section_shows_the_latest_message_and_a_link(pupil, entry, parent, teacher):
    services.reply(thread=entry, by=teacher, side="school", text="She read to us too!", base_url=BASE)
    html = render_to_string("linkbook/_portal_section.html", {"pupil": pupil, "user": parent})
    assert "Teacher Person (teacher)" in html and "She read to us too!" in html
    assert reverse("linkbook:parent", args=[pupil.pk]) in html


def test_the_portal_section_is_empty_for_someone_elses_child(pupil, entry, other_parent):
    html = render_to_string("linkbook/_portal_section.html", {"pupil": pupil, "user": other_parent})
    assert html.strip() == ""
