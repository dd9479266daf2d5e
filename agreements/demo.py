"""Demo partners and agreements: 30 institutions in 12 countries, 40 agreements in every status."""

from datetime import timedelta

from django.utils import timezone

from intlaffairs import demo, workflow
from intlaffairs.jalali import academic_year
from intlaffairs.models import User
from intlaffairs.normalize import refresh_search_text

from .models import Agreement, Contact, Institution, Quota, Scope

# fmt: off
# (name_en, name_fa, name_ckb, country, city, kind, website)
INSTITUTIONS = [
    ("University of Baghdad", "دانشگاه بغداد", "زانکۆی بەغدا", "IQ", "Baghdad", "university", "https://uobaghdad.edu.iq"),
    ("University of Sulaimani", "دانشگاه سلیمانیه", "زانکۆی سلێمانی", "IQ", "Sulaymaniyah", "university", "https://univsul.edu.iq"),
    ("Hawler Medical University", "دانشگاه علوم پزشکی هولیر", "زانکۆی پزیشکیی هەولێر", "IQ", "Erbil", "university", "https://hmu.edu.krd"),
    ("University of Kufa", "دانشگاه کوفه", "زانکۆی کووفە", "IQ", "Najaf", "university", "https://uokufa.edu.iq"),
    ("University of Duhok", "دانشگاه دهوک", "زانکۆی دهۆک", "IQ", "Duhok", "university", "https://uod.ac"),
    ("Ankara University", "دانشگاه آنکارا", "زانکۆی ئەنقەرە", "TR", "Ankara", "university", "https://www.ankara.edu.tr"),
    ("Hacettepe University", "دانشگاه حاجت‌تپه", "زانکۆی حاجەتەپە", "TR", "Ankara", "university", "https://www.hacettepe.edu.tr"),
    ("Istanbul University Faculty of Medicine", "دانشکدهٔ پزشکی دانشگاه استانبول", "کۆلێژی پزیشکیی زانکۆی ئیستانبوڵ", "TR", "Istanbul", "medical_school", "https://istanbultip.istanbul.edu.tr"),
    ("Universiti Malaya", "دانشگاه مالایا", "زانکۆی مالایا", "MY", "Kuala Lumpur", "university", "https://www.um.edu.my"),
    ("Universiti Kebangsaan Malaysia", "دانشگاه ملی مالزی", "زانکۆی نیشتمانیی مالیزیا", "MY", "Bangi", "university", "https://www.ukm.my"),
    ("Heidelberg University", "دانشگاه هایدلبرگ", "زانکۆی هایدلبێرگ", "DE", "Heidelberg", "university", "https://www.uni-heidelberg.de"),
    ("Charité – Universitätsmedizin Berlin", "بیمارستان دانشگاهی شاریته برلین", "نەخۆشخانەی زانکۆیی شاریتێی بەرلین", "DE", "Berlin", "hospital", "https://www.charite.de"),
    ("University of Bologna", "دانشگاه بولونیا", "زانکۆی بۆلۆنیا", "IT", "Bologna", "university", "https://www.unibo.it"),
    ("Sapienza University of Rome", "دانشگاه ساپینزا رم", "زانکۆی ساپیێنزای ڕۆما", "IT", "Rome", "university", "https://www.uniroma1.it"),
    ("Sechenov University", "دانشگاه سچنوف", "زانکۆی سێچێنۆڤ", "RU", "Moscow", "university", "https://www.sechenov.ru"),
    ("Kazan Federal University", "دانشگاه فدرال کازان", "زانکۆی فیدراڵیی کازان", "RU", "Kazan", "university", "https://kpfu.ru"),
    ("Peking University Health Science Center", "مرکز علوم سلامت دانشگاه پکن", "سەنتەری زانستە تەندروستییەکانی زانکۆی پەکین", "CN", "Beijing", "medical_school", "https://www.bjmu.edu.cn"),
    ("Fudan University", "دانشگاه فودان", "زانکۆی فوودان", "CN", "Shanghai", "university", "https://www.fudan.edu.cn"),
    ("Kabul University of Medical Sciences", "دانشگاه علوم طبی کابل", "زانکۆی زانستە پزیشکییەکانی کابول", "AF", "Kabul", "university", "https://kums.edu.af"),
    ("Herat University", "دانشگاه هرات", "زانکۆی هەرات", "AF", "Herat", "university", "https://hu.edu.af"),
    ("Aga Khan University", "دانشگاه آقاخان", "زانکۆی ئاغاخان", "PK", "Karachi", "university", "https://www.aku.edu"),
    ("King Edward Medical University", "دانشگاه پزشکی کینگ ادوارد", "زانکۆی پزیشکیی کینگ ئێدوارد", "PK", "Lahore", "university", "https://kemu.edu.pk"),
    ("Sultan Qaboos University", "دانشگاه سلطان قابوس", "زانکۆی سوڵتان قابووس", "OM", "Muscat", "university", "https://www.squ.edu.om"),
    ("American University of Beirut", "دانشگاه آمریکایی بیروت", "زانکۆی ئەمریکیی بەیروت", "LB", "Beirut", "university", "https://www.aub.edu.lb"),
    ("Lebanese University", "دانشگاه لبنان", "زانکۆی لوبنان", "LB", "Beirut", "university", "https://www.ul.edu.lb"),
    ("Tehran University of Medical Sciences", "دانشگاه علوم پزشکی تهران", "زانکۆی زانستە پزیشکییەکانی تاران", "IR", "Tehran", "university", "https://www.tums.ac.ir"),
    ("Shiraz University of Medical Sciences", "دانشگاه علوم پزشکی شیراز", "زانکۆی زانستە پزیشکییەکانی شیراز", "IR", "Shiraz", "university", "https://www.sums.ac.ir"),
    ("Ministry of Health and Medical Education", "وزارت بهداشت، درمان و آموزش پزشکی", "وەزارەتی تەندروستی، چارەسەر و فێرکاریی پزیشکی", "IR", "Tehran", "government", "https://behdasht.gov.ir"),
    ("Imam Reza Hospital, Kermanshah", "بیمارستان امام رضا (ع) کرمانشاه", "نەخۆشخانەی ئیمام ڕەزای کرماشان", "IR", "Kermanshah", "hospital", "https://www.kums.ac.ir"),
    ("Pasteur Institute of Iran", "انستیتو پاستور ایران", "پەیمانگای پاستۆری ئێران", "IR", "Tehran", "research_center", "https://www.pasteur.ac.ir"),
]

CONTACTS = {
    "University of Sulaimani": [("Dr. Karwan Rashid", "Director of International Relations")],
    "Hawler Medical University": [("Dr. Shwan Ahmed", "Vice President for Scientific Affairs")],
    "University of Kufa": [("Dr. Haider Al-Musawi", "International Office")],
    "Ankara University": [("Prof. Ayşe Demir", "International Relations Coordinator")],
    "Universiti Malaya": [("Dr. Nurul Huda", "International Relations Manager")],
    "Heidelberg University": [("Dr. Anna Schmidt", "Head of International Relations")],
    "University of Bologna": [("Dr. Marco Rossi", "Erasmus Coordinator")],
    "Sechenov University": [("Dr. Olga Ivanova", "International Department")],
    "Aga Khan University": [("Dr. Farah Khan", "Partnerships Office")],
    "American University of Beirut": [("Dr. Rami Haddad", "Office of International Programs")],
}

# Title patterns per type, in (fa, en, ckb), each followed by the partner's name.
TITLES = {
    "mou": ("تفاهم‌نامهٔ همکاری علمی با", "Memorandum of understanding with", "یاداشتی تێگەیشتنی هاوکاریی زانستی لەگەڵ"),
    "moa": ("موافقت‌نامهٔ اجرایی با", "Memorandum of agreement with", "یاداشتی ڕێککەوتنی جێبەجێکردن لەگەڵ"),
    "student_exchange": ("تفاهم‌نامهٔ تبادل دانشجو با", "Student exchange agreement with", "ڕێککەوتنی ئاڵوگۆڕی خوێندکار لەگەڵ"),
    "staff_exchange": ("تفاهم‌نامهٔ تبادل استاد با", "Staff exchange agreement with", "ڕێککەوتنی ئاڵوگۆڕی مامۆستا لەگەڵ"),
    "research": ("قرارداد همکاری پژوهشی با", "Research collaboration agreement with", "ڕێککەوتنی هاوکاریی توێژینەوە لەگەڵ"),
    "joint_program": ("دورهٔ مشترک آموزشی با", "Joint degree program with", "بەرنامەی خوێندنی هاوبەش لەگەڵ"),
    "clinical": ("تفاهم‌نامهٔ آموزش بالینی با", "Clinical training agreement with", "ڕێککەوتنی ڕاهێنانی کلینیکی لەگەڵ"),
    "other": ("تفاهم‌نامهٔ همکاری فرهنگی با", "Cultural cooperation agreement with", "ڕێککەوتنی هاوکاریی کولتووری لەگەڵ"),
}

# (partner, type, status, days from today to the end date or None, faculty initiated, scopes)
AGREEMENTS = [
    ("University of Sulaimani", "student_exchange", "active", 25, True, ["education", "student_mobility"]),
    ("Hawler Medical University", "clinical", "active", 80, True, ["clinical", "education"]),
    ("University of Kufa", "research", "active", 170, False, ["research"]),
    ("University of Baghdad", "mou", "active", 400, False, ["education", "research"]),
    ("University of Duhok", "staff_exchange", "active", 720, True, ["staff_mobility"]),
    ("Ankara University", "student_exchange", "active", 600, False, ["student_mobility"]),
    ("Hacettepe University", "research", "active", 900, True, ["research"]),
    ("Istanbul University Faculty of Medicine", "clinical", "active", 60, False, ["clinical"]),
    ("Universiti Malaya", "joint_program", "active", 1000, False, ["education"]),
    ("Universiti Kebangsaan Malaysia", "mou", "active", 150, False, ["education", "research"]),
    ("Heidelberg University", "research", "active", 500, True, ["research"]),
    ("Charité – Universitätsmedizin Berlin", "clinical", "active", 28, False, ["clinical"]),
    ("University of Bologna", "student_exchange", "active", 800, False, ["student_mobility"]),
    ("Sechenov University", "moa", "active", 300, False, ["education"]),
    ("Peking University Health Science Center", "research", "active", 1100, False, ["research"]),
    ("Kabul University of Medical Sciences", "staff_exchange", "active", 200, False, ["staff_mobility"]),
    ("Aga Khan University", "research", "active", 85, True, ["research", "clinical"]),
    ("Sultan Qaboos University", "mou", "active", 650, False, ["education"]),
    ("American University of Beirut", "joint_program", "active", 950, False, ["education"]),
    ("Tehran University of Medical Sciences", "research", "active", 365, False, ["research"]),
    ("Shiraz University of Medical Sciences", "staff_exchange", "active", 175, False, ["staff_mobility"]),
    ("Ministry of Health and Medical Education", "other", "active", 730, False, ["education"]),
    ("University of Baghdad", "student_exchange", "expired", -200, False, ["student_mobility"]),
    ("Ankara University", "mou", "expired", -60, False, ["education"]),
    ("Lebanese University", "mou", "expired", -400, False, ["education"]),
    ("Herat University", "other", "terminated", 300, False, ["education"]),
    ("Kazan Federal University", "student_exchange", "terminated", 150, False, ["student_mobility"]),
    ("Fudan University", "research", "awaiting_signature", None, True, ["research"]),
    ("Sapienza University of Rome", "joint_program", "awaiting_signature", None, False, ["education"]),
    ("King Edward Medical University", "clinical", "awaiting_signature", None, False, ["clinical"]),
    ("Pasteur Institute of Iran", "research", "negotiation", None, False, ["research"]),
    ("Imam Reza Hospital, Kermanshah", "clinical", "negotiation", None, False, ["clinical"]),
    ("Universiti Malaya", "research", "negotiation", None, True, ["research"]),
    ("Heidelberg University", "staff_exchange", "negotiation", None, False, ["staff_mobility"]),
    ("Sultan Qaboos University", "student_exchange", "draft", None, False, ["student_mobility"]),
    ("University of Duhok", "research", "draft", None, True, ["research"]),
    ("Sechenov University", "research", "draft", None, False, ["research"]),
    ("Lebanese University", "student_exchange", "draft", None, False, ["student_mobility"]),
    ("Kabul University of Medical Sciences", "joint_program", "draft", None, False, ["education"]),
    ("American University of Beirut", "clinical", "draft", None, False, ["clinical"]),
]

# Renewals: the expired agreement (partner, type) is renewed by the active one (partner, type).
RENEWALS = [
    (("University of Baghdad", "student_exchange"), ("University of Baghdad", "mou")),
    (("Ankara University", "mou"), ("Ankara University", "student_exchange")),
]

# The partners in Arabic, for the office's Arab colleagues and the Arabic pages: name_en -> name_ar.
INSTITUTIONS_AR = {
    "University of Baghdad": "جامعة بغداد",
    "University of Sulaimani": "جامعة السليمانية",
    "Hawler Medical University": "جامعة هولير الطبية",
    "University of Kufa": "جامعة الكوفة",
    "University of Duhok": "جامعة دهوك",
    "Ankara University": "جامعة أنقرة",
    "Hacettepe University": "جامعة حجة تبه",
    "Istanbul University Faculty of Medicine": "كلية الطب في جامعة إسطنبول",
    "Universiti Malaya": "جامعة مالايا",
    "Universiti Kebangsaan Malaysia": "الجامعة الوطنية الماليزية",
    "Heidelberg University": "جامعة هايدلبرغ",
    "Charité – Universitätsmedizin Berlin": "مستشفى شاريتيه الجامعي في برلين",
    "University of Bologna": "جامعة بولونيا",
    "Sapienza University of Rome": "جامعة روما سابينزا",
    "Sechenov University": "جامعة سيتشينوف",
    "Kazan Federal University": "جامعة قازان الفيدرالية",
    "Peking University Health Science Center": "مركز العلوم الصحية في جامعة بكين",
    "Fudan University": "جامعة فودان",
    "Kabul University of Medical Sciences": "جامعة كابل للعلوم الطبية",
    "Herat University": "جامعة هرات",
    "Aga Khan University": "جامعة الآغا خان",
    "King Edward Medical University": "جامعة الملك إدوارد الطبية",
    "Sultan Qaboos University": "جامعة السلطان قابوس",
    "American University of Beirut": "الجامعة الأمريكية في بيروت",
    "Lebanese University": "الجامعة اللبنانية",
    "Tehran University of Medical Sciences": "جامعة طهران للعلوم الطبية",
    "Shiraz University of Medical Sciences": "جامعة شيراز للعلوم الطبية",
    "Ministry of Health and Medical Education": "وزارة الصحة والعلاج والتعليم الطبي",
    "Imam Reza Hospital, Kermanshah": "مستشفى الإمام الرضا (ع) في كرمانشاه",
    "Pasteur Institute of Iran": "معهد باستور الإيراني",
}

# The title patterns in Arabic, each followed by the partner's Arabic name.
TITLES_AR = {
    "mou": "مذكرة تفاهم للتعاون العلمي مع",
    "moa": "اتفاقية تنفيذية مع",
    "student_exchange": "اتفاقية تبادل الطلبة مع",
    "staff_exchange": "اتفاقية تبادل أعضاء هيئة التدريس مع",
    "research": "اتفاقية تعاون بحثي مع",
    "joint_program": "برنامج دراسي مشترك مع",
    "clinical": "اتفاقية التدريب السريري مع",
    "other": "اتفاقية تعاون ثقافي مع",
}

# fmt: on

PATH = {
    "draft": [],
    "negotiation": ["negotiation"],
    "awaiting_signature": ["negotiation", "awaiting_signature"],
    "active": ["negotiation", "awaiting_signature", "active"],
    "expired": ["negotiation", "awaiting_signature", "active", "expired"],
    "terminated": ["negotiation", "awaiting_signature", "active", "terminated"],
}
MANAGER_STEPS = {"active", "terminated"}
# The lifecycle's transition (agreements/workflows.py) that reaches each status.
MOVES = {
    "negotiation": "negotiate",
    "awaiting_signature": "send_for_signature",
    "active": "activate",
    "expired": "expire",
    "terminated": "terminate",
}
# What an officer typed when moving each step (staff write notes in Persian).
NOTES = {
    "negotiation": "پیش‌نویس برای طرف مقابل فرستاده شد.",
    "awaiting_signature": "متن نهایی مورد توافق قرار گرفت.",
    "active": "تفاهم‌نامه امضا و مبادله شد.",
    "expired": "مدت تفاهم‌نامه به پایان رسید.",
    "terminated": "به درخواست طرف مقابل فسخ شد.",
}


def _title(kind: str, partner: Institution) -> dict:
    fa, en, ckb = TITLES[kind]
    return {
        "title_fa": f"{fa} {partner.name_fa}",
        "title_en": f"{en} {partner.name_en}",
        "title_ckb": f"{ckb} {partner.name_ckb}",
    }


def _seed_institutions() -> dict[str, Institution]:
    institutions = {}
    for name_en, name_fa, name_ckb, country, city, kind, website in INSTITUTIONS:
        institution, _ = Institution.objects.get_or_create(
            name_en=name_en,
            defaults={
                "name_fa": name_fa,
                "name_ckb": name_ckb,
                "country": country,
                "city": city,
                "kind": kind,
                "website": website,
            },
        )
        for name, position in CONTACTS.get(name_en, []):
            domain = website.split("//")[1].removeprefix("www.").split("/")[0]
            Contact.objects.get_or_create(
                institution=institution,
                name=name,
                defaults={"position": position, "email": f"international@{domain}"},
            )
        institutions[name_en] = institution
    return institutions


def _in_arabic(agreements: dict[tuple[str, str], Agreement]) -> None:
    """Fills the Arabic names and titles (idempotent: by the English name, and by the partner and
    type an agreement was seeded from), so that a demo seeded before Arabic has them too.
    update() writes past save(): the search columns are refreshed after it."""
    for en, ar in INSTITUTIONS_AR.items():
        Institution.objects.filter(name_en=en).update(name_ar=ar)
    for (partner, kind), agreement in agreements.items():
        Agreement.objects.filter(pk=agreement.pk).update(
            title_ar=f"{TITLES_AR[kind]} {INSTITUTIONS_AR[partner]}"
        )
    refresh_search_text(Institution.objects.filter(name_en__in=INSTITUTIONS_AR))
    refresh_search_text(Agreement.objects.filter(pk__in=[a.pk for a in agreements.values()]))


def _seed_agreement(row, institutions, people, today) -> Agreement:
    partner_name, kind, status, days_to_end, by_faculty, scopes = row
    partner = institutions[partner_name]
    dates = {}
    if days_to_end is not None:
        ends_on = today + timedelta(days=days_to_end)
        starts_on = ends_on - timedelta(days=3 * 365)
        dates = {
            "signed_on": starts_on - timedelta(days=14),
            "starts_on": starts_on,
            "ends_on": ends_on,
        }
    titles = _title(kind, partner)
    # get_or_create, not update_or_create: a second run must not add history records.
    agreement, created = Agreement.objects.get_or_create(
        title_en=titles["title_en"],
        defaults={
            **titles,
            **dates,
            "type": kind,
            "owner": people["officer"] if len(titles["title_en"]) % 2 else people["manager"],
            "signatories": f"President, Kermanshah University of Medical Sciences\nPresident, {partner.name_en}",
        },
    )
    if not created:
        return agreement
    agreement.partners.set([partner])
    agreement.scopes.set(Scope.objects.filter(code__in=scopes))
    if by_faculty:
        agreement.initiators.add(people["faculty"])
    moment = timezone.now() - timedelta(days=30 * len(PATH[status]) + 20)
    workflow.created(agreement, by=people["officer"], at=moment)
    for step in PATH[status]:
        moment += timedelta(days=20)
        by = people["manager"] if step in MANAGER_STEPS else people["officer"]
        agreement = workflow.move(
            agreement,
            MOVES[step],
            by=None if step == "expired" else by,
            note="" if step == "expired" else NOTES[step],
            at=moment,
        )
    return agreement


@demo.register("agreements")
def seed_agreements() -> str:
    today = timezone.localdate()
    people = {
        role: User.objects.get(email=f"{role}@example.org")
        for role in ("officer", "manager", "faculty")
    }
    institutions = _seed_institutions()
    agreements = {
        (row[0], row[1]): _seed_agreement(row, institutions, people, today) for row in AGREEMENTS
    }
    _in_arabic(agreements)
    for old, new in RENEWALS:
        Agreement.objects.filter(pk=agreements[new].pk, predecessor=None).update(
            predecessor=agreements[old]
        )
    year = academic_year(today)
    for agreement in agreements.values():
        if (
            agreement.type in ("student_exchange", "staff_exchange")
            and agreement.status == "active"
        ):
            prefix = "students" if agreement.type == "student_exchange" else "staff"
            for direction, people_count in ((f"{prefix}_in", 4), (f"{prefix}_out", 2)):
                Quota.objects.get_or_create(
                    agreement=agreement,
                    academic_year=year,
                    direction=direction,
                    defaults={
                        "people": people_count,
                        "duration": 6 if prefix == "students" else 30,
                        "unit": "months" if prefix == "students" else "days",
                    },
                )
    countries = len({row[3] for row in INSTITUTIONS})
    return (
        f"{len(INSTITUTIONS)} institutions in {countries} countries, {len(agreements)} agreements"
    )
