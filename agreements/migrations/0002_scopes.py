from django.db import migrations

SCOPES = ["education", "research", "clinical", "student_mobility", "staff_mobility"]


def create_scopes(apps, schema_editor):
    Scope = apps.get_model("agreements", "Scope")
    for code in SCOPES:
        Scope.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunPython(create_scopes, migrations.RunPython.noop)]
