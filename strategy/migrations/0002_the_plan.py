"""The university's internationalization document and its sixteen goals, in three languages,
with the indicators the portal computes for them. Targets and actions are the office's to add."""

from django.db import migrations

# fmt: off
GOALS = [
    ("Use the successful experiences of other universities and medical centers.",
     "بهره‌گیری از تجربه‌های موفق دانشگاه‌ها و مراکز درمانی دیگر.",
     "سوودوەرگرتن لە ئەزموونە سەرکەوتووەکانی زانکۆ و ناوەندە پزیشکییەکانی تر.", []),
    ("Conclude more research-educational agreements with domestic and international institutions.",
     "انعقاد تفاهم‌نامه‌های پژوهشی-آموزشی بیشتر با مؤسسه‌های داخلی و بین‌المللی.",
     "واژۆکردنی ڕێککەوتنی توێژینەوەیی-فێرکاریی زیاتر لەگەڵ دامەزراوە ناوخۆیی و نێودەوڵەتییەکان.",
     ["agreements_new", "agreements_active"]),
    ("Offer short courses to students of non-Iranian institutions (fellowship, summer school, observership).",
     "برگزاری دوره‌های کوتاه‌مدت برای دانشجویان مؤسسه‌های غیرایرانی (فلوشیپ، مدرسهٔ تابستانی، دورهٔ مشاهده‌ای).",
     "ڕێکخستنی خولی کورت بۆ خوێندکارانی دامەزراوە نائێرانییەکان (فێلۆشیپ، قوتابخانەی هاوینە، خولی چاودێری).",
     ["course_participants"]),
    ("Invite delegations of foreign institutions and send teams abroad, especially to target countries.",
     "دعوت از هیئت‌های مؤسسه‌های خارجی و اعزام هیئت به خارج، به‌ویژه به کشورهای هدف.",
     "بانگهێشتکردنی شاندی دامەزراوە بیانییەکان و ناردنی تیم بۆ دەرەوە، بە تایبەت بۆ وڵاتانی ئامانج.",
     ["delegations", "delegations_target"]),
    ("Prepare the university's internationalization document and operate by it.",
     "تدوین سند بین‌المللی‌سازی دانشگاه و عمل بر پایهٔ آن.",
     "ئامادەکردنی بەڵگەنامەی نێودەوڵەتیکردنی زانکۆ و کارکردن بەپێی ئەو.", []),
    ("Improve the university's websites and its Education Iran page after webometric standards.",
     "بهبود وب‌سایت‌های دانشگاه و صفحهٔ Education Iran بر پایهٔ استانداردهای وبومتریک.",
     "باشترکردنی ماڵپەڕەکانی زانکۆ و پەڕەی Education Iran بەپێی پێوەرە وێبۆمەترییەکان.", []),
    ("Exchange professors and students with valid international institutions.",
     "تبادل استاد و دانشجو با مؤسسه‌های معتبر بین‌المللی.",
     "ئاڵوگۆڕی مامۆستا و خوێندکار لەگەڵ دامەزراوە نێودەوڵەتییە باوەڕپێکراوەکان.",
     ["mobilities_out", "mobilities_in"]),
    ("Prepare cultural items (introduction clips, brochures, factbooks) and trilingual entrance boards.",
     "تهیهٔ اقلام فرهنگی (کلیپ معرفی، بروشور، کتابچه) و تابلوهای سه‌زبانهٔ ورودی.",
     "ئامادەکردنی کەرەستەی کولتووری (کلیپی ناساندن، بڕۆشوور، کتێبۆچکە) و تابلۆی سێ‌زمانەی دەروازە.", []),
    ("Open education centers in target countries.",
     "راه‌اندازی مراکز آموزشی در کشورهای هدف.",
     "کردنەوەی ناوەندی فێرکاری لە وڵاتانی ئامانج.", []),
    ("Prepare statutes, protocols (PDCA) and procedures for student recruitment.",
     "تدوین آیین‌نامه‌ها، دستورالعمل‌ها (PDCA) و روش‌های اجرایی جذب دانشجو.",
     "ئامادەکردنی پەیڕەو، ڕێنمایی (PDCA) و ڕێکارەکانی وەرگرتنی خوێندکار.",
     ["applications", "admitted", "enrolled", "enrolled_nationalities"]),
    ("Incentive packages: IELTS course and exam paid for those scoring five or more.",
     "بسته‌های تشویقی: پرداخت هزینهٔ دوره و آزمون آیلتس برای کسانی که نمرهٔ پنج یا بیشتر می‌گیرند.",
     "پاکێجی هاندان: دانەوەی تێچووی خول و تاقیکردنەوەی IELTS بۆ ئەوانەی نمرەی پێنج یان زیاتر وەردەگرن.",
     ["claims_paid"]),
    ("A point in annual promotion for faculty active in international agreements.",
     "امتیاز در ارتقای سالانه برای اعضای هیئت علمی فعال در تفاهم‌نامه‌های بین‌المللی.",
     "خاڵێک لە بەرزکردنەوەی ساڵانە بۆ ئەندامانی دەستەی زانستیی چالاک لە ڕێککەوتنە نێودەوڵەتییەکان.", []),
    ("Attract faculty proficient in English.",
     "جذب اعضای هیئت علمی مسلط به زبان انگلیسی.",
     "ڕاکێشانی ئەندامانی دەستەی زانستیی شارەزا لە زمانی ئینگلیزی.", ["ielts_5"]),
    ("Attract staff fluent in English.",
     "جذب کارکنان مسلط به زبان انگلیسی.",
     "ڕاکێشانی ستافی شارەزا لە زمانی ئینگلیزی.", []),
    ("Peer mentoring of international students by Iranian students of the same field.",
     "همتایاری دانشجویان بین‌المللی به دست دانشجویان ایرانی هم‌رشته.",
     "ڕێنمایی هاوتای خوێندکارانی نێودەوڵەتی لەلایەن خوێندکارانی ئێرانیی هاوبەش.",
     ["mentoring_coverage"]),
    ("Consult the ministry on external threats to student recruitment, such as the university missing from a country's list of approved universities.",
     "رایزنی با وزارت دربارهٔ تهدیدهای بیرونی جذب دانشجو، مانند نبودن نام دانشگاه در فهرست دانشگاه‌های مورد تأیید یک کشور.",
     "ڕاوێژ لەگەڵ وەزارەت دەربارەی هەڕەشە دەرەکییەکانی وەرگرتنی خوێندکار، وەک نەبوونی ناوی زانکۆ لە لیستی زانکۆ پەسەندکراوەکانی وڵاتێک.", []),
]

INDICATOR_NAMES = {
    "agreements_new": ("Agreements signed in the year", "تفاهم‌نامه‌های امضاشده در سال", "ڕێککەوتنە واژۆکراوەکانی ساڵ"),
    "agreements_active": ("Agreements in force during the year", "تفاهم‌نامه‌های معتبر در طول سال", "ڕێککەوتنە کاراکانی ساڵ"),
    "course_participants": ("Short-course participants", "شرکت‌کنندگان دوره‌های کوتاه‌مدت", "بەشداربووانی خولە کورتەکان"),
    "delegations": ("Delegations received and sent", "هیئت‌های پذیرفته و اعزام‌شده", "شاندە وەرگیراو و نێردراوەکان"),
    "delegations_target": ("Delegations with target countries", "هیئت‌ها با کشورهای هدف", "شاندەکان لەگەڵ وڵاتانی ئامانج"),
    "mobilities_out": ("Outgoing mobilities", "تبادل‌های خروجی", "ئاڵوگۆڕە ڕۆیشتووەکان"),
    "mobilities_in": ("Incoming mobilities", "تبادل‌های ورودی", "ئاڵوگۆڕە هاتووەکان"),
    "applications": ("International applications submitted", "درخواست‌های بین‌المللی ارسال‌شده", "داواکارییە نێودەوڵەتییە نێردراوەکان"),
    "admitted": ("International applicants admitted", "متقاضیان بین‌المللی پذیرفته‌شده", "داواکارە نێودەوڵەتییە وەرگیراوەکان"),
    "enrolled": ("International students enrolled", "دانشجویان بین‌المللی ثبت‌نام‌شده", "خوێندکارە نێودەوڵەتییە ناونووسکراوەکان"),
    "enrolled_nationalities": ("Nationalities of the students enrolled", "ملیت‌های دانشجویان ثبت‌نام‌شده", "نەتەوەکانی خوێندکارە ناونووسکراوەکان"),
    "claims_paid": ("IELTS reimbursement claims paid", "درخواست‌های بازپرداخت آیلتس پرداخت‌شده", "داواکارییە دراوەکانی گەڕاندنەوەی تێچووی IELTS"),
    "ielts_5": ("Faculty and staff with IELTS 5 or more", "اعضای هیئت علمی و کارکنان با آیلتس ۵ یا بیشتر", "مامۆستایان و ستاف بە IELTS ٥ یان زیاتر"),
    "mentoring_coverage": ("International students with a peer mentor (%)", "دانشجویان بین‌المللی دارای همتایار (٪)", "خوێندکارانی نێودەوڵەتیی خاوەن ڕێنماکاری هاوتا (٪)"),
}
# fmt: on


def create(apps, schema_editor):
    Plan = apps.get_model("strategy", "Plan")
    Goal = apps.get_model("strategy", "Goal")
    Indicator = apps.get_model("strategy", "Indicator")
    if Plan.objects.exists():
        return
    plan = Plan.objects.create(
        title="Internationalization document of Kermanshah University of Medical Sciences",
        title_en="Internationalization document of Kermanshah University of Medical Sciences",
        title_fa="سند بین‌المللی‌سازی دانشگاه علوم پزشکی کرمانشاه",
        title_ckb="بەڵگەنامەی نێودەوڵەتیکردنی زانکۆی زانستە پزیشکییەکانی کرماشان",
        version=1,
        first_year=1404,
        last_year=1408,
        is_current=True,
    )
    for number, (en, fa, ckb, keys) in enumerate(GOALS, start=1):
        goal = Goal.objects.create(
            plan=plan, number=number, title=en, title_en=en, title_fa=fa, title_ckb=ckb
        )
        for key in keys:
            name_en, name_fa, name_ckb = INDICATOR_NAMES[key]
            Indicator.objects.create(
                goal=goal, source=key, name=name_en, name_en=name_en, name_fa=name_fa,
                name_ckb=name_ckb,
            )


class Migration(migrations.Migration):
    dependencies = [("strategy", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
