"""A new entry or reply emails the other side, through the outbox: who wrote, the first line, the link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.core.models import OutboundEmail
from sendsupport.linkbook import services
from sendsupport.linkbook.tests.conftest import BASE, write
from sendsupport.schools.models import SchoolSenco

pytestmark = pytest.mark.django_db


def test_a_parents_entry_emails_the_chosen_staff_and_not_the_parent(pupil, parent, teacher, ta, chosen_teacher):
    entry = write(pupil, parent, text="Maya read a whole page tonight.\nShe was so proud.")
    email = OutboundEmail.objects.get()
    assert email.to == teacher.email
    assert email.about_key == f"linkbook:{entry.pk}"
    assert "Parent Parent (mother)" in email.subject
    assert "Maya read a whole page tonight." in email.subject
    assert "Parent Parent (mother) wrote in Maya Evans's home-school link book (something positive)" in email.body
    assert '"Maya read a whole page tonight."' in email.body
    assert "She was so proud" not in email.body  # the first line only: the rest is read in the book
    assert f"{BASE}{reverse('linkbook:staff_entry', args=[pupil.pk, entry.pk])}" in email.body


def test_a_school_entry_emails_each_parent_with_an_account(pupil, parent, senco, chosen_teacher):
    from conftest import link_parent, make_user
    from sendsupport.pupils.models import Contact, PupilContact

    father = make_user("father")
    link_parent(pupil, father)
    no_account = Contact.objects.create(
        school=pupil.school, first_name="Gran", last_name="Evans", email="gran@example.org"
    )
    PupilContact.objects.create(pupil=pupil, contact=no_account, relationship="grandmother")
    no_responsibility = make_user("stepdad")
    link_parent(pupil, no_responsibility, responsibility=False)

    entry = write(pupil, senco, side="school", kind="difficulty", text="Maya found the fire drill hard today.")
    emails = OutboundEmail.objects.order_by("to")
    assert [email.to for email in emails] == sorted([parent.email, father.email])
    for email in emails:
        assert "Senco Person (SENCO) wrote" in email.subject
        assert "Maya found the fire drill hard today." in email.body
        assert f"{BASE}{reverse('linkbook:parent_entry', args=[pupil.pk, entry.pk])}" in email.body
        assert "(a difficulty)" in email.body


def test_a_reply_emails_the_other_side_with_the_entry_it_answers(pupil, entry, parent, teacher):
    OutboundEmail.objects.all().delete()
    services.reply(thread=entry, by=teacher, side="school", text="Wonderful! We will read with her too.", base_url=BASE)
    email = OutboundEmail.objects.get()
    assert email.to == parent.email
    assert email.subject.startswith("Teacher Person (teacher) replied in Maya Evans's link book: Wonderful!")
    assert 'under the entry "Maya read a whole page to her brother tonight."' in email.body
    assert f"{BASE}{reverse('linkbook:parent_entry', args=[pupil.pk, entry.pk])}" in email.body


def test_the_writer_is_never_emailed(pupil, parent, senco, teacher):
    # A member of staff who is also chosen writes: the other chosen staff are not "the other side".
    services.choose_readers(pupil=pupil, by=senco, users=[teacher])
    write(pupil, teacher, side="school")
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == [parent.email]


def test_a_parents_entry_goes_to_the_named_senco_when_nobody_is_chosen(pupil, parent, senco, teacher):
    SchoolSenco.objects.create(school=pupil.school, senco=senco, senco_email="sen@oakfield.example")
    write(pupil, parent)
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["sen@oakfield.example"]


def test_staff_who_left_are_not_emailed(pupil, parent, teacher, ta, senco):
    services.choose_readers(pupil=pupil, by=senco, users=[teacher, ta])
    teacher.memberships.update(active=False)
    write(pupil, parent)
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == [ta.email]


def test_bad_input_sends_nothing(pupil, parent, chosen_teacher, login):
    login(parent).post(reverse("linkbook:parent", args=[pupil.pk]), {"kind": "news", "text": ""})
    assert not OutboundEmail.objects.exists()
