# A program's school is `unit` in every app, after the core model it points to (the column follows).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('students', '0005_text_length_limits'),
    ]

    operations = [
        migrations.RenameField(model_name='program', old_name='faculty', new_name='unit'),
        migrations.RenameField(model_name='historicalprogram', old_name='faculty', new_name='unit'),
    ]
