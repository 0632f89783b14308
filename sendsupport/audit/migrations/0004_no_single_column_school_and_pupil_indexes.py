"""Drop the single-column indexes on the audit log's school and pupil.

Each is the first column of an index the log pages already use ("school, newest first" and "pupil,
newest first"), so it answered nothing those do not; but every page a person reads writes entries,
and each entry paid to keep seven indexes up to date (about 0.3 ms of the 1 ms the register's 50
entries took on SQLite). The indexes are dropped with SQL rather than by altering the fields: on
SQLite, altering a field rebuilds the table, which would drop the append-only triggers of 0003.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {"pupil": "audit_auditevent_pupil_id_f0d4580f", "school": "audit_auditevent_school_id_c4774c2a"}


def _field(to: str) -> models.ForeignKey:
    return models.ForeignKey(
        db_constraint=False,
        db_index=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to=to,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_append_only_triggers"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "audit_auditevent" ("{field}_id")',
                )
                for field, index in INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(model_name="auditevent", name="pupil", field=_field("pupils.pupil")),
                migrations.AlterField(model_name="auditevent", name="school", field=_field("schools.school")),
            ],
        ),
    ]
