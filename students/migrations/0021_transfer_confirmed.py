"""A transfer says whether a payment confirms it (`Transfer.confirmed`), so that the desk's
queue of transfers to confirm reads the unconfirmed ones through a partial index. The transfers
a payment already confirms are marked as such."""

from django.db import migrations, models


def mark_confirmed(apps, schema_editor):
    Transfer = apps.get_model("students", "Transfer")
    Transfer.objects.filter(payment__isnull=False).update(confirmed=True)


class Migration(migrations.Migration):
    dependencies = [("students", "0020_review_requested_by_file")]

    operations = [
        migrations.AddField(
            model_name="transfer",
            name="confirmed",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_confirmed, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="transfer",
            index=models.Index(
                condition=models.Q(("confirmed", False)),
                fields=["invoice"],
                name="transfer_to_confirm",
            ),
        ),
    ]
