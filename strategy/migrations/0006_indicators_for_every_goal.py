"""A live indicator for every goal whose data the portal holds (goal 1 has none: see the
README). Added to the plan's goals unless the office has already added the same one."""

from django.db import migrations

# fmt: off
# goal number -> (source, name_en, name_fa, name_ckb, higher is better)
NEW = [
    (5, "plan_actions_done", "Plan actions completed in the year", "اقدام‌های برنامه که در سال انجام شد", "کردارەکانی پلان کە لە ساڵەکەدا تەواو بوون", True),
    (6, "web_criteria_met", "Web-presence criteria met", "معیارهای حضور در وب که برآورده شده", "پێوەرە بەدیهاتووەکانی بوونی ماڵپەڕ", True),
    (8, "materials_ready", "Outreach items made ready in the year", "اقلام معرفی که در سال آماده شد", "کەرەستەی ناساندن کە لە ساڵەکەدا ئامادە کرا", True),
    (9, "centers_open", "Education centers abroad open", "مراکز آموزشی فعال در خارج", "ناوەندە فێرکارییە کراوەکان لە دەرەوە", True),
    (12, "points_earners", "Faculty members earning promotion points for agreements", "اعضای هیئت علمی دارای امتیاز ارتقا برای تفاهم‌نامه‌ها", "ئەندامانی دەستەی زانستیی خاوەن خاڵی بەرزکردنەوە بۆ ڕێککەوتنەکان", True),
    (14, "staff_ielts_5", "Staff with IELTS 5 or more", "کارکنان با آیلتس ۵ یا بیشتر", "ستاف بە IELTS ٥ یان زیاتر", True),
    (16, "recognition_issues", "Recognition issues raised in the year", "مسائل به رسمیت شناختن که در سال مطرح شد", "کێشەکانی دانپێدانان کە لە ساڵەکەدا هاتنە پێشەوە", False),
]
# fmt: on


def add(apps, schema_editor):
    Goal = apps.get_model("strategy", "Goal")
    Indicator = apps.get_model("strategy", "Indicator")
    for number, source, en, fa, ckb, higher in NEW:
        for goal in Goal.objects.filter(plan__is_current=True, number=number):
            if goal.indicators.filter(source=source).exists():
                continue
            Indicator.objects.create(
                goal=goal, source=source, name=en, name_en=en, name_fa=fa, name_ckb=ckb,
                higher_is_better=higher,
            )


def remove(apps, schema_editor):
    Indicator = apps.get_model("strategy", "Indicator")
    Indicator.objects.filter(source__in=[row[1] for row in NEW]).delete()


class Migration(migrations.Migration):
    dependencies = [("strategy", "0005_webcheck_progress")]

    operations = [migrations.RunPython(add, remove)]
