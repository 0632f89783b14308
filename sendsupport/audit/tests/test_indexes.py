"""Every entry written pays for each index of the audit log, and every page a person reads writes
entries (50 for the register): the log keeps the indexes its pages read by and no others."""

from __future__ import annotations

import pytest
from django.db import connection

from sendsupport.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_audit_log_is_indexed_by_school_by_pupil_and_by_time_only():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AuditEvent._meta.db_table)
    indexed = sorted(
        tuple(found["columns"]) for found in constraints.values() if found["index"] and not found["primary_key"]
    )
    # The school's log and a pupil's log, newest first; the whole log by time (the admin's list).
    assert indexed == [("at",), ("pupil_id", "at"), ("school_id", "at")]
