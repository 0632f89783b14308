"""The demo's year of the link book: believable entries from both sides, replies, chosen staff."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendsupport.demo.link_book import add_link_books
from sendsupport.linkbook.models import LinkBookEntry, LinkBookReader
from sendsupport.pupils.models import Contact, PupilContact

pytestmark = pytest.mark.django_db


def test_the_demo_writes_a_year_of_the_book_for_three_pupils(
    school, class_4a, pupil, parent, senco, teacher, ta, login
):
    from conftest import make_pupil

    classmates = [
        make_pupil(school, first=first, last="Jones", registration_group=class_4a, provision="K", needs=[("SPLD", 1)])
        for first in ("Leo", "Ava")
    ]
    for classmate in classmates:  # parents known to the school, not yet signed in
        contact = Contact.objects.create(
            school=school, first_name="Jo", last_name="Jones", email=f"{classmate.pk}@x.org"
        )
        PupilContact.objects.create(pupil=classmate, contact=contact, relationship="father")
    today = timezone.localdate()

    written = add_link_books(
        school=school, child=pupil, users={"senco": senco, "teacher": teacher, "ta": ta}, today=today
    )

    entries = LinkBookEntry.objects.all()
    assert written == entries.count() > 150
    assert set(entries.values_list("pupil", flat=True)) == {pupil.pk, *(c.pk for c in classmates)}
    threads = entries.filter(thread__isnull=True)
    assert {kind for kind in threads.values_list("kind", flat=True)} == {"positive", "difficulty", "news"}
    assert set(entries.filter(thread__isnull=False).values_list("side", flat=True)) == {"home", "school"}
    first = threads.order_by("written_at").first().written_at.date()
    assert today - timedelta(days=366) <= first <= today - timedelta(days=300)  # a year of it
    assert entries.order_by("-written_at").first().written_at <= timezone.now()
    assert not entries.filter(written_at__month=8).exists()  # no link book in the summer holiday
    # Written at hours people write, and every answer after what it answers.
    assert {7, 8, 12, 15, 16, 19, 20, 21} >= {timezone.localtime(e.written_at).hour for e in entries}
    assert all(reply.written_at > reply.thread.written_at for reply in entries.filter(thread__isnull=False))
    assert "Parent Parent (mother)" in set(entries.values_list("author_label", flat=True))
    assert "Teacher Person (teacher)" in set(entries.values_list("author_label", flat=True))
    assert set(LinkBookReader.objects.filter(pupil=pupil).values_list("user", flat=True)) == {teacher.pk, ta.pk}

    # The classmates' parents now have accounts and read their child's book; the demo parent reads theirs.
    father = Contact.objects.get(pupil_links__pupil=classmates[0]).user
    assert login(father).get(reverse("linkbook:parent", args=[classmates[0].pk])).status_code == 200
    page = login(parent).get(reverse("linkbook:parent", args=[pupil.pk])).content.decode()
    assert "Maya" in page and "Page 1 of" in page


def test_the_demo_book_is_the_same_every_time(school, class_4a, pupil, parent, senco, teacher, ta):
    users = {"senco": senco, "teacher": teacher, "ta": ta}
    add_link_books(school=school, child=pupil, users=users, today=date(2026, 12, 1))
    first = list(LinkBookEntry.objects.order_by("id").values_list("text", "side", "kind"))
    LinkBookEntry.objects.all().delete()
    LinkBookReader.objects.all().delete()
    add_link_books(school=school, child=pupil, users=users, today=date(2026, 12, 1))
    assert list(LinkBookEntry.objects.order_by("id").values_list("text", "side", "kind")) == first
