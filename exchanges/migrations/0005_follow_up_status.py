"""A follow-up action's state becomes a workflow field (open → done → open); the actions already
marked done (they have a done date) start as done."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    FollowUp = apps.get_model("exchanges", "FollowUp")
    FollowUp.objects.filter(done_on__isnull=False).update(status="done")


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0004_shortcourse_unit"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="status",
            field=models.CharField(
                choices=[("open", "Open"), ("done", "Done")],
                db_index=True,
                default="open",
                max_length=8,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
