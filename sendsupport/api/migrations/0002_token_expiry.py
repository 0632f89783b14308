"""Every API token expires. Tokens made before this had none: they get the longest lifetime (90 days)
from when they were made, so a forgotten old token stops working rather than lasting for ever."""

from datetime import timedelta

from django.db import migrations, models


def give_old_tokens_an_expiry(apps, schema_editor) -> None:
    ApiToken = apps.get_model("api", "ApiToken")
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(model_name="apitoken", name="expires_at", field=models.DateTimeField(null=True)),
        migrations.RunPython(give_old_tokens_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(model_name="apitoken", name="expires_at", field=models.DateTimeField()),
    ]
