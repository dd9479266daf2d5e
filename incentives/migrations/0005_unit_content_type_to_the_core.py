# Unit now belongs to the core (intlaffairs); its table, incentives_unit, stays as it is. A database
# made before the move has a content type incentives.unit, which permissions, groups and admin log
# entries point to: it is handed to the core rather than left stale beside a new one.

from django.db import migrations


def hand_to_the_core(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label='intlaffairs', model='unit').exists():
        ContentType.objects.using(db).filter(app_label='incentives', model='unit').update(
            app_label='intlaffairs'
        )


def hand_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label='incentives', model='unit').exists():
        ContentType.objects.using(db).filter(app_label='intlaffairs', model='unit').update(
            app_label='incentives'
        )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('incentives', '0004_upload_field'),
    ]

    operations = [migrations.RunPython(hand_to_the_core, hand_back)]
