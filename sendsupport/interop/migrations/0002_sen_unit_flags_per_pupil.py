"""The SEN unit and resourced provision census indicators become per-pupil flags; problems in a
pupil's SEN record found on CTF import are kept on the pupil (TransferProblem).

The census indicators:

Until now the school's "has a SEN unit" / "has resourced provision" settings were copied into the
census for every pupil on SEN support (K) or with an EHC plan (E), so a school with a unit reported
every such pupil as a member. The school-level settings move to the school (where they now only
allow pupils to be marked as members); no pupil is marked, so the copied values are cleared. Schools
that had either setting on see a one-time notice on the census page, and this migration says so.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

NOTICE = "Unit and resourced provision are now recorded pupil by pupil; check the pupils who are members."


def move_to_school_and_clear(apps, schema_editor):
    settings_model = apps.get_model("interop", "CensusSettings")
    school_model = apps.get_model("schools", "School")
    status_model = apps.get_model("pupils", "SENStatus")
    for row in settings_model.objects.filter(models.Q(has_sen_unit=True) | models.Q(has_resourced_provision=True)):
        name = school_model.objects.filter(pk=row.school_id).values_list("name", flat=True).first()
        school_model.objects.filter(pk=row.school_id).update(
            has_sen_unit=row.has_sen_unit, has_resourced_provision=row.has_resourced_provision
        )
        row.per_pupil_notice = True
        row.save(update_fields=["per_pupil_notice"])
        # The pupils whose census items carried the school's setting: those whose latest status is K or E.
        latest: dict[int, str] = {}
        for pupil_id, provision in (
            status_model.objects.filter(pupil__school_id=row.school_id)
            .order_by("pupil_id", "start_date", "id")
            .values_list("pupil_id", "provision")
        ):
            latest[pupil_id] = provision
        copied = sum(1 for provision in latest.values() if provision in {"K", "E"})
        print(  # noqa: T201 - a data migration tells whoever runs it what it changed
            f"\n  {name}: SEN unit and resourced provision indicators cleared for {copied} "
            f"pupil(s) on SEN support or with an EHC plan. {NOTICE}"
        )


def back_to_school_level(apps, schema_editor):
    settings_model = apps.get_model("interop", "CensusSettings")
    school_model = apps.get_model("schools", "School")
    for school in school_model.objects.filter(models.Q(has_sen_unit=True) | models.Q(has_resourced_provision=True)):
        settings_model.objects.update_or_create(
            school_id=school.pk,
            defaults={"has_sen_unit": school.has_sen_unit, "has_resourced_provision": school.has_resourced_provision},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("interop", "0001_initial"),
        ("schools", "0003_school_sen_unit_and_resourced_provision"),
        ("pupils", "0003_pupil_sen_unit_and_resourced_provision_members"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="censussettings",
            name="per_pupil_notice",
            field=models.BooleanField(default=False, verbose_name="Show the notice that membership is now per pupil"),
        ),
        migrations.AddField(
            model_name="historicalcensussettings",
            name="per_pupil_notice",
            field=models.BooleanField(default=False, verbose_name="Show the notice that membership is now per pupil"),
        ),
        migrations.RunPython(move_to_school_and_clear, back_to_school_level),
        migrations.RemoveField(model_name="censussettings", name="has_resourced_provision"),
        migrations.RemoveField(model_name="censussettings", name="has_sen_unit"),
        migrations.RemoveField(model_name="historicalcensussettings", name="has_resourced_provision"),
        migrations.RemoveField(model_name="historicalcensussettings", name="has_sen_unit"),
        migrations.CreateModel(
            name="HistoricalTransferProblem",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("element", models.CharField(max_length=60)),
                ("rule", models.CharField(max_length=60)),
                ("message", models.TextField()),
                ("found_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("fixed_at", models.DateTimeField(blank=True, null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "fixed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pupil",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pupils.pupil",
                    ),
                ),
                (
                    "run",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="interop.importrun",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical transfer problem",
                "verbose_name_plural": "historical transfer problems",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="TransferProblem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("element", models.CharField(max_length=60)),
                ("rule", models.CharField(max_length=60)),
                ("message", models.TextField()),
                ("found_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("fixed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "fixed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "pupil",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="transfer_problems", to="pupils.pupil"
                    ),
                ),
                (
                    "run",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="interop.importrun",
                    ),
                ),
            ],
            options={
                "ordering": ["found_at", "id"],
                "indexes": [models.Index(fields=["pupil", "fixed_at"], name="interop_tra_pupil_i_59bc6e_idx")],
            },
        ),
    ]
