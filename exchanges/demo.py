"""Demo exchanges: mobilities under the exchange agreements' quotas, short courses with
applications and certificates, delegations with members and follow-up actions."""

from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from agreements.models import Agreement, Institution, Quota
from intlaffairs import demo, workflow
from intlaffairs.models import TargetCountry, Unit, User
from intlaffairs.normalize import refresh_search_text
from intlaffairs.roles import Role

from . import services
from .models import (
    AttendanceCertificate,
    CourseApplication,
    CourseDocument,
    Delegation,
    FollowUp,
    Member,
    Mobility,
    ShortCourse,
)

# fmt: off
TARGETS = [("IQ", 1, "Neighbour; most of our international students"), ("AF", 2, ""), ("TR", 2, ""), ("MY", 3, ""), ("PK", 3, "")]

# (name, who, direction, kind, institution (name_en), days from today to the start, length in days, status, funding, amount, currency)
MOBILITIES = [
    ("Sara Ahmadi", "student", "outgoing", "student_exchange", "University of Sulaimani", -60, 120, "ongoing", "University travel grant", 150000000, "IRR"),
    ("Reza Kamali", "student", "outgoing", "elective", "Hacettepe University", -200, 30, "report_received", "Self-funded", None, "IRR"),
    ("Dr. Kaveh Moradi", "faculty", "outgoing", "teaching", "University of Sulaimani", 20, 10, "approved", "Erasmus+ staff mobility", 1800, "EUR"),
    ("Dr. Nasrin Karimi", "faculty", "outgoing", "research", "Heidelberg University", -30, 90, "ongoing", "DAAD", 4500, "EUR"),
    ("Dr. Hamid Rostami", "faculty", "outgoing", "sabbatical", "Universiti Malaya", 90, 180, "planned", "Ministry of Health sabbatical fund", 9000, "USD"),
    ("Karwan Aziz", "student", "incoming", "student_exchange", "University of Sulaimani", -45, 120, "ongoing", "Partner scholarship", None, "IRR"),
    ("Dilan Omar", "student", "incoming", "student_exchange", "University of Sulaimani", -40, 120, "ongoing", "Partner scholarship", None, "IRR"),
    ("Zeynep Arslan", "student", "incoming", "elective", "Ankara University", -120, 28, "completed", "Self-funded", None, "IRR"),
    ("Dr. Ahmed Saleh", "faculty", "incoming", "teaching", "Hawler Medical University", -10, 7, "ongoing", "Host university", 300000000, "IRR"),
    ("Dr. Farid Habibi", "faculty", "incoming", "fellowship", "Kabul University of Medical Sciences", 30, 180, "approved", "WHO fellowship", 12000, "USD"),
    ("Maryam Hosseini", "staff", "outgoing", "training", "Universiti Kebangsaan Malaysia", -300, 14, "cancelled", "", None, "IRR"),
]

# (title_en, title_fa, title_ckb, kind, department (name_en), days to start, length, capacity, fee, currency)
COURSES = [
    ("Summer school in tropical and infectious diseases", "مدرسهٔ تابستانی بیماری‌های عفونی و گرمسیری", "قوتابخانەی هاوینەی نەخۆشییە گوازراوە و گەرمەسێرییەکان", "summer_school", "School of Medicine", 60, 14, 25, 450, "USD"),
    ("Clinical observership in cardiology", "دورهٔ مشاهده‌ای بالینی قلب", "خولی چاودێریی کلینیکیی دڵ", "observership", "School of Medicine", 30, 28, 4, 300, "USD"),
    ("Fellowship in endodontics", "فلوشیپ اندودنتیکس", "فێلۆشیپی ئێندۆدۆنتیکس", "fellowship", "School of Dentistry", 120, 180, 2, 4000, "USD"),
    ("Winter school in public health research methods", "مدرسهٔ زمستانی روش تحقیق در سلامت عمومی", "قوتابخانەی زستانەی ڕێبازەکانی توێژینەوە لە تەندروستیی گشتی", "winter_school", "School of Public Health", -40, 10, 20, 200, "USD"),
]
# The courses in Arabic, for the applicants of Iraq and the Arab world: title_en -> title_ar.
COURSES_AR = {
    "Summer school in tropical and infectious diseases": "المدرسة الصيفية في الأمراض المعدية والمدارية",
    "Clinical observership in cardiology": "المراقبة السريرية في أمراض القلب",
    "Fellowship in endodontics": "الزمالة في علاج جذور الأسنان",
    "Winter school in public health research methods": "المدرسة الشتوية في مناهج البحث في الصحة العامة",
}

# What the accepted participants of a past course did: attendance, and the share of the hours.
ATTENDANCE = [("attended", 100), ("partly", 60), ("attended", 100), ("no_show", 0)]

# (title, direction, country, institutions (name_en), days to start, length, purpose, agenda, outcomes)
DELEGATIONS = [
    ("Delegation of the University of Sulaimani", "incoming", "IQ", ["University of Sulaimani"], -90, 3, "Review the student exchange agreement and plan joint research.", "Day 1: meeting with the chancellor\nDay 2: visits to Imam Reza and Taleghani hospitals\nDay 3: signing ceremony", "The student exchange was renewed; a joint trauma research centre was agreed."),
    ("Visit to Ankara and Istanbul", "outgoing", "TR", ["Ankara University", "Istanbul University Faculty of Medicine"], -30, 5, "Explore clinical electives and a joint summer school.", "Meetings with the international offices; hospital visits.", "Both universities will send draft agreements."),
    ("Kabul University of Medical Sciences delegation", "incoming", "AF", ["Kabul University of Medical Sciences"], 25, 2, "Training of Afghan residents in Kermanshah.", "", ""),
]
# fmt: on
PDF = b"%PDF-1.4\n% demo\n%%EOF\n"
# The mobility workflow's steps (workflows.py) that lead to each demo status, with the day
# (relative to the start, or "end" for the end) each was taken.
MOBILITY_PATH = {
    "planned": [],
    "approved": [("approve", -40)],
    "ongoing": [("approve", -40), ("start", 0)],
    "completed": [("approve", -40), ("start", 0), ("complete", "end")],
    "report_received": [("approve", -40), ("start", 0), ("complete", "end"), ("receive_report", 7)],
    "cancelled": [("approve", -40), ("cancel", -10)],
}
DECISIONS = {"accepted": "accept", "waitlisted": "waitlist", "rejected": "reject"}


def _moment(mobility: Mobility, when) -> datetime:
    day = mobility.ends_on if when == "end" else mobility.starts_on + timedelta(days=when)
    return min(timezone.now(), timezone.now() + (day - timezone.localdate()))


@demo.register("exchanges")
def seed_exchanges() -> str:
    today = timezone.localdate()
    for code, priority, note in TARGETS:
        TargetCountry.objects.get_or_create(
            country=code, defaults={"priority": priority, "note": note}
        )
    if not Institution.objects.filter(name_en="Kabul University of Medical Sciences").exists():
        Institution.objects.create(
            name_en="Kabul University of Medical Sciences",
            name_fa="دانشگاه علوم پزشکی کابل",
            name_ckb="زانکۆی زانستە پزیشکییەکانی کابول",
            name_ar="جامعة كابل للعلوم الطبية",
            country="AF",
            city="Kabul",
        )
    people = {user.full_name: user for user in User.objects.exclude(full_name="")}
    officer = User.objects.get(email="officer@example.org")
    manager = User.objects.get(email="manager@example.org")
    made = 0
    for (
        name,
        who,
        direction,
        kind,
        partner,
        start,
        length,
        status,
        funding,
        amount,
        cur,
    ) in MOBILITIES:
        if Mobility.objects.filter(person_name=name, kind=kind).exists():
            continue
        institution = Institution.objects.get(name_en=partner)
        agreement = (
            Agreement.objects.filter(partners=institution, status="active")
            .filter(quotas__isnull=False)
            .first()
            or Agreement.objects.filter(partners=institution).first()
        )
        mobility = Mobility.objects.create(
            person_name=name,
            person=people.get(name),
            person_kind=who,
            direction=direction,
            kind=kind,
            institution=institution,
            agreement=agreement,
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=start + length),
            funding_source=funding,
            amount=amount,
            currency=cur,
        )
        workflow.created(mobility, by=officer, at=_moment(mobility, -60))
        for step, when in MOBILITY_PATH[status]:
            if step == "receive_report":
                mobility.report.save(f"{mobility.pk}-report.pdf", ContentFile(PDF), save=False)
                mobility.report_name = "final-report.pdf"
                mobility.save()
            mobility = workflow.move(
                mobility,
                step,
                by=manager if step == "approve" else officer,
                at=_moment(mobility, when),
            )
        made += 1
    units = {unit.name_en: unit for unit in Unit.objects.all()}
    applicants = list(User.objects.filter(groups__name=Role.APPLICANT).order_by("email")[:12])
    for en, fa, ckb, kind, department, start, length, capacity, fee, currency in COURSES:
        course, created = ShortCourse.objects.get_or_create(
            title_en=en,
            defaults={
                "title_fa": fa,
                "title_ckb": ckb,
                "description_en": f"{en}: lectures, ward rounds and workshops with the faculty of "
                "Kermanshah University of Medical Sciences.",
                "description_fa": f"{fa}: درس‌ها، راند بالینی و کارگاه با استادان دانشگاه.",
                "eligibility_en": "Medical students in their last two years, residents and "
                "graduates of non-Iranian universities.",
                "eligibility_fa": "دانشجویان دو سال آخر پزشکی، دستیاران و دانش‌آموختگان "
                "دانشگاه‌های غیرایرانی.",
                "kind": kind,
                "unit": units[department],
                "starts_on": today + timedelta(days=start),
                "ends_on": today + timedelta(days=start + length),
                "hours": 6 * length,
                "deadline": today + timedelta(days=start - 15),
                "capacity": capacity,
                "fee": fee,
                "currency": currency,
            },
        )
        if not created:
            continue
        statuses = ["accepted", "accepted", "waitlisted", "submitted", "rejected"]
        for n, person in enumerate(applicants[: min(len(applicants), capacity + 2)]):
            application = CourseApplication.objects.create(
                course=course,
                applicant=person,
                name_latin=person.full_name or person.email,
                home_institution="University of Baghdad College of Medicine",
                country="IQ",
                field="Medicine",
                motivation="I want to learn from the clinical teams of Kermanshah.",
            )
            sent = timezone.now() - timedelta(days=20)
            workflow.created(application, by=person, at=sent)
            decision = DECISIONS.get(statuses[n % len(statuses)])
            if decision:
                application = workflow.move(
                    application, decision, by=officer, at=sent + timedelta(days=5)
                )
            document = CourseDocument(
                application=application, title="CV", kind="pdf", original_name="cv.pdf", size=20
            )
            document.file.save("cv.pdf", ContentFile(PDF), save=True)
            if course.ends_on < today and application.status == "accepted":
                attendance, share = ATTENDANCE[n % len(ATTENDANCE)]
                application = services.attendance_record(
                    application=application,
                    attendance=attendance,
                    hours=(course.hours or 0) * share // 100 or None,
                    by=officer,
                )
                if application.earns_certificate:
                    certificate = AttendanceCertificate.objects.create(
                        application=application, issued_by=officer
                    )
                    services.certificate_render(certificate_id=certificate.pk)
    for (
        title,
        direction,
        country,
        partners,
        start,
        length,
        purpose,
        agenda,
        outcomes,
    ) in DELEGATIONS:
        delegation, created = Delegation.objects.get_or_create(
            title=title,
            defaults={
                "direction": direction,
                "country": country,
                "purpose": purpose,
                "agenda": agenda,
                "outcomes": outcomes,
                "starts_on": today + timedelta(days=start),
                "ends_on": today + timedelta(days=start + length),
            },
        )
        if not created:
            continue
        institutions = list(Institution.objects.filter(name_en__in=partners))
        delegation.institutions.set(institutions)
        delegation.agreements.set(
            Agreement.objects.filter(partners__in=institutions, status="active")[:1]
        )
        Member.objects.create(delegation=delegation, person=officer, role="coordinator")
        Member.objects.create(
            delegation=delegation,
            person=manager,
            role="head" if direction == "outgoing" else "host",
        )
        Member.objects.create(
            delegation=delegation,
            name="Prof. Visiting Dean",
            organization=partners[0],
            role="head" if direction == "incoming" else "member",
        )
        FollowUp.objects.create(
            delegation=delegation,
            action="Send the draft agreement to the partner",
            owner=officer,
            due_on=today + timedelta(days=start + length + 20),
        )
    group = Group.objects.get(name=Role.APPLICANT)
    quotas = Quota.objects.count()
    for en, ar in COURSES_AR.items():
        ShortCourse.objects.filter(title_en=en).update(
            title_ar=ar,
            description_ar=f"{ar}: محاضرات وجولات سريرية وورش عمل مع أساتذة الجامعة.",
            eligibility_ar="طلاب الطب في السنتين الأخيرتين والمقيمون وخريجو الجامعات غير الإيرانية.",
        )
    refresh_search_text(ShortCourse.objects.filter(title_en__in=COURSES_AR))  # past update()
    return (
        f"{Mobility.objects.count()} mobilities ({made} new), {ShortCourse.objects.count()} "
        f"short courses with {CourseApplication.objects.count()} applications, "
        f"{Delegation.objects.count()} delegations; {quotas} quotas, "
        f"{group.user_set.count()} applicant accounts"
    )
