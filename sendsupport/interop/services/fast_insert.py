"""Fast bulk inserts for imports: the rows, their django-simple-history rows and audit entries.

Django's ``bulk_create`` compiles every value of every row through the SQL compiler, and
simple-history's bulk helpers build a model instance per history row; for a CTF of 10,000 pupils
that is most of the time. Here values are adapted once per field type and sent with plain
multi-row INSERTs (RETURNING the new ids where the database can). The rows written are the
same as Django and simple-history would write; ``tests/test_fast_insert.py`` checks that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}


def _adapter(field: models.Field, connection: Any) -> Callable[[Any], Any] | None:
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind == "JSONField":
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _prepare(
    fields: Sequence[models.Field], rows: list[list[Any]], connection: Any, adapted: int = 0
) -> list[list[Any]]:
    """Adapt dates, datetimes and JSON for the database; the last ``adapted`` columns already are."""
    adapters = [(index, _adapter(field, connection)) for index, field in enumerate(fields[: len(fields) - adapted])]
    adapters = [(index, adapt) for index, adapt in adapters if adapt is not None]
    for row in rows:
        for index, adapt in adapters:
            if row[index] is not None:
                row[index] = adapt(row[index])
    return rows


def _insert(
    model: type[models.Model],
    fields: Sequence[models.Field],
    rows: list[list[Any]],
    *,
    returning: bool,
    adapted: int = 0,
) -> list[Any]:
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    rows = _prepare(fields, rows, connection, adapted)
    returning_sql = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    ids: list[Any] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _copy_postgresql(model, fields, rows, cursor, returning=returning)
        batch = max(1, min(500, connection.ops.bulk_batch_size(list(fields), rows) or 500))
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params = [value for row in chunk for value in row]
            # Table and column names come from model metadata, quoted; values are always parameters.
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(chunk))}{returning_sql}"  # noqa: S608
            cursor.execute(sql, params)
            if returning:
                ids += [row[0] for row in cursor.fetchall()]
    return ids


def _copy_postgresql(
    model: type[models.Model], fields: Sequence[models.Field], rows: list[list[Any]], cursor: Any, *, returning: bool
) -> list[Any]:
    """COPY the rows in (PostgreSQL's bulk path). New ids are taken from the table's sequence first."""
    quote = cursor.db.ops.quote_name
    ids: list[Any] = []
    names = [field.column for field in fields]
    if returning:
        pk = model._meta.pk.column
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, pk])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, len(rows)])
        ids = [row[0] for row in cursor.fetchall()]
        names = [pk, *names]
        rows = [[pk_value, *row] for pk_value, row in zip(ids, rows, strict=True)]
    statement = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(name) for name in names)}) FROM STDIN"
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    return ids


def insert(model: type[models.Model], objs: list[models.Model]) -> list[models.Model]:
    """Insert new rows and set their primary keys, like ``bulk_create`` (no signals, no ``save()``)."""
    if not objs:
        return objs
    connection = connections[router.db_for_write(model)]
    if not connection.features.can_return_rows_from_bulk_insert:
        return model._default_manager.bulk_create(objs, batch_size=500)
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    rows = [[getattr(obj, field.attname) for field in fields] for obj in objs]
    ids = _insert(model, fields, rows, returning=True)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def insert_plain(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert rows whose ids nobody needs back (audit entries)."""
    if not objs:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    _insert(model, fields, [[getattr(obj, field.attname) for field in fields] for obj in objs], returning=False)


def insert_history(
    model: type[models.Model], objs: list[models.Model], *, user: Any, history_type: str, when: datetime | None = None
) -> None:
    """The simple-history rows for ``objs`` ("+" created, "~" changed), as ``bulk_history_create`` writes them."""
    if not objs:
        return
    history_model = model.history.model
    names = {field.name for field in history_model._meta.concrete_fields}
    tracked = list(history_model.tracked_fields)
    if names != {field.name for field in tracked} | HISTORY_FIELDS:
        # A history model with extra fields: let simple-history build it.
        model.history.bulk_history_create(objs, update=history_type == "~", default_user=user, default_date=when)
        return
    fields = [history_model._meta.get_field(field.name) for field in tracked] + [
        history_model._meta.get_field(name)
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    ]
    connection = connections[router.db_for_write(history_model)]
    # One moment for the whole batch, adapted once; the four history columns need no more work.
    when = connection.ops.adapt_datetimefield_value(when or timezone.now())
    user_id = getattr(user, "pk", None)
    extra = [when, None, history_type, user_id]
    rows = [[getattr(obj, field.attname) for field in tracked] + extra for obj in objs]
    _insert(history_model, fields, rows, returning=False, adapted=len(extra))


def create_with_history(model: type[models.Model], objs: list[models.Model], *, user: Any) -> list[models.Model]:
    insert(model, objs)
    insert_history(model, objs, user=user, history_type="+")
    return objs


def update_with_history(model: type[models.Model], objs: list[models.Model], fields: list[str], *, user: Any) -> None:
    if not objs:
        return
    model._default_manager.bulk_update(objs, fields, batch_size=500)
    insert_history(model, objs, user=user, history_type="~")
