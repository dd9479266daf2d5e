"""The web-presence checklist's `status` becomes `progress`: an attribute of a checklist
item, not a workflow state (strategy/workflows.py says why). The column and its values stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("strategy", "0004_text_length_limits")]

    operations = [
        migrations.RenameField(model_name="webcheck", old_name="status", new_name="progress"),
        migrations.AlterModelOptions(
            name="webcheck",
            options={
                "ordering": ["progress", "item"],
                "verbose_name": "web-presence item",
                "verbose_name_plural": "web-presence checklist",
            },
        ),
    ]
