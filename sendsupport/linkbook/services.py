"""Every write to the link book. Keyword-only; one transaction each.

Writing an entry or a reply emails the other side through the outbox (after the transaction
commits): the school's chosen staff when a parent writes, the child's parents who have an account
when the school writes. The email says who wrote, the first line, and where to read the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from sendsupport.core.outbox import queue_email
from sendsupport.linkbook import selectors
from sendsupport.linkbook.models import TEXT_LIMIT, LinkBookEntry, LinkBookReader, first_line
from sendsupport.linkbook.rules import can_use_as_staff, is_parent_of
from sendsupport.pupils.models import Pupil, PupilContact
from sendsupport.schools.selectors import staff_label, with_role_at

Side = LinkBookEntry.Side


def author_label(*, pupil: Pupil, by: Any, side: str) -> str:
    """How the book and the emails name the writer: "Tara Hughes (teacher)", "Priya Patel (mother)"."""
    if side == Side.HOME:
        link = PupilContact.objects.filter(pupil=pupil, contact__user=by).select_related("contact").first()
        if link is not None:
            return f"{link.contact} ({link.relationship})"
        return by.get_full_name() or by.get_username()
    staff = with_role_at(get_user_model().objects.filter(pk=by.pk), pupil.school_id).first()
    return staff_label(staff or by)


def _check_writer(*, pupil: Pupil, by: Any, side: str) -> None:
    allowed = is_parent_of(by, pupil) if side == Side.HOME else side == Side.SCHOOL and can_use_as_staff(by, pupil)
    if not allowed:
        raise ValidationError({NON_FIELD_ERRORS: "You cannot write in this child's link book."})


def _check_text(text: str, errors: dict[str, str]) -> str:
    text = (text or "").strip()
    if not text:
        errors["text"] = "Write your message."
    elif len(text) > TEXT_LIMIT:
        errors["text"] = (
            f"Your message is {len(text)} characters long. Keep it to {TEXT_LIMIT} characters or fewer, "
            "or split it into two messages."
        )
    return text


def _save(entry: LinkBookEntry, by: Any) -> LinkBookEntry:
    entry._history_user = by
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def write_entry(*, pupil: Pupil, by: Any, side: str, kind: str, text: str, base_url: str) -> LinkBookEntry:
    """A new entry in the child's book (something positive, a difficulty, other news)."""
    _check_writer(pupil=pupil, by=by, side=side)
    errors: dict[str, str] = {}
    if kind not in LinkBookEntry.Kind.values:
        errors["kind"] = "Choose what your message is about: something positive, a difficulty or other news."
    return _post(pupil=pupil, by=by, side=side, text=text, errors=errors, base_url=base_url, kind=kind)


@transaction.atomic
def reply(*, thread: LinkBookEntry, by: Any, side: str, text: str, base_url: str) -> LinkBookEntry:
    """A reply under an entry. Replies are how an entry is answered, and how a mistake is corrected."""
    _check_writer(pupil=thread.pupil, by=by, side=side)
    errors: dict[str, str] = {}
    if thread.thread_id is not None:
        errors[NON_FIELD_ERRORS] = "Reply to the entry itself, not to a reply."
    return _post(pupil=thread.pupil, by=by, side=side, text=text, errors=errors, base_url=base_url, thread=thread)


def _post(
    *,
    pupil: Pupil,
    by: Any,
    side: str,
    text: str,
    errors: dict[str, str],
    base_url: str,
    kind: str = "",
    thread: LinkBookEntry | None = None,
) -> LinkBookEntry:
    """Check the words, save the entry or reply, and email the other side: what both ways of writing share."""
    text = _check_text(text, errors)
    if errors:
        raise ValidationError(errors)
    entry = LinkBookEntry(
        pupil=pupil,
        thread=thread,
        kind=kind,
        text=text,
        side=side,
        author=by,
        author_label=author_label(pupil=pupil, by=by, side=side),
    )
    _save(entry, by)
    _notify(entry=entry, thread=thread or entry, base_url=base_url)
    return entry


def _notify(*, entry: LinkBookEntry, thread: LinkBookEntry, base_url: str) -> None:
    """Email the other side, one email each (addresses are not shared), never the writer."""
    pupil = entry.pupil
    to_parents = entry.side == Side.SCHOOL
    recipients = selectors.parent_recipients(pupil) if to_parents else selectors.staff_recipients(pupil)
    page = "linkbook:parent_entry" if to_parents else "linkbook:staff_entry"
    link = base_url.rstrip("/") + reverse(page, args=[pupil.pk, thread.pk])
    verb = "replied" if entry.thread_id else "wrote"
    subject = f"{entry.author_label} {verb} in {pupil.display_name}'s link book: {first_line(entry.text, 80)}"
    context = {"entry": entry, "thread": thread, "pupil": pupil, "link": link, "verb": verb, "to_parents": to_parents}
    for user, email in recipients:
        if user.pk == entry.author_id:
            continue
        queue_email(
            to=email,
            subject=subject,
            body=render_to_string("linkbook/email/new_entry.txt", {**context, "recipient": user}),
            about="Link book",
            about_key=f"linkbook:{entry.pk}",
        )


@transaction.atomic
def choose_readers(*, pupil: Pupil, by: Any, users: Sequence[Any]) -> list[LinkBookReader]:
    """Set the staff who read and write in the child's book (besides the SENCO and the head)."""
    allowed = set(selectors.reader_choices(pupil).values_list("pk", flat=True))
    wanted = {user.pk for user in users}
    if wanted - allowed:
        raise ValidationError(
            {"readers": f"Choose only teachers and teaching assistants who work with {pupil.display_name}."}
        )
    current = {reader.user_id: reader for reader in LinkBookReader.objects.filter(pupil=pupil)}
    for user_id, reader in current.items():
        if user_id not in wanted:
            reader._history_user = by
            reader.delete()  # one row at a time, so each removal is in the audit log
    for user_id in sorted(wanted - set(current)):
        reader = LinkBookReader(pupil=pupil, user_id=user_id, chosen_by=by)
        reader._history_user = by
        reader.full_clean()
        reader.save()
    return list(LinkBookReader.objects.filter(pupil=pupil))
