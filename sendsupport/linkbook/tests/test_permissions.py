"""Every link book page, every persona (the shared loop of ``sendsupport.testing.permissions``).

The SENCO chose the class teacher, not the TA, to read Maya's (``pupil``) book: the teacher is let
in, the TA gets 404 like everyone else. Parents use their own page; staff use the staff page.
"""

from __future__ import annotations

from sendsupport.linkbook.models import LinkBookEntry, LinkBookReader
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS

READERS = MANAGERS | {"teacher"}
TEACHER = ("chosen_teacher",)


def entries(w) -> int:
    return LinkBookEntry.objects.count()


def readers(w) -> list[int]:
    return sorted(LinkBookReader.objects.values_list("user_id", flat=True))


def of(fixture: str):
    return lambda w: [getattr(w, fixture).pupil_id, getattr(w, fixture).pk]


NEW = {"kind": "positive", "text": "A good day."}
REPLY = {"text": "Thank you for letting us know."}

TABLE = Table(
    "linkbook",
    [
        Case("linkbook:parent", lambda w: [w.pupil.pk], {"parent"}, needs=TEACHER),
        Case("linkbook:parent", lambda w: [w.other_pupil.pk], {"other_parent"}, label="other pupil"),
        Case(
            "linkbook:parent",
            lambda w: [w.pupil.pk],
            {"parent"},
            status=302,
            method="post",
            data=NEW,
            unchanged=entries,
            needs=TEACHER,
        ),
        Case("linkbook:staff", lambda w: [w.pupil.pk], READERS, needs=TEACHER),
        Case("linkbook:staff", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil", needs=TEACHER),
        Case(
            "linkbook:staff",
            lambda w: [w.pupil.pk],
            READERS,
            status=302,
            method="post",
            data=NEW,
            unchanged=entries,
            needs=TEACHER,
        ),
        Case("linkbook:parent_entry", of("entry"), {"parent"}),
        Case("linkbook:parent_entry", of("other_entry"), {"other_parent"}, label="other pupil"),
        Case(
            "linkbook:parent_entry",
            of("entry"),
            {"parent"},
            status=302,
            method="post",
            data=REPLY,
            unchanged=entries,
        ),
        Case("linkbook:staff_entry", of("entry"), READERS),
        Case("linkbook:staff_entry", of("other_entry"), MANAGERS, label="other pupil"),
        Case(
            "linkbook:staff_entry",
            of("entry"),
            READERS,
            status=302,
            method="post",
            data=REPLY,
            unchanged=entries,
        ),
        Case("linkbook:readers", lambda w: [w.pupil.pk], MANAGERS, needs=TEACHER),
        Case("linkbook:readers", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case(
            "linkbook:readers",
            lambda w: [w.pupil.pk],
            MANAGERS,
            status=302,
            method="post",
            data=lambda w: {"readers": [w.ta.pk]},
            unchanged=readers,
            needs=TEACHER,
        ),
    ],
)
test_permissions = TABLE.test()
