"""Model instances from rows of hand-written SQL, for the few reads made on every request.

Building a query with the ORM costs more than running it when the query is small and asked on every
signed-in page (who the user is, their roles). Those reads are written as SQL, with table and column
names taken from the models, and their rows become model instances here, converted exactly as the
ORM converts them (booleans and dates on SQLite, for one).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


@functools.cache
def _fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(model._meta.concrete_fields)


def columns(model: type[models.Model], alias: str) -> str:
    """The select list for every concrete field of ``model`` in the table called ``alias``."""
    quote = connection.ops.quote_name
    return ", ".join(f"{quote(alias)}.{quote(field.column)}" for field in _fields(model))


def width(model: type[models.Model]) -> int:
    """How many columns ``columns(model, ...)`` selects."""
    return len(_fields(model))


@functools.cache
def _converters(vendor: str, model: type[models.Model]) -> list[tuple[int, list, Any]]:
    """The ORM's converters for each field of ``model`` that has any, on the database ``vendor``."""
    found = []
    for index, field in enumerate(_fields(model)):
        column = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if converters:
            found.append((index, converters, column))
    return found


def instance(model: type[M], values: Sequence[Any]) -> M:
    """``model`` from the values ``columns(model, ...)`` selected, as the ORM would have built it."""
    row = list(values)
    for index, converters, column in _converters(connection.vendor, model):
        value = row[index]
        for convert in converters:
            value = convert(value, column, connection)
        row[index] = value
    return model.from_db(connection.alias, [field.attname for field in _fields(model)], row)
