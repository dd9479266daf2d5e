# A short course's department is `unit` in every app, after the core model it points to (the column follows).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('exchanges', '0003_text_length_limits'),
    ]

    operations = [
        migrations.RenameField(model_name='shortcourse', old_name='department', new_name='unit'),
        migrations.RenameField(model_name='historicalshortcourse', old_name='department', new_name='unit'),
    ]
