"""On PostgreSQL the reads every signed-in request makes go as prepared statements, through Django's
cursor wrapper (so they are counted and logged as any query); ``DB_PREPARED_STATEMENTS=0`` turns
that off for connection poolers that do not keep them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.accounts import sessions
from sendsupport.core import prepared

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")


def _prepared_statements() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return {row[0] for row in cursor.fetchall()}


def test_a_prepared_cursor_answers_and_is_counted_as_any_query():
    with CaptureQueriesContext(connection) as queries, prepared.cursor() as cursor:
        cursor.execute("SELECT %s + %s", [40, 2])
        assert cursor.fetchone()[0] == 42
    assert [query["sql"] for query in queries.captured_queries] == ["SELECT 40 + 2"]


@on_postgresql
def test_on_postgresql_the_statement_is_prepared_once_and_used_again():
    sql = "SELECT %s::int * 2 AS doubled"
    for value, expected in ((2, 4), (21, 42)):
        with prepared.cursor() as cursor:
            cursor.execute(sql, [value])
            assert cursor.fetchone()[0] == expected
    assert [statement for statement in _prepared_statements() if "doubled" in statement] == [
        "SELECT $1::int * 2 AS doubled"
    ]


@on_postgresql
def test_a_signed_in_page_reads_its_session_with_a_prepared_statement(senco, login):
    assert login(senco).get(reverse("home")).status_code == 200
    session_sql = sessions._sql(connection.vendor).replace("%s", "$1", 1).replace("%s", "$2", 1)
    assert session_sql in _prepared_statements()


@on_postgresql
def test_turned_off_nothing_is_prepared(settings):
    settings.DB_PREPARED_STATEMENTS = False
    with prepared.cursor() as cursor:
        cursor.execute("SELECT %s::int AS not_prepared", [1])
        assert cursor.fetchone()[0] == 1
    assert not [statement for statement in _prepared_statements() if "not_prepared" in statement]
