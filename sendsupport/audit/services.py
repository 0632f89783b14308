"""Writing to the audit log. Changes arrive through django-simple-history; views are logged here.

Reads are audited by default: within a request, the pupils a page found (``note_found``, called by
``pupils.lookup``) and the pupils a view already logged are remembered, and the read-audit
middleware (``pupils.middleware``) logs a "viewed" event for each pupil found but not logged.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection

from sendsupport.audit.models import AuditEvent
from sendsupport.core import prepared
from sendsupport.core.request_id import current_request_id


@dataclass
class Reads:
    """The pupils one request found and the pupils it has logged a view or export of."""

    found: dict[int, Any] = field(default_factory=dict)
    logged: set[int] = field(default_factory=set)


_reads: ContextVar[Reads | None] = ContextVar("sendsupport_audit_reads", default=None)


@dataclass(frozen=True)
class PupilRef:
    """A pupil as the audit log needs one (its id and school), for entries written again later."""

    pk: int
    school_id: int


Row = tuple[int | None, int | None, str]  # school id, pupil id, object id
VARYING = ("school", "pupil", "object_id")  # the fields that differ between the entries of one read, as in a Row
# The fields that differ between the entries of several reads written together (``write_again``).
BATCH_VARYING = ("action", "object_type", "summary", *VARYING)
Batch = tuple[str, str, str, tuple[Row, ...]]  # action, object type, summary, rows


@dataclass(frozen=True)
class Written:
    """The read entries one page wrote, to write again when the same page is served again unchanged
    (``audit.remembered_pages``): each batch as ``_write_read_entries`` wrote it, and the pupils the
    page found but left to the read-audit middleware."""

    batches: tuple[Batch, ...]
    found: tuple[PupilRef, ...]


_written: ContextVar[list[Batch] | None] = ContextVar("sendsupport_audit_written", default=None)


def begin_capture() -> Any:
    """Start keeping a copy of every read entry written (the token goes to ``end_capture``)."""
    return _written.set([])


def end_capture(token: Any) -> Written:
    batches = _written.get() or []
    _written.reset(token)
    reads = _reads.get() or Reads()
    found = tuple(
        PupilRef(pk=pk, school_id=pupil.school_id) for pk, pupil in reads.found.items() if pk not in reads.logged
    )
    return Written(batches=tuple(batches), found=found)


def write_again(*, user: Any, written: Written) -> None:
    """Write a remembered page's read entries for this request, as the page itself wrote them, in one
    statement: an API list writes an export and a list, two statements when drawn, and each
    statement cost a round trip to the database on every visit."""
    if len(written.batches) == 1:
        action, object_type, what, rows = written.batches[0]
        _write_read_entries(user, action=action, object_type=object_type, what=what, rows=rows)
    elif written.batches:
        rows = [
            (action, object_type, what[:300], *row)
            for action, object_type, what, batch in written.batches
            for row in batch
        ]
        _insert_entries(user, fixed={}, varying=BATCH_VARYING, rows=rows)
    for pupil in written.found:
        note_found(pupil)


def begin_reads() -> Any:
    """Start remembering reads for this request; returns the token ``end_reads`` takes."""
    return _reads.set(Reads())


def end_reads(token: Any) -> Reads:
    reads = _reads.get() or Reads()
    _reads.reset(token)
    return reads


def note_found(pupil: Any) -> None:
    """A page or API route found this pupil to show (``pupils.lookup``)."""
    reads = _reads.get()
    if reads is not None:
        reads.found.setdefault(pupil.pk, pupil)


def _note_logged(pupil_ids: Iterable[int]) -> None:
    reads = _reads.get()
    if reads is not None:
        reads.logged.update(pupil_ids)


def _actor_fields(user: Any) -> dict[str, Any]:
    if user is None or not getattr(user, "is_authenticated", False):
        return {"actor": None, "actor_name": "system"}
    return {"actor": user, "actor_name": user.get_username()}


def _without_waiting_for_the_disk() -> bool:
    """Whether read entries about to be written may be committed without waiting for the disk: on
    PostgreSQL, when they are a transaction of their own (never inside someone else's, whose changes
    must wait).

    Every page a person reads writes at least one entry, and waiting for the disk to confirm each
    commit cost about 4 ms a page on the benchmark's machine, more than the rest of a remembered page.
    An entry committed this way is as safe as every write on SQLite, which runs with
    ``synchronous=NORMAL``: the database stays consistent whatever happens, and only the entries of
    the last fraction of a second (PostgreSQL's ``wal_writer_delay``, three times over at most) can be
    lost if the database server or the machine stops dead. Changes to records, and their history,
    always wait. ``AUDIT_READS_WAIT_FOR_DISK=1`` makes these entries wait too."""
    return (
        connection.vendor == "postgresql" and not connection.in_atomic_block and not settings.AUDIT_READS_WAIT_FOR_DISK
    )


def record_view(*, user: Any, pupil: Any, what: str) -> None:
    """Log that ``user`` saw part of ``pupil``'s record (``what`` says which part)."""
    _note_logged([pupil.pk])
    pupil_ref = (pupil.school_id, pupil.pk, str(pupil.pk))
    _write_read_entries(user, action=AuditEvent.Action.VIEWED, object_type="pupil", what=what, rows=[pupil_ref])


def record_export(*, user: Any, school_id: int, pupil: Any | None, what: str) -> None:
    """Log that data left the system (a file, a document, an API response of many pupils)."""
    if pupil is not None:
        _note_logged([pupil.pk])
    if pupil is None:
        row, object_type = (school_id, None, str(school_id)), "school"
    else:
        row, object_type = (school_id, pupil.pk, str(pupil.pk)), "pupil"
    _write_read_entries(user, action=AuditEvent.Action.EXPORTED, object_type=object_type, what=what, rows=[row])


def record_list_view(*, user: Any, shown: Iterable[tuple[int, int]], what: str) -> int:
    """Log that ``user`` saw a list showing these pupils (the register, a class, a to-do list), as
    (school id, pupil id) pairs: one entry per pupil, so each child's log says who saw them, written
    in one query. Returns the number of entries written."""
    pairs = dict((pupil_id, school_id) for school_id, pupil_id in shown)
    _note_logged(pairs)
    if not pairs:
        return 0
    rows = [(school_id, pupil_id, str(pupil_id)) for pupil_id, school_id in pairs.items()]
    _write_read_entries(user, action=AuditEvent.Action.VIEWED, object_type="pupil", what=what, rows=rows)
    return len(rows)


def _write_read_entries(user: Any, *, action: str, object_type: str, what: str, rows: Iterable[Row]) -> None:
    """Write entries that share all but their school, pupil and object id, one for each of ``rows``
    (school id, pupil id, object id), in one statement. One event's values are prepared once and
    only those three vary per row: building and saving a model instance for each entry cost more
    than the insert itself, on every page a person reads."""
    rows = tuple(rows)
    written = _written.get()
    if written is not None:
        written.append((action, object_type, what, rows))
    fixed = {"action": action, "object_type": object_type, "summary": what[:300]}
    _insert_entries(user, fixed=fixed, varying=VARYING, rows=rows)


def _insert_entries(user: Any, *, fixed: dict[str, Any], varying: tuple[str, ...], rows: Sequence[tuple]) -> None:
    """Insert one entry by ``user`` per row of ``rows`` (the values of the fields ``varying``, in that
    order), the other fields the same for all: ``fixed``, the actor, the time and the request."""
    if not rows:
        return
    template = AuditEvent(**_actor_fields(user), **fixed, request_id=current_request_id())
    varying_at = _varying_positions(varying)
    shared = [
        field.get_db_prep_save(field.pre_save(template, True), connection)
        for index, field in enumerate(_insert_fields())
        if index not in varying_at
    ]
    with prepared.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The shared values once and the varying ones as arrays: as a statement of many rows,
            # the driver quoted every value of every entry in Python (2 ms for 50 entries).
            insert = _array_insert_sql(varying, without_waiting=_without_waiting_for_the_disk())
            cursor.execute(insert, [*shared, *(list(column) for column in zip(*rows, strict=True))])
        else:
            # The shared values once and the varying ones as one JSON array of rows: the same short
            # statement whatever the list's length (SQLite keeps it compiled), where a statement of
            # many rows bound 600 values for the register's 50 entries (0.1 ms more) and had to be
            # split beyond SQLite's limit on values.
            cursor.execute(_json_insert_sql(varying), [*shared, json.dumps(rows)])


@functools.cache
def _array_insert_sql(varying: tuple[str, ...], *, without_waiting: bool) -> str:
    """PostgreSQL: insert one row per element of the arrays of the fields ``varying``, sharing the rest.

    ``without_waiting`` (see ``_without_waiting_for_the_disk``) has the statement set
    ``synchronous_commit`` off for its own transaction, as ``SET LOCAL`` would: sent on its own, in
    autocommit, the statement is that transaction, so there is one round trip to the database where
    ``BEGIN``, ``SET LOCAL``, the insert and ``COMMIT`` made four (about 1 ms a page on a busy
    machine). The setting ends with the transaction; nothing written after it on the connection is
    affected."""
    quote = connection.ops.quote_name
    fields = _insert_fields()
    by_name = {field.name: field for field in fields}
    select = [
        f"entry.{quote(field.name)}" if field.name in varying else f"CAST(%s AS {field.db_type(connection)})"
        for field in fields
    ]
    arrays = ", ".join(f"CAST(%s AS {by_name[name].db_type(connection)}[])" for name in varying)
    # Names and types come from the model, never from input; every value is a parameter.
    return (
        f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "  # noqa: S608
        f"SELECT {', '.join(select)} FROM unnest({arrays}) AS entry({', '.join(quote(name) for name in varying)})"
        + (
            " CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS not_waiting"
            if without_waiting
            else ""
        )
    )


@functools.cache
def _insert_fields() -> tuple[Any, ...]:
    return tuple(field for field in AuditEvent._meta.concrete_fields if not field.primary_key)


@functools.cache
def _varying_positions(varying: tuple[str, ...]) -> tuple[int, ...]:
    """Where the fields ``varying`` sit among ``_insert_fields()``, in ``varying``'s order."""
    names = [field.name for field in _insert_fields()]
    return tuple(names.index(name) for name in varying)


@functools.cache
def _json_insert_sql(varying: tuple[str, ...]) -> str:
    """SQLite: insert one row per element of a JSON array of rows (the values of the fields
    ``varying``), sharing the rest. ``json_each`` reads the array; numbers come back as integers and
    text columns keep text, as the model's fields would have stored them."""
    quote = connection.ops.quote_name
    fields = _insert_fields()
    varying_at = _varying_positions(varying)
    select = [
        f"json_extract(entry.value, '$[{varying_at.index(index)}]')" if index in varying_at else "%s"
        for index in range(len(fields))
    ]
    # Names come from the model, never from input; every value is a parameter.
    return (
        f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "  # noqa: S608
        f"SELECT {', '.join(select)} FROM json_each(%s) AS entry ORDER BY entry.key"
    )


def pupils_shown(pupils: Iterable[Any]) -> list[tuple[int, int]]:
    """(school id, pupil id) for ``record_list_view`` from pupils."""
    return [(pupil.school_id, pupil.pk) for pupil in pupils]


def record_change(
    *,
    user: Any,
    school_id: int | None,
    pupil_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
    changes: list[dict[str, Any]],
) -> AuditEvent:
    return AuditEvent.objects.create(
        **_actor_fields(user),
        school_id=school_id,
        pupil_id=pupil_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:300],
        changes=changes,
    )
