"""The SEN unit and resourced provision census indicators become per-pupil flags.

Until now the school's "has a SEN unit" / "has resourced provision" settings were copied into the
census for every pupil on SEN support (K) or with an EHC plan (E), so a school with a unit reported
every such pupil as a member. The school-level settings move to the school (where they now only
allow pupils to be marked as members); no pupil is marked, so the copied values are cleared. Schools
that had either setting on see a one-time notice on the census page, and this migration says so.
"""

from django.db import migrations, models

NOTICE = (
    "Unit and resourced provision are now recorded pupil by pupil; check the pupils who are members."
)


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
        ("schools", "0002_school_sen_unit_and_resourced_provision"),
        ("pupils", "0002_pupil_sen_unit_and_resourced_provision_members"),
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
    ]
