"""The document types' names in Arabic (0002 named them in three languages; an Arab applicant
read "Passport (data page)" in English). Only a name still empty is filled: one the office has
written since stays."""

from django.db import migrations
from django.db.models import Q

ARABIC = {
    "passport": "جواز السفر (صفحة البيانات)",
    "photo": "صورة شخصية بحجم صورة جواز السفر",
    "diploma": "الشهادة الدراسية أو شهادة التخرج",
    "transcript": "كشف الدرجات",
    "language": "شهادة اللغة",
    "cv": "السيرة الذاتية",
    "recommendation": "رسالة توصية",
    "health": "شهادة صحية",
}


def name_in_arabic(apps, schema_editor):
    DocumentType = apps.get_model("students", "DocumentType")
    for code, name in ARABIC.items():
        unnamed = Q(name_ar__isnull=True) | Q(name_ar="")
        DocumentType.objects.filter(unnamed, code=code).update(name_ar=name)


def unname(apps, schema_editor):
    DocumentType = apps.get_model("students", "DocumentType")
    for code, name in ARABIC.items():
        DocumentType.objects.filter(code=code, name_ar=name).update(name_ar=None)


class Migration(migrations.Migration):
    dependencies = [("students", "0017_review_list_order")]

    operations = [migrations.RunPython(name_in_arabic, unname)]
