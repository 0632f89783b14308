"""The database itself refuses to change or delete audit entries (on SQLite and PostgreSQL).

The model refuses too, but raw SQL, a queryset's ``_raw_delete`` or another program would not ask
the model. Emptying every table at once (``flush``: tests, a demo reset) stays possible: PostgreSQL
empties with TRUNCATE, which row triggers do not see; on SQLite ``flush`` sets the one-row permit
table around its DELETEs (``sendsupport.audit.append_only``).
"""

from django.db import migrations

SQLITE = [
    "CREATE TABLE audit_flush_permit (id integer PRIMARY KEY)",
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'Audit entries cannot be changed.'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent "
    "WHEN NOT EXISTS (SELECT 1 FROM audit_flush_permit) "
    "BEGIN SELECT RAISE(ABORT, 'Audit entries cannot be deleted.'); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TABLE IF EXISTS audit_flush_permit",
]
POSTGRESQL = [
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'Audit entries cannot be %.', CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)  # no placeholders: the % in RAISE stays

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_request_id")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
