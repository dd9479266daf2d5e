"""Demo research cooperation: projects with partners, grants, scientists abroad, alumni."""

from datetime import timedelta

from django.utils import timezone

from agreements.models import Agreement, Institution
from intlaffairs import demo, workflow
from intlaffairs.models import User
from intlaffairs.normalize import refresh_search_text

from .models import Alumnus, Engagement, Grant, Output, Project, Scientist

# fmt: off
# (title_en, title_fa, title_ckb, kind, status, partner (name_en), amount, currency, funding source)
PROJECTS = [
    ("Antimicrobial resistance surveillance in the Zagros region", "پایش مقاومت ضدمیکروبی در منطقهٔ زاگرس", "چاودێریی بەرگریی دژەمیکرۆبی لە ناوچەی زاگرۆس", "joint_project", "running", "Heidelberg University", 180000, "EUR", "DAAD"),
    ("Joint centre for trauma care research", "مرکز مشترک پژوهش در مراقبت از تروما", "سەنتەری هاوبەشی توێژینەوە لە چاودێریی برین", "joint_center", "funded", "Hawler Medical University", 95000, "USD", "Ministry of Higher Education, Kurdistan Region"),
    ("Telemedicine for rural clinics", "پزشکی از راه دور برای درمانگاه‌های روستایی", "پزیشکیی لە دوورەوە بۆ بنکە تەندروستییە گوندییەکان", "knowledge_company", "running", "Universiti Malaya", 60000, "MYR", "University Malaya spin-off fund"),
    ("Journal of Zagros Health Sciences", "مجلهٔ علوم سلامت زاگرس", "گۆڤاری زانستە تەندروستییەکانی زاگرۆس", "joint_journal", "running", "University of Sulaimani", None, "EUR", ""),
    ("Thalassaemia registry of Iran and Iraq", "ثبت بیماران تالاسمی ایران و عراق", "تۆماری نەخۆشانی تالاسیمیا لە ئێران و عێراق", "joint_project", "proposed", "University of Kufa", 40000, "USD", "WHO EMRO"),
    ("Vaccine cold-chain optimisation", "بهینه‌سازی زنجیرهٔ سرد واکسن", "باشترکردنی زنجیرەی ساردی ڤاکسین", "joint_project", "closed", "Sechenov University", 25000, "EUR", "Sechenov University"),
    ("Medical device incubator", "مرکز رشد تجهیزات پزشکی", "ناوەندی گەشەپێدانی ئامێرە پزیشکییەکان", "joint_investment", "proposed", "Ankara University", 300000, "TRY", "Joint investors"),
    ("Leishmaniasis vector ecology", "بوم‌شناسی ناقلان لیشمانیوز", "ئیکۆلۆژیای هەڵگرانی لیشمانیا", "grant", "funded", "Pasteur Institute of Iran", 900000000, "IRR", "INSF"),
]

# The projects in Arabic: title_en -> title_ar.
PROJECTS_AR = {
    "Antimicrobial resistance surveillance in the Zagros region": "ترصّد مقاومة مضادات الميكروبات في منطقة زاغروس",
    "Joint centre for trauma care research": "المركز المشترك لأبحاث رعاية الإصابات",
    "Telemedicine for rural clinics": "الطب عن بُعد للعيادات الريفية",
    "Journal of Zagros Health Sciences": "مجلة زاغروس للعلوم الصحية",
    "Thalassaemia registry of Iran and Iraq": "سجل مرضى الثلاسيميا في إيران والعراق",
    "Vaccine cold-chain optimisation": "تحسين سلسلة التبريد للقاحات",
    "Medical device incubator": "حاضنة الأجهزة الطبية",
    "Leishmaniasis vector ecology": "بيئة نواقل داء الليشمانيات",
}

# (name_latin, name_native, non-resident Iranian, country, institution, field, link, consent)
SCIENTISTS = [
    ("Dr. Leila Rahimi", "دکتر لیلا رحیمی", True, "DE", "Charité – Universitätsmedizin Berlin", "Epidemiology", "coauthor", True),
    ("Prof. Babak Karimi", "پروفسور بابک کریمی", True, "CA", "University of Toronto", "Cardiology", "visiting_lecturer", True),
    ("Dr. Sara Nouri", "دکتر سارا نوری", True, "GB", "Imperial College London", "Pharmacology", "alumnus", True),
    ("Prof. Marco Bianchi", "", False, "IT", "University of Bologna", "Microbiology", "coauthor", True),
    ("Dr. Ayşe Yılmaz", "", False, "TR", "Hacettepe University", "Paediatrics", "adviser", False),
    ("Dr. Kamaran Aziz", "د. کامەران عەزیز", False, "IQ", "University of Sulaimani", "Public health", "visiting_lecturer", True),
    ("Dr. Nima Ahmadi", "دکتر نیما احمدی", True, "US", "Johns Hopkins University", "Biostatistics", "coauthor", True),
    ("Prof. Wei Zhang", "", False, "CN", "Fudan University", "Immunology", "coauthor", False),
]

# (name_latin, name_native, country, program, graduated in (Jalali year), position)
ALUMNI = [
    ("Ahmed Hassan Ali", "أحمد حسن علي", "IQ", "Doctor of Medicine (MD)", 1401, "Resident, Baghdad Teaching Hospital"),
    ("Zainab Kareem", "زينب كريم", "IQ", "Doctor of Dental Surgery (DDS)", 1400, "Dentist, Najaf"),
    ("Mohammad Rahimi", "محمد رحیمی", "AF", "MSc Epidemiology", 1402, "Lecturer, Herat University"),
    ("Fatima Noor", "فاطمة نور", "PK", "PhD Pharmacology", 1399, "Researcher, Aga Khan University"),
    ("Hussein Jabbar", "حسين جبار", "LB", "Doctor of Medicine (MD)", 1403, "General practitioner, Beirut"),
]
# fmt: on


# The steps of research/workflows.py that lead to each status.
PATH = {
    "proposed": [],
    "funded": ["fund"],
    "running": ["fund", "start"],
    "closed": ["fund", "start", "close"],
}


@demo.register("research")
def seed_research() -> str:
    today = timezone.localdate()
    faculty = User.objects.filter(email="faculty@example.org").first()
    officer = User.objects.get(email="officer@example.org")
    for n, (en, fa, ckb, kind, status, partner, amount, currency, source) in enumerate(PROJECTS):
        project, created = Project.objects.get_or_create(
            title_en=en,
            defaults={
                "title_fa": fa,
                "title_ckb": ckb,
                "kind": kind,
                "amount": amount,
                "currency": currency,
                "funding_source": source,
                "starts_on": today - timedelta(days=300 - 40 * n),
                "ends_on": today + timedelta(days=400 + 60 * n),
            },
        )
        if not created:
            continue
        moment = timezone.now() - timedelta(days=320 - 40 * n)
        workflow.created(project, by=officer, at=moment)
        for step in PATH[status]:
            moment += timedelta(days=30)
            project = workflow.move(project, step, by=officer, at=moment)
        institution = Institution.objects.filter(name_en=partner).first()
        if institution:
            project.partners.add(institution)
            project.agreement = Agreement.objects.filter(partners=institution).first()
            project.save(update_fields=["agreement"])
        if faculty and n % 2 == 0:
            project.investigators.add(faculty)
        if status in ("running", "closed"):
            Output.objects.create(
                project=project,
                kind="publication",
                title=f"{en}: first results",
                year=today.year - 1,
                doi=f"10.5555/kums.{today.year - 1}.{n + 1:03d}",
            )
        if amount and currency != "IRR":
            awarded = status in ("funded", "running", "closed")
            Grant.objects.create(
                funder=source or "Joint fund",
                title=en,
                project=project,
                applied_on=today - timedelta(days=200),
                amount_requested=amount,
                amount_awarded=amount if awarded else None,
                currency=currency,
                outcome="awarded" if awarded else "pending",
                decided_on=today - timedelta(days=120) if awarded else None,
            )
    # Idempotent, so that a demo seeded before Arabic has the titles too; update() writes
    # past save(), so the search column is refreshed after it.
    for en, ar in PROJECTS_AR.items():
        Project.objects.filter(title_en=en).update(title_ar=ar)
    refresh_search_text(Project.objects.filter(title_en__in=PROJECTS_AR))
    for n, (latin, native, nonresident, country, institution, field, link, consent) in enumerate(
        SCIENTISTS
    ):
        scientist, created = Scientist.objects.get_or_create(
            name_latin=latin,
            defaults={
                "name_native": native,
                "nonresident_iranian": nonresident,
                "country": country,
                "institution": institution,
                "field": field,
                "link": link,
                "email": f"{latin.split()[-1].lower()}@example.org",
                "consent_to_contact": consent,
                "consent_given_on": today - timedelta(days=90) if consent else None,
            },
        )
        if created:
            for kind, days in (("lecture", 30 + n * 10), ("joint_paper", 200 + n * 5)):
                Engagement.objects.create(
                    scientist=scientist,
                    kind=kind,
                    date=today - timedelta(days=days),
                    description=f"{field}: {kind.replace('_', ' ')}",
                )
    for latin, native, country, program, year, position in ALUMNI:
        Alumnus.objects.get_or_create(
            name_latin=latin,
            defaults={
                "name_native": native,
                "country": country,
                "program": program,
                "graduated_in": year,
                "current_position": position,
                "email": f"{latin.split()[0].lower()}@example.org",
            },
        )
    return f"{len(PROJECTS)} projects, {len(SCIENTISTS)} scientists, {len(ALUMNI)} alumni"
