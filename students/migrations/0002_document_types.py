"""The documents applicants are asked for; programs choose among them."""

from django.db import migrations

# fmt: off
TYPES = [
    # code, order, is_photo, fa, en, ckb
    ("passport", 10, False, "صفحهٔ اول گذرنامه", "Passport (data page)", "لاپەڕەی یەکەمی پاسپۆرت"),
    ("photo", 20, True, "عکس پرسنلی", "Passport-size photograph", "وێنەی پاسپۆرتی"),
    ("diploma", 30, False, "مدرک تحصیلی", "Diploma or degree certificate", "بڕوانامەی خوێندن"),
    ("transcript", 40, False, "ریز نمرات", "Transcript of records", "لیستی نمرەکان"),
    ("language", 50, False, "مدرک زبان", "Language certificate", "بڕوانامەی زمان"),
    ("cv", 60, False, "رزومه", "Curriculum vitae", "ژیاننامە"),
    ("recommendation", 70, False, "توصیه‌نامه", "Letter of recommendation", "نامەی ڕاسپاردن"),
    ("health", 80, False, "گواهی سلامت", "Medical certificate", "بڕوانامەی تەندروستی"),
]
# fmt: on


def create(apps, schema_editor):
    DocumentType = apps.get_model("students", "DocumentType")
    for code, order, is_photo, fa, en, ckb in TYPES:
        DocumentType.objects.update_or_create(
            code=code,
            defaults={
                "order": order,
                "is_photo": is_photo,
                "name": en,
                "name_fa": fa,
                "name_en": en,
                "name_ckb": ckb,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("students", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
