"""Writing entries and replies: who wrote is kept, nothing is ever edited, bad input saves nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.core.models import OutboundEmail
from sendsupport.linkbook import services
from sendsupport.linkbook.models import TEXT_LIMIT, LinkBookEntry
from sendsupport.linkbook.tests.conftest import BASE, write

pytestmark = pytest.mark.django_db


def test_it_saves_a_parents_entry_with_who_wrote_it(pupil, parent, login):
    response = login(parent).post(
        reverse("linkbook:parent", args=[pupil.pk]), {"kind": "difficulty", "text": "Maya was tired after swimming."}
    )
    assert response.status_code == 302
    entry = LinkBookEntry.objects.get()
    assert (entry.pupil, entry.kind, entry.side, entry.author) == (pupil, "difficulty", "home", parent)
    assert entry.author_label == "Parent Parent (mother)"
    assert entry.text == "Maya was tired after swimming."


def test_it_names_staff_by_their_role(pupil, teacher, chosen_teacher, login):
    response = login(teacher).post(
        reverse("linkbook:staff", args=[pupil.pk]), {"kind": "positive", "text": "Maya led the class assembly."}
    )
    assert response.status_code == 302
    entry = LinkBookEntry.objects.get()
    assert entry.side == "school"
    assert entry.author_label == "Teacher Person (teacher)"


def test_it_uses_the_job_title_when_there_is_one(pupil, teacher, chosen_teacher):
    teacher.memberships.update(job_title="Class teacher")
    entry = write(pupil, teacher, side="school")
    assert entry.author_label == "Teacher Person (class teacher)"


def test_it_adds_a_reply_under_the_entry(pupil, entry, teacher, login):
    response = login(teacher).post(
        reverse("linkbook:staff_entry", args=[pupil.pk, entry.pk]), {"text": "Lovely to hear, we will tell her."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("linkbook:staff_entry", args=[pupil.pk, entry.pk])
    reply = entry.replies.get()
    assert (reply.side, reply.author, reply.kind) == ("school", teacher, "")


def test_it_logs_every_write_in_the_audit_log(pupil, parent, chosen_teacher):
    entry = write(pupil, parent)
    created = AuditEvent.objects.filter(action="created", object_type="link book entry", pupil=pupil)
    assert created.count() == 1
    assert created.get().actor == parent
    assert created.get().object_id == str(entry.pk)


def test_it_never_changes_an_entry_once_written(entry):
    entry.text = "Something else"
    with pytest.raises(ValueError, match="never changed"):
        entry.save()
    assert LinkBookEntry.objects.get().text == "Maya read a whole page to her brother tonight."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "positive", "text": ""}, "Write your message."),
        ({"kind": "positive", "text": "   \n  "}, "Write your message."),
        ({"kind": "", "text": "Hello"}, "Choose what your message is about"),
        ({"kind": "gossip", "text": "Hello"}, "Choose what your message is about"),
        ({"kind": "news", "text": "x" * (TEXT_LIMIT + 1)}, f"Keep it to {TEXT_LIMIT} characters or fewer"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message_and_saves_nothing(
    pupil, parent, chosen_teacher, login, data, message
):
    before = AuditEvent.objects.exclude(action="viewed").count()
    response = login(parent).post(reverse("linkbook:parent", args=[pupil.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LinkBookEntry.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert AuditEvent.objects.exclude(action="viewed").count() == before


def test_it_accepts_a_message_of_exactly_the_limit(pupil, parent, chosen_teacher):
    assert len(write(pupil, parent, text="y" * TEXT_LIMIT).text) == TEXT_LIMIT


def test_it_refuses_an_empty_reply(pupil, entry, parent, login):
    response = login(parent).post(reverse("linkbook:parent_entry", args=[pupil.pk, entry.pk]), {"text": " "})
    assert response.status_code == 400
    assert "Write your reply." in response.content.decode()
    assert not entry.replies.exists()


def test_it_refuses_a_too_long_reply(pupil, entry, parent, login):
    response = login(parent).post(
        reverse("linkbook:parent_entry", args=[pupil.pk, entry.pk]), {"text": "z" * (TEXT_LIMIT + 5)}
    )
    assert response.status_code == 400
    assert f"Your message is {TEXT_LIMIT + 5} characters long" in response.content.decode()
    assert not entry.replies.exists()


def test_it_answers_404_to_a_parent_writing_about_a_child_not_theirs(pupil, other_parent, chosen_teacher, login):
    response = login(other_parent).post(reverse("linkbook:parent", args=[pupil.pk]), {"kind": "news", "text": "Hi"})
    assert response.status_code == 404
    assert not LinkBookEntry.objects.exists()


def test_it_answers_404_to_an_entry_of_another_child_under_this_childs_address(pupil, other_entry, parent, login):
    url = reverse("linkbook:parent_entry", args=[pupil.pk, other_entry.pk])
    assert login(parent).post(url, {"text": "Hello"}).status_code == 404
    assert login(parent).get(url).status_code == 404
    assert not other_entry.replies.exists()


def test_it_answers_404_to_a_reply_used_as_an_entry(pupil, entry, parent, teacher, login):
    answer = services.reply(thread=entry, by=teacher, side="school", text="Thanks", base_url=BASE)
    url = reverse("linkbook:parent_entry", args=[pupil.pk, answer.pk])
    assert login(parent).post(url, {"text": "A reply to a reply"}).status_code == 404
    assert LinkBookEntry.objects.count() == 2


def test_a_parent_without_parental_responsibility_cannot_use_the_book(pupil, login):
    from conftest import link_parent, make_user

    carer = make_user("carer")
    link_parent(pupil, carer, responsibility=False)
    response = login(carer).post(reverse("linkbook:parent", args=[pupil.pk]), {"kind": "news", "text": "Hi"})
    assert response.status_code == 404
    assert login(carer).get(reverse("linkbook:parent", args=[pupil.pk])).status_code == 404
    assert not LinkBookEntry.objects.exists()
    with pytest.raises(ValidationError):
        write(pupil, carer)


def test_the_service_refuses_a_writer_on_the_wrong_side(pupil, parent, ta, chosen_teacher):
    with pytest.raises(ValidationError, match="cannot write"):
        write(pupil, parent, side="school")
    with pytest.raises(ValidationError, match="cannot write"):
        write(pupil, ta, side="school")  # not chosen
    assert not LinkBookEntry.objects.exists()
