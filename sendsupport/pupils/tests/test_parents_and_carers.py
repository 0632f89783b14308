"""The SENCO adds, edits, invites and unlinks a pupil's parents and carers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from sendsupport.accounts.models import User
from sendsupport.accounts.tests.helpers import choose_password, invitation_for, sign_in
from sendsupport.audit.models import AuditEvent
from sendsupport.pupils.models import Contact, PupilContact

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum-tractor-lantern-9"


def contact_data(**overrides) -> dict:
    data = {
        "first_name": "Grace",
        "last_name": "Evans",
        "relationship": "mother",
        "parental_responsibility": "on",
        "email": "grace@example.org",
        "phone": "07700 900111",
        "address": "2 Mill Lane",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def add_url(pupil) -> str:
    return reverse("pupils:contact_add", args=[pupil.pk])


def test_it_adds_a_parent_with_responsibility_and_contact_details(senco, pupil, login):
    response = login(senco).post(add_url(pupil), contact_data())
    assert response.status_code == 302
    link = PupilContact.objects.select_related("contact").get(pupil=pupil, contact__first_name="Grace")
    assert link.parental_responsibility is True
    assert (link.contact.email, link.contact.phone, link.contact.address) == (
        "grace@example.org",
        "07700 900111",
        "2 Mill Lane",
    )
    assert link.contact.user is None
    assert mail.outbox == []
    assert AuditEvent.objects.filter(pupil=pupil, object_type="pupil contact", action="created", actor=senco).exists()


def test_an_invited_parent_sets_a_password_signs_in_and_sees_only_their_child(
    senco, pupil, other_pupil, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the invitation goes once the change is committed
        response = login(senco).post(add_url(pupil), contact_data(give_access="on"))
    assert response.status_code == 302
    contact = Contact.objects.get(email="grace@example.org")
    assert contact.user is None  # linked only when the link is followed
    assert mail.outbox[-1].to == ["grace@example.org"]
    assert "parent or carer" in mail.outbox[-1].body
    username, link = invitation_for("grace@example.org")

    visitor = Client()
    assert choose_password(visitor, link, NEW_PASSWORD).status_code == 302
    contact.refresh_from_db()
    assert contact.user.email == "grace@example.org"
    assert sign_in(visitor, username, NEW_PASSWORD).status_code == 302
    assert visitor.get(reverse("pupils:detail", args=[pupil.pk])).status_code == 200
    assert visitor.get(reverse("pupils:detail", args=[other_pupil.pk])).status_code == 404
    assert visitor.get(reverse("pupils:register")).status_code == 404
    # The link works once.
    assert "has expired or has already been used" in Client().get(link, follow=True).content.decode()


@pytest.mark.parametrize(
    ("overrides", "label", "words"),
    [
        (
            {"parental_responsibility": None, "give_access": "on"},
            "Invite them to see their child",
            "Only a parent or carer with parental responsibility can be invited.",
        ),
        ({"email": "", "give_access": "on"}, "Email address", "Enter an email address to send the invitation to."),
        ({"email": "not-an-email"}, "Email address", "Enter a valid email address."),
        ({"relationship": ""}, "Relationship", "This field is required."),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved_or_sent(senco, pupil, login, overrides, label, words):
    before = (Contact.objects.count(), PupilContact.objects.count(), User.objects.count(), AuditEvent.objects.count())
    response = login(senco).post(add_url(pupil), contact_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert label in html and words in html
    after = (Contact.objects.count(), PupilContact.objects.count(), User.objects.count(), AuditEvent.objects.count())
    assert after == before
    assert mail.outbox == []


def test_it_edits_a_parent_and_logs_before_and_after(senco, parent, pupil, login):
    link = pupil.contact_links.get()
    url = reverse("pupils:contact_edit", args=[pupil.pk, link.pk])
    client = login(senco)
    assert 'value="parent@example.org"' in client.get(url).content.decode()
    response = client.post(
        url,
        contact_data(
            first_name="Parent",
            last_name="Parent",
            email="parent@example.org",
            phone="0117 496 0000",
            relationship="carer",
        ),
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.relationship, link.contact.phone) == ("carer", "0117 496 0000")
    changes = [
        (change["field"], change["before"], change["after"])
        for event in AuditEvent.objects.filter(action="changed", actor=senco)
        for change in event.changes
    ]
    assert ("relationship", "mother", "carer") in changes
    assert ("phone", "", "0117 496 0000") in changes


def test_editing_a_parent_can_invite_them_later(senco, pupil, login, django_capture_on_commit_callbacks):
    client = login(senco)
    client.post(add_url(pupil), contact_data())
    link = PupilContact.objects.get(pupil=pupil, contact__email="grace@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pupils:contact_edit", args=[pupil.pk, link.pk]), contact_data(give_access="on"))
    assert response.status_code == 302
    assert invitation_for("grace@example.org")
    page = client.get(reverse("pupils:contact_edit", args=[pupil.pk, link.pk])).content.decode()
    assert "Email sent on " in page and "(to grace@example.org)" in page


def test_taking_away_parental_responsibility_takes_away_the_childs_record(senco, parent, pupil, login):
    link = pupil.contact_links.get()
    login(senco).post(
        reverse("pupils:contact_edit", args=[pupil.pk, link.pk]),
        contact_data(first_name="Parent", last_name="Parent", email="parent@example.org", parental_responsibility=None),
    )
    assert login(parent).get(reverse("pupils:detail", args=[pupil.pk])).status_code == 404


def test_unlinking_is_a_post_and_the_parent_then_sees_nothing(senco, parent, pupil, login):
    link = pupil.contact_links.get()
    url = reverse("pupils:contact_remove", args=[pupil.pk, link.pk])
    client = login(senco)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert not PupilContact.objects.filter(pk=link.pk).exists()
    deleted = AuditEvent.objects.get(action="deleted", object_type="pupil contact")
    assert (deleted.actor, deleted.pupil_id) == (senco, pupil.pk)
    assert login(parent).get(reverse("pupils:detail", args=[pupil.pk])).status_code == 404


def test_a_link_of_another_pupil_cannot_be_reached_through_this_pupil(senco, pupil, other_parent, other_pupil, login):
    other_link = other_pupil.contact_links.get()
    client = login(senco)
    assert client.get(reverse("pupils:contact_edit", args=[pupil.pk, other_link.pk])).status_code == 404
    assert client.post(reverse("pupils:contact_remove", args=[pupil.pk, other_link.pk])).status_code == 404
    assert PupilContact.objects.filter(pk=other_link.pk).exists()


def test_the_edit_form_lets_the_senco_take_away_responsibility_from_a_parent_with_access(senco, parent, pupil, login):
    link = pupil.contact_links.get()
    url = reverse("pupils:contact_edit", args=[pupil.pk, link.pk])
    client = login(senco)
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.pop("parental_responsibility")
    response = client.post(url, data)
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.parental_responsibility is False
    assert mail.outbox == []


def test_ticking_invite_again_resends_to_a_parent_who_has_not_set_a_password(
    senco, pupil, login, django_capture_on_commit_callbacks
):
    client = login(senco)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(add_url(pupil), contact_data(give_access="on"))
    link = PupilContact.objects.get(pupil=pupil, contact__email="grace@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pupils:contact_edit", args=[pupil.pk, link.pk]), contact_data(give_access="on"))
    assert len([m for m in mail.outbox if m.to == ["grace@example.org"]]) == 2
    assert not User.objects.filter(email="grace@example.org").exists()  # no account until a link is followed
