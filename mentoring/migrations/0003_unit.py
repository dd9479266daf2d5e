# A mentor's and a mentee's school is `unit` in every app, after the core model it points to (the column follows).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0002_text_length_limits'),
    ]

    operations = [
        migrations.RenameField(model_name='mentor', old_name='faculty', new_name='unit'),
        migrations.RenameField(model_name='mentee', old_name='faculty', new_name='unit'),
    ]
