"""The plan, its sixteen goals and the indicators the portal computes, in Arabic too (the fourth
language). Only the rows still worded as shipped (0002, 0006) and without an Arabic text are
filled: what the office has renamed or already translated is left alone."""

from django.db import migrations
from django.db.models import Q

PLAN = (
    "Internationalization document of Kermanshah University of Medical Sciences",
    "وثيقة التدويل لجامعة كرمانشاه للعلوم الطبية",
)

# fmt: off
# title_en -> title_ar
GOALS = {
    "Use the successful experiences of other universities and medical centers.":
        "الاستفادة من التجارب الناجحة للجامعات والمراكز الطبية الأخرى.",
    "Conclude more research-educational agreements with domestic and international institutions.":
        "إبرام مزيد من الاتفاقيات البحثية والتعليمية مع المؤسسات المحلية والدولية.",
    "Offer short courses to students of non-Iranian institutions (fellowship, summer school, observership).":
        "تقديم دورات قصيرة لطلاب المؤسسات غير الإيرانية (الزمالة، المدرسة الصيفية، دورة المراقبة).",
    "Invite delegations of foreign institutions and send teams abroad, especially to target countries.":
        "دعوة وفود المؤسسات الأجنبية وإيفاد الفرق إلى الخارج، ولا سيما إلى الدول المستهدفة.",
    "Prepare the university's internationalization document and operate by it.":
        "إعداد وثيقة التدويل للجامعة والعمل بموجبها.",
    "Improve the university's websites and its Education Iran page after webometric standards.":
        "تحسين المواقع الإلكترونية للجامعة وصفحتها على Education Iran وفق معايير الويبومتركس.",
    "Exchange professors and students with valid international institutions.":
        "تبادل الأساتذة والطلاب مع المؤسسات الدولية المعتمدة.",
    "Prepare cultural items (introduction clips, brochures, factbooks) and trilingual entrance boards.":
        "إعداد مواد ثقافية (مقاطع تعريفية، كتيّبات، كتب حقائق) ولوحات مداخل بثلاث لغات.",
    "Open education centers in target countries.":
        "افتتاح مراكز تعليمية في الدول المستهدفة.",
    "Prepare statutes, protocols (PDCA) and procedures for student recruitment.":
        "إعداد اللوائح والبروتوكولات (PDCA) والإجراءات الخاصة باستقطاب الطلاب.",
    "Incentive packages: IELTS course and exam paid for those scoring five or more.":
        "حزم تحفيزية: دفع تكاليف دورة IELTS وامتحانه لمن يحصل على درجة خمسة أو أكثر.",
    "A point in annual promotion for faculty active in international agreements.":
        "نقطة في الترقية السنوية لأعضاء هيئة التدريس الناشطين في الاتفاقيات الدولية.",
    "Attract faculty proficient in English.":
        "استقطاب أعضاء هيئة تدريس يتقنون اللغة الإنجليزية.",
    "Attract staff fluent in English.":
        "استقطاب موظفين يجيدون اللغة الإنجليزية.",
    "Peer mentoring of international students by Iranian students of the same field.":
        "الإرشاد بالأقران للطلاب الدوليين على يد طلاب إيرانيين من التخصص نفسه.",
    "Consult the ministry on external threats to student recruitment, such as the university missing from a country's list of approved universities.":
        "التشاور مع الوزارة بشأن التهديدات الخارجية لاستقطاب الطلاب، مثل عدم إدراج الجامعة في قائمة الجامعات المعتمدة لدى إحدى الدول.",
}

# source -> (name_en, name_ar)
INDICATORS = {
    "agreements_new": ("Agreements signed in the year", "الاتفاقيات الموقّعة خلال العام"),
    "agreements_active": ("Agreements in force during the year", "الاتفاقيات السارية خلال العام"),
    "course_participants": ("Short-course participants", "المشاركون في الدورات القصيرة"),
    "delegations": ("Delegations received and sent", "الوفود المستقبَلة والموفَدة"),
    "delegations_target": ("Delegations with target countries", "الوفود مع الدول المستهدفة"),
    "mobilities_out": ("Outgoing mobilities", "حالات التنقّل الصادرة"),
    "mobilities_in": ("Incoming mobilities", "حالات التنقّل الواردة"),
    "applications": ("International applications submitted", "الطلبات الدولية المقدَّمة"),
    "admitted": ("International applicants admitted", "المتقدّمون الدوليون المقبولون"),
    "enrolled": ("International students enrolled", "الطلاب الدوليون المسجَّلون"),
    "enrolled_nationalities": ("Nationalities of the students enrolled", "جنسيات الطلاب المسجَّلين"),
    "claims_paid": ("IELTS reimbursement claims paid", "طلبات استرداد تكاليف IELTS المدفوعة"),
    "ielts_5": ("Faculty and staff with IELTS 5 or more", "أعضاء هيئة التدريس والموظفون الحاصلون على ٥ أو أكثر في IELTS"),
    "mentoring_coverage": ("International students with a peer mentor (%)", "الطلاب الدوليون الذين لديهم مرشد من الأقران (٪)"),
    "plan_actions_done": ("Plan actions completed in the year", "إجراءات الخطة المنجزة خلال العام"),
    "web_criteria_met": ("Web-presence criteria met", "معايير الحضور على الويب المستوفاة"),
    "materials_ready": ("Outreach items made ready in the year", "المواد التعريفية التي أُعدّت خلال العام"),
    "centers_open": ("Education centers abroad open", "المراكز التعليمية العاملة في الخارج"),
    "points_earners": ("Faculty members earning promotion points for agreements", "أعضاء هيئة التدريس الحاصلون على نقاط ترقية عن الاتفاقيات"),
    "staff_ielts_5": ("Staff with IELTS 5 or more", "الموظفون الحاصلون على ٥ أو أكثر في IELTS"),
    "recognition_issues": ("Recognition issues raised in the year", "قضايا الاعتراف المطروحة خلال العام"),
}
# fmt: on


def _untranslated(column: str) -> Q:
    return Q(**{column: ""}) | Q(**{f"{column}__isnull": True})


def fill(apps, schema_editor):
    Plan = apps.get_model("strategy", "Plan")
    Goal = apps.get_model("strategy", "Goal")
    Indicator = apps.get_model("strategy", "Indicator")
    Plan.objects.filter(_untranslated("title_ar"), title_en=PLAN[0]).update(title_ar=PLAN[1])
    for en, ar in GOALS.items():
        Goal.objects.filter(_untranslated("title_ar"), title_en=en).update(title_ar=ar)
    for source, (en, ar) in INDICATORS.items():
        Indicator.objects.filter(_untranslated("name_ar"), source=source, name_en=en).update(
            name_ar=ar
        )


def empty(apps, schema_editor):
    Plan = apps.get_model("strategy", "Plan")
    Goal = apps.get_model("strategy", "Goal")
    Indicator = apps.get_model("strategy", "Indicator")
    Plan.objects.filter(title_ar=PLAN[1]).update(title_ar=None)
    for ar in GOALS.values():
        Goal.objects.filter(title_ar=ar).update(title_ar=None)
    for source, (_en, ar) in INDICATORS.items():
        Indicator.objects.filter(source=source, name_ar=ar).update(name_ar=None)


class Migration(migrations.Migration):
    dependencies = [("strategy", "0007_arabic_language")]

    operations = [migrations.RunPython(fill, empty)]
