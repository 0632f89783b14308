"""Invitations as rows with a one-time token; one account per email address, ignoring case.

Before the constraint is added, existing accounts are checked: if two share an address, the
migration stops and lists them. Which account is the right one is for a person to decide (change or
clear one address in the admin), never for the migration to guess.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def refuse_duplicate_emails(apps, schema_editor) -> None:
    User = apps.get_model("accounts", "User")
    by_address: dict[str, list[str]] = {}
    for pk, username, email in User.objects.exclude(email="").values_list("pk", "username", "email").order_by("pk"):
        by_address.setdefault(email.lower(), []).append(f"{username} (id {pk}, {email})")
    clashes = {address: names for address, names in by_address.items() if len(names) > 1}
    if clashes:
        listed = "\n".join(f"  {address}: " + "; ".join(names) for address, names in sorted(clashes.items()))
        raise RuntimeError(
            "Some accounts share an email address (ignoring capitals), so each address cannot be made "
            "unique. Give each account its own address, or clear the address of the account that should "
            "not receive email, then run migrate again:\n" + listed
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("pupils", "0003_pupil_sen_unit_and_resourced_provision_members"),
        ("schools", "0004_school_senco"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicate_emails, migrations.RunPython.noop),
        migrations.CreateModel(
            name="Invitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                ("kind", models.CharField(choices=[("staff", "Staff"), ("parent", "Parent or carer")], max_length=10)),
                ("email", models.EmailField(max_length=254)),
                ("first_name", models.CharField(blank=True, max_length=150)),
                ("last_name", models.CharField(blank=True, max_length=150)),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("senco", "SENCO"),
                            ("head", "Head teacher"),
                            ("teacher", "Teacher"),
                            ("ta", "Teaching assistant"),
                            ("governor", "Governor"),
                        ],
                        max_length=20,
                    ),
                ),
                ("job_title", models.CharField(blank=True, max_length=100)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("expires_at", models.DateTimeField()),
                ("used_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(("email", ""), _negated=True),
                name="unique_user_email_ignoring_case",
                violation_error_message="Another account already uses this email address.",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="accepted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="contact",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="invitations",
                to="pupils.contact",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="groups",
            field=models.ManyToManyField(blank=True, related_name="+", to="schools.group"),
        ),
        migrations.AddField(
            model_name="invitation",
            name="invited_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="school",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="schools.school"
            ),
        ),
    ]
