"""Demo student recruitment: programs, agents, about 60 applications in every stage from ten
countries with their documents, procedures with PDCA reviews, recognition issues."""

import io
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from intlaffairs import demo, messaging, workflow
from intlaffairs.models import Message, OutgoingMail, Unit, User
from intlaffairs.roles import Role

from . import fees, interviews, reviews
from .forms import IssueForm
from .models import (
    Agent,
    Application,
    ArrivalItem,
    Document,
    DocumentType,
    Education,
    FeeSchedule,
    Invoice,
    MinistryLetter,
    Procedure,
    ProcedureVersion,
    Program,
    RecognitionIssue,
    Review,
    ReviewCriterion,
    Stage,
    Transfer,
    UnitReviewer,
)
from .workflows import APPLICATION

# fmt: off
# (name_en, name_fa, name_ckb, school (name_en), degree, language, years, tuition, places, documents)
PROGRAMS = [
    ("Medicine (MD)", "پزشکی عمومی", "پزیشکیی گشتی", "School of Medicine", "md", "en", "7", 6500, 40, ["passport", "photo", "diploma", "transcript", "health"]),
    ("Dentistry (DDS)", "دندان‌پزشکی", "ددانپزیشکی", "School of Dentistry", "dds", "en", "6", 7500, 20, ["passport", "photo", "diploma", "transcript", "health"]),
    ("Pharmacy (PharmD)", "داروسازی", "دەرمانسازی", "School of Pharmacy", "pharmd", "en", "6", 5500, 20, ["passport", "photo", "diploma", "transcript"]),
    ("Nursing (BSc)", "کارشناسی پرستاری", "بەکالۆریۆسی پەرستاری", "School of Nursing and Midwifery", "bsc", "fa", "4", 2500, 15, ["passport", "photo", "diploma", "transcript"]),
    ("Epidemiology (MSc)", "کارشناسی ارشد اپیدمیولوژی", "ماستەری ئێپیدیمۆلۆجی", "School of Public Health", "msc", "en", "2", 4000, 8, ["passport", "photo", "diploma", "transcript", "language", "cv"]),
    ("Pharmacology (PhD)", "دکتری تخصصی فارماکولوژی", "دکتۆرای فارماکۆلۆجی", "School of Pharmacy", "phd", "en", "4", 6000, 4, ["passport", "photo", "diploma", "transcript", "language", "cv", "recommendation"]),
    ("Internal Medicine residency", "دستیاری داخلی", "پسپۆڕیی نەخۆشییە ناوەکییەکان", "School of Medicine", "residency", "fa", "4", 9000, 4, ["passport", "photo", "diploma", "cv", "recommendation"]),
    ("Interventional Cardiology fellowship", "فلوشیپ قلب مداخله‌ای", "فێلۆشیپی دڵی دەستێوەردان", "School of Medicine", "fellowship", "en", "1.5", 12000, 2, ["passport", "photo", "diploma", "cv", "recommendation"]),
]

# (name, kind, organization, country, e-mail)
AGENTS = [
    ("Al-Noor Education Services", "agent", "Al-Noor Education Services", "IQ", "info@alnoor.example.org"),
    ("Kabul Study Abroad", "agent", "Kabul Study Abroad Ltd.", "AF", "desk@ksa.example.org"),
    ("Dr. Hussein Al-Musawi", "introducer", "University of Kufa", "IQ", "h.musawi@example.org"),
    ("Beirut Medical Pathways", "agent", "BMP", "LB", "hello@bmp.example.org"),
]

# (country, given names, family names, native names (in the same order))
PEOPLE = [
    ("IQ", ["Ali", "Zahraa", "Mustafa", "Noor", "Hassan", "Fatima", "Karrar"], ["Al-Tamimi", "Jaber", "Kadhim", "Al-Saadi", "Hameed", "Abbas", "Al-Hilli"], ["علي التميمي", "زهراء جابر", "مصطفى كاظم", "نور الساعدي", "حسن حميد", "فاطمة عباس", "كرار الحلي"]),
    ("AF", ["Ahmad", "Mariam", "Farid", "Shabnam", "Naweed", "Zarghona"], ["Rahimi", "Sultani", "Habibi", "Nazari", "Ahmadzai", "Karimi"], ["احمد رحیمی", "مریم سلطانی", "فرید حبیبی", "شبنم نظری", "نوید احمدزی", "زرغونه کریمی"]),
    ("SY", ["Omar", "Lina", "Khaled", "Rama", "Yazan", "Hala"], ["Haddad", "Khoury", "Darwish", "Nasser", "Halabi", "Sabbagh"], ["عمر حداد", "لينا خوري", "خالد درويش", "راما ناصر", "يزن حلبي", "هالة صباغ"]),
    ("LB", ["Hussein", "Zeinab", "Ali", "Maryam", "Abbas", "Batoul"], ["Fadlallah", "Hamdan", "Sleiman", "Haidar", "Khalil", "Moussa"], ["حسين فضل الله", "زينب حمدان", "علي سليمان", "مريم حيدر", "عباس خليل", "بتول موسى"]),
    ("PK", ["Usman", "Ayesha", "Bilal", "Sana", "Hamza", "Hira"], ["Khan", "Qureshi", "Raza", "Malik", "Shah", "Iqbal"], ["عثمان خان", "عائشہ قریشی", "بلال رضا", "ثنا ملک", "حمزہ شاہ", "حرا اقبال"]),
    ("IN", ["Mohammed", "Sakina", "Abbas", "Zehra", "Mehdi", "Kaniz"], ["Rizvi", "Naqvi", "Zaidi", "Jafri", "Abidi", "Kazmi"], ["محمد رضوی", "سکینہ نقوی", "عباس زیدی", "زہرا جعفری", "مہدی عابدی", "کنیز کاظمی"]),
    ("YE", ["Abdullah", "Amal", "Saleh", "Huda", "Fahd", "Salma"], ["Al-Hothi", "Saeed", "Al-Ahmar", "Qasim", "Mansour", "Al-Eryani"], ["عبدالله الحوثي", "أمل سعيد", "صالح الأحمر", "هدى قاسم", "فهد منصور", "سلمى الإرياني"]),
    ("BH", ["Sayed Ali", "Zainab", "Jaffar", "Kawther", "Mahdi", "Fatema"], ["Al-Alawi", "Al-Mahoozi", "Salman", "Al-Sitri", "Hubail", "Al-Jamri"], ["سيد علي العلوي", "زينب المحوزي", "جعفر سلمان", "كوثر الستري", "مهدي هبيل", "فاطمة الجمري"]),
    ("TR", ["Emre", "Elif", "Mehmet", "Zeynep", "Yusuf", "Ayşe"], ["Yılmaz", "Demir", "Kaya", "Çelik", "Aydın", "Öztürk"], ["Emre Yılmaz", "Elif Demir", "Mehmet Kaya", "Zeynep Çelik", "Yusuf Aydın", "Ayşe Öztürk"]),
    ("AZ", ["Elvin", "Leyla", "Rashad", "Aysel", "Tural", "Nigar"], ["Aliyev", "Mammadova", "Huseynov", "Guliyeva", "Hasanov", "Ismayilova"], ["Elvin Əliyev", "Leyla Məmmədova", "Rəşad Hüseynov", "Aysel Quliyeva", "Tural Həsənov", "Nigar İsmayılova"]),
]

# What the faculty's reviewers score in every program: (name_en, name_fa, name_ckb).
CRITERIA = [
    ("Academic record", "سابقهٔ تحصیلی", "پێشینەی خوێندن"),
    ("Personal statement", "بیانیهٔ شخصی", "ڕاگەیاندنی کەسی"),
    ("Fit with the program", "تناسب با برنامه", "گونجان لەگەڵ بەرنامەکە"),
]
# The opinion the demo's reviewer gave on files that went on to each decision.
OPINIONS = {
    Stage.REJECTED: "not_admit",
    Stage.WAITLISTED: "conditional",
    Stage.INTERVIEW: "interview",
}

# The route each stage's demo applications took (their history).
ROUTES = {
    Stage.SUBMITTED: [Stage.SUBMITTED],
    Stage.DOCUMENT_CHECK: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK],
    Stage.FACULTY_REVIEW: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW],
    Stage.INTERVIEW: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.INTERVIEW],
    Stage.ADMITTED: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.ADMITTED],
    Stage.WAITLISTED: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.WAITLISTED],
    Stage.REJECTED: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.REJECTED],
    Stage.OFFER_ACCEPTED: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.ADMITTED, Stage.OFFER_ACCEPTED],
    Stage.FEES_RECEIVED: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.ADMITTED, Stage.OFFER_ACCEPTED, Stage.FEES_RECEIVED],
    Stage.ENROLLED: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.ADMITTED, Stage.OFFER_ACCEPTED, Stage.FEES_RECEIVED, Stage.ENROLLED],
    Stage.WITHDRAWN: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.WITHDRAWN],
    Stage.OFFER_DECLINED: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.ADMITTED, Stage.OFFER_DECLINED],
    Stage.OFFER_LAPSED: [Stage.SUBMITTED, Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.ADMITTED, Stage.OFFER_LAPSED],
}

# (title_en, title_fa, title_ckb, kind)
PROCEDURES = [
    ("Statute on the admission of international students", "آیین‌نامهٔ پذیرش دانشجویان بین‌الملل", "پەیڕەوی وەرگرتنی خوێندکارانی نێودەوڵەتی", "statute"),
    ("Protocol for checking foreign diplomas", "دستورالعمل بررسی مدارک تحصیلی خارجی", "ڕێنمایی پشکنینی بڕوانامە بیانییەکان", "protocol"),
    ("Procedure for visa and residence of foreign students", "روش اجرایی روادید و اقامت دانشجویان خارجی", "ڕێکاری ڤیزا و مانەوەی خوێندکارانی بیانی", "procedure"),
]

# (country, issue, status, actions, days ago)
ISSUES = [
    ("PK", "The university is missing from the list of recognised medical schools of the Pakistan Medical and Dental Council.", "in_progress", "Letter to the Ministry of Health asking it to send the accreditation file to PMDC.", 420),
    ("BH", "Graduates of the English-taught MD need an extra internship year before licensing in Bahrain.", "open", "", 120),
    ("IN", "The National Medical Commission did not list the English-taught MD for the 1404 intake.", "resolved", "The ministry sent the curriculum; the programme was listed in the following circular.", 700),
]
# The catalog in Arabic, for the applicants of Iraq and the Arab world: name_en -> name_ar.
PROGRAMS_AR = {
    "Medicine (MD)": "الطب العام",
    "Dentistry (DDS)": "طب الأسنان",
    "Pharmacy (PharmD)": "الصيدلة",
    "Nursing (BSc)": "بكالوريوس التمريض",
    "Epidemiology (MSc)": "ماجستير علم الأوبئة",
    "Pharmacology (PhD)": "دكتوراه علم الأدوية",
    "Internal Medicine residency": "الإقامة في الطب الباطني",
    "Interventional Cardiology fellowship": "الزمالة في أمراض القلب التداخلية",
}
CRITERIA_AR = {
    "Academic record": "السجل الأكاديمي",
    "Personal statement": "البيان الشخصي",
    "Fit with the program": "الملاءمة مع البرنامج",
}
PROCEDURES_AR = {
    "Statute on the admission of international students": "لائحة قبول الطلاب الدوليين",
    "Protocol for checking foreign diplomas": "بروتوكول التحقق من الشهادات الأجنبية",
    "Procedure for visa and residence of foreign students": "إجراءات التأشيرة والإقامة للطلاب الأجانب",
}
DOCUMENT_TYPES_AR = {
    "passport": "جواز السفر (صفحة البيانات)",
    "photo": "صورة شخصية بحجم جواز السفر",
    "diploma": "الشهادة الدراسية",
    "transcript": "كشف الدرجات",
    "language": "شهادة اللغة",
    "cv": "السيرة الذاتية",
    "recommendation": "رسالة توصية",
    "health": "الشهادة الصحية",
}
# fmt: on

PDF = b"%PDF-1.4\n% demo document\n%%EOF\n"


def _photo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (200, 215, 230)).save(buffer, "PNG")
    return buffer.getvalue()


def _applicant(email: str, name: str, native: str, language: str) -> User:
    person, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": name, "full_name_native": native, "preferred_language": language},
    )
    if created:
        person.password = demo.demo_password_hash()
        person.save()
        person.groups.add(Group.objects.get(name=Role.APPLICANT))
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    return person


def _documents(application: Application, photo: bytes) -> None:
    """The uploads of the program's required documents, as the applicant left them."""
    for doc_type in application.program.required_documents.all():
        is_photo = doc_type.is_photo
        document = Document(
            application=application,
            type=doc_type,
            kind="png" if is_photo else "pdf",
            original_name=f"{doc_type.code}.{'png' if is_photo else 'pdf'}",
            size=len(photo if is_photo else PDF),
        )
        document.file.save(
            document.original_name, ContentFile(photo if is_photo else PDF), save=False
        )
        document.save()


def _review_documents(application: Application, *, by: User, at, rejected: str = "") -> None:
    """The office's check: every document verified, but the one of type `rejected`."""
    for document in application.documents.select_related("type"):
        if document.type.code == rejected:
            workflow.move(
                document, "reject", by=by, at=at, note="The scan is unreadable; please scan again."
            )
        else:
            workflow.move(document, "verify", by=by, at=at)
    application.documents.update(reviewed_at=at)


# The steps the applicant takes in the demo routes (the others are the office's or the portal's).
APPLICANTS_STEPS = (Stage.SUBMITTED, Stage.OFFER_ACCEPTED, Stage.OFFER_DECLINED, Stage.WITHDRAWN)


def _arrival_checklist(application: Application, today, *, enrolled: bool) -> None:
    """The after-admission checklist of a student on the way (or arrived)."""
    Done, Pending = ArrivalItem.State.DONE, ArrivalItem.State.PENDING
    items = {
        ArrivalItem.Kind.VISA_LETTER: (Done, today - timedelta(days=30), ""),
        ArrivalItem.Kind.VISA: (Done, today - timedelta(days=12), ""),
        ArrivalItem.Kind.REGISTRATION: (Done, today - timedelta(days=10), ""),
        ArrivalItem.Kind.ARRIVAL: (
            Done if enrolled else Pending,
            today - timedelta(days=5) if enrolled else today + timedelta(days=9),
            "Flight from Baghdad to Kermanshah.",
        ),
        ArrivalItem.Kind.PICKUP: (ArrivalItem.State.NOT_NEEDED, None, "Her family drives her."),
        ArrivalItem.Kind.ACCOMMODATION: (Done if enrolled else Pending, None, "Dormitory 3."),
        ArrivalItem.Kind.INSURANCE: (Pending, today + timedelta(days=20), ""),
        ArrivalItem.Kind.RESIDENCE: (Done if enrolled else Pending, None, ""),
    }
    ArrivalItem.objects.bulk_create(
        ArrivalItem(application=application, kind=kind, state=state, date=date, note=note)
        for kind, (state, date, note) in items.items()
    )


# A question of the applicant and the office's answer, in the applicant's language.
CONVERSATIONS = {
    "en": (
        "Can I send my transcript later? My university closes for the holidays.",
        "Yes: upload it by the end of next month; we will start the check with the rest.",
    ),
    "fa": (
        "آیا می‌توانم ریزنمرات را بعداً بفرستم؟ دانشگاهم برای تعطیلات بسته است.",
        "بله، تا پایان ماه آینده بارگذاری کنید؛ بررسی بقیهٔ مدارک را شروع می‌کنیم.",
    ),
}


def _conversation(application: Application, *, person: User, officer: User, at) -> None:
    """A question and its answer on the thread, dated after `at`; the answer stays unread
    on every other one, so the applicant's menu shows a badge."""
    question, answer = CONVERSATIONS[person.preferred_language]
    asked = messaging.message_post(subject=application, by=person, body=question, from_office=False)
    answered = messaging.message_post(
        subject=application, by=officer, body=answer, from_office=True
    )
    Message.objects.filter(pk=asked.pk).update(sent_at=at, read_at=at + timedelta(hours=3))
    Message.objects.filter(pk=answered.pk).update(
        sent_at=at + timedelta(hours=4),
        read_at=None if application.pk % 2 else at + timedelta(days=1),
    )


def _faculty_opinion(application: Application, after: str, *, at) -> None:
    """The reviewers asked on referral gave their opinion before the file moved on to `after`."""
    for review in application.faculty_reviews.select_related("reviewer"):
        scores = {criterion.pk: 3 + application.pk % 3 for criterion in reviews.criteria_of(review)}
        reviews.review_save(
            review=review,
            recommendation=OPINIONS.get(after, "admit"),
            scores=scores,
            comments="A solid file; the transcript matches the diploma.",
            no_conflict=True,
            by=review.reviewer,
        )
        review.moves.filter(transition="submit").update(at=at)
        type(review).objects.filter(pk=review.pk).update(submitted_at=at)


# Where the demo applicants read their interview times.
TIME_ZONES = {"IQ": "Asia/Baghdad", "AF": "Asia/Kabul", "SY": "Asia/Damascus", "LB": "Asia/Beirut"}


def _interview_times(application: Application, *, officer: User, booked: bool) -> None:
    """Three times offered over the coming week, online and in person; every other applicant
    has booked the first, in their own time zone."""
    person = application.applicant
    person.time_zone = TIME_ZONES.get(str(application.nationality), "Europe/London")
    person.save(update_fields=["time_zone"])
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    slots = [
        interviews.interview_offer(
            application=application,
            by=officer,
            starts_at=start + timedelta(days=3 + day, hours=2 * day),
            duration_minutes=30,
            mode=mode,
            link="https://meet.kums.ac.ir/international-interview" if mode == "online" else "",
            place="School of Medicine, room 204" if mode == "in_person" else "",
            panel="Dr. Karimi, Dr. Ahmadi",
        )
        for day, mode in ((0, "online"), (1, "in_person"), (2, "online"))
    ]
    if booked:
        workflow.move(slots[0], "book", by=person)


def _transition(source: str, target: str) -> str:
    """The name of the step from `source` to `target` (one leads to each stage)."""
    for transition in APPLICATION.transitions.values():
        if source in transition.source and transition.target == target:
            return transition.name
    raise ValueError(f"no step from {source} to {target}")


def _tuition_settled(application: Application, counter: int, *, officer, manager) -> None:
    """Before "tuition and originals received": the tuition paid in one or two transfers, or
    (every fifth) partly covered by a scholarship and the rest waived."""
    invoice = fees.invoice_issue(application=application, kind="tuition", by=officer)
    if counter % 5 == 0:
        fees.allowance_grant(
            invoice=invoice, amount=invoice.amount / 2, reason="Merit scholarship", by=manager
        )
        workflow.move(invoice, "waive", by=manager, note="Agreement with the home ministry.")
        return
    if counter % 2:
        fees.payment_confirm(invoice=invoice, amount=invoice.amount / 2, by=officer)
    invoice.refresh_from_db()
    fees.payment_confirm(invoice=invoice, amount=invoice.balance, by=officer)


def _fees_waiting(application: Application, counter: int, *, person, officer) -> None:
    """Invoices still to pay: the deposit of an admitted applicant (some overdue), the tuition
    of one who accepted the offer (open, partly paid, or with a transfer to confirm)."""
    if application.stage == Stage.ADMITTED:
        invoice = fees.invoice_issue(application=application, kind="deposit", by=officer)
        if counter % 2:
            Invoice.objects.filter(pk=invoice.pk).update(
                due_on=timezone.localdate() - timedelta(days=3)
            )
    if application.stage == Stage.OFFER_ACCEPTED:
        invoice = fees.invoice_issue(application=application, kind="tuition", by=officer)
        if counter % 3 == 1:
            fees.payment_confirm(invoice=invoice, amount=invoice.amount / 4, by=officer)
        elif counter % 3 == 2:
            # Stored as the demo's documents are (a placeholder PDF, not an upload to check).
            transfer = Transfer(
                invoice=invoice,
                kind="pdf",
                original_name="bank-transfer.pdf",
                size=len(PDF),
                note="Sent in full.",
                uploaded_by=person,
            )
            transfer.file.save("bank-transfer.pdf", ContentFile(PDF), save=True)


def _catalog_in_arabic() -> None:
    """Fills the Arabic names of the catalog (idempotent: by the English name or the code)."""
    for en, ar in PROGRAMS_AR.items():
        Program.objects.filter(name_en=en).update(
            name_ar=ar,
            description_ar=f"برنامج {ar} في جامعة كرمانشاه للعلوم الطبية، مفتوح للمتقدمين الدوليين.",
        )
    for en, ar in CRITERIA_AR.items():
        ReviewCriterion.objects.filter(name_en=en).update(name_ar=ar)
    for en, ar in PROCEDURES_AR.items():
        Procedure.objects.filter(title_en=en).update(title_ar=ar)
    for code, ar in DOCUMENT_TYPES_AR.items():
        DocumentType.objects.filter(code=code).update(name_ar=ar)


@demo.register("students")
def seed_students() -> str:
    today = timezone.localdate()
    now = timezone.now()
    types = {doc_type.code: doc_type for doc_type in DocumentType.objects.all()}
    programs = []
    for en, fa, ckb, school, degree, language, years, tuition, places, documents in PROGRAMS:
        program, created = Program.objects.get_or_create(
            name_en=en,
            intake=1405,
            defaults={
                "name_fa": fa,
                "name_ckb": ckb,
                "description_en": f"The {en} program of Kermanshah University of Medical Sciences, open to international applicants.",
                "description_fa": f"برنامهٔ {fa} دانشگاه علوم پزشکی کرمانشاه برای متقاضیان بین‌المللی.",
                "unit": Unit.objects.get(name_en=school),
                "degree": degree,
                "language": language,
                "duration_years": years,
                "tuition": tuition,
                "capacity": places,
                "deadline": today + timedelta(days=45 + 10 * len(programs)),
            },
        )
        if created:
            program.required_documents.set([types[code] for code in documents])
        programs.append(program)
    for program in programs:
        if not program.criteria.exists():
            for order, (en, fa, ckb) in enumerate(CRITERIA, start=1):
                ReviewCriterion.objects.create(
                    program=program, name_en=en, name_fa=fa, name_ckb=ckb, order=order
                )
    # The demo's faculty member reviews for the School of Medicine: the files referred there
    # wait in their "To review" list (some long enough to be reminded and overdue).
    reviewer = User.objects.get(email="faculty@example.org")
    medicine = Unit.objects.get(name_en="School of Medicine")
    if not UnitReviewer.objects.filter(unit=medicine, user=reviewer).exists():
        reviews.reviewer_add(unit=medicine, user=reviewer, by=None)
    agents = [
        Agent.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "organization": org, "country": country, "email": email},
        )[0]
        for name, kind, org, country, email in AGENTS
    ]
    manager = User.objects.get(email="manager@example.org")
    officer = User.objects.get(email="officer@example.org")
    for program in programs:
        FeeSchedule.objects.get_or_create(
            program=program,
            intake=program.intake,
            defaults={
                "currency": program.currency,
                "application_fee": 50,
                "deposit": 1000,
                "tuition": program.tuition,
                "updated_by": manager,
            },
        )
    photo = _photo()
    stages = list(ROUTES)
    made = 0
    if not Application.objects.filter(applicant__email__startswith="demo.applicant").exists():
        last_mail = OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        counter = 0
        for country, givens, families, natives in PEOPLE:
            for given, family, native in zip(givens, families, natives, strict=True):
                counter += 1
                stage = stages[counter % len(stages)]
                program = programs[counter % len(programs)]
                if stage == Stage.INTERVIEW and not program.interviews:
                    program = programs[4 + counter % 4]
                email = f"demo.applicant{counter:02d}@example.org"
                language = "en" if counter % 3 else "fa"
                person = _applicant(email, f"{given} {family}", native, language)
                channel = ["website", "website", "agent", "introducer"][counter % 4]
                agent = None
                if channel == "agent":
                    agent = [a for a in agents if a.kind == "agent"][counter % 3]
                elif channel == "introducer":
                    agent = agents[2]
                route = list(ROUTES[stage])
                if (
                    program.interviews
                    and Stage.FACULTY_REVIEW in route
                    and route[-1] != Stage.FACULTY_REVIEW
                    and Stage.INTERVIEW not in route
                ):
                    # The program interviews its applicants before the decision.
                    route.insert(route.index(Stage.FACULTY_REVIEW) + 1, Stage.INTERVIEW)
                started = now - timedelta(days=4 * len(route) + counter % 20)
                application = Application.objects.create(
                    applicant=person,
                    given_name=given,
                    family_name=family,
                    native_name=native,
                    sex="female" if counter % 2 else "male",
                    birth_date=today - timedelta(days=365 * (19 + counter % 12) + counter),
                    nationality=country,
                    passport_number=f"{country}{4000000 + counter * 7919}",
                    passport_expires_on=today + timedelta(days=900 + counter),
                    phone=f"+964 770 {1000000 + counter:07d}",
                    program=program,
                    channel=channel,
                    agent=agent,
                )
                Education.objects.create(
                    application=application,
                    institution=f"{family} Secondary School",
                    country=country,
                    qualification="Secondary school diploma",
                    graduated_in=today.year - 2 - counter % 5,
                    grade=f"{85 + counter % 14}%",
                )
                if program.is_graduate:
                    Education.objects.create(
                        application=application,
                        institution=f"University of {dict(PEOPLE_CAPITALS)[country]}",
                        country=country,
                        qualification="Bachelor's degree",
                        field="Medical sciences",
                        graduated_in=today.year - 1 - counter % 3,
                        grade="3.4/4",
                    )
                _documents(application, photo)
                # The application's way so far, through the same steps (and rules) as on the
                # portal, dated in the past.
                previous = Stage.DRAFT
                for n, step in enumerate(route):
                    at = started + timedelta(days=4 * n)
                    by = (
                        person
                        if step in APPLICANTS_STEPS
                        else (
                            manager
                            if step in (Stage.ADMITTED, Stage.WAITLISTED, Stage.REJECTED)
                            else officer
                        )
                    )
                    extra = {}
                    if step == Stage.DOCUMENT_CHECK and stage == Stage.DOCUMENT_CHECK:
                        extra["request"] = "Please upload a clearer scan of your transcript."
                        # The step's message lands in the thread too.
                        extra["note"] = "We have started checking your documents."
                    if step == Stage.OFFER_DECLINED:
                        extra["note"] = "I have accepted a place closer to home."
                    if step == Stage.OFFER_LAPSED:
                        # The portal's own step, once the answer-by date has gone by.
                        by = None
                        Application.objects.filter(pk=application.pk).update(
                            offer_deadline=today - timedelta(days=1)
                        )
                    if step == Stage.FEES_RECEIVED:
                        _tuition_settled(application, counter, officer=officer, manager=manager)
                    if step == Stage.ENROLLED:
                        Application.objects.filter(pk=application.pk).update(
                            registration_code=f"1405{counter:04d}"
                        )
                    application = workflow.move(
                        application, _transition(previous, step), by=by, at=at, **extra
                    )
                    if step == Stage.FACULTY_REVIEW and route[-1] != step:
                        _faculty_opinion(application, route[n + 1], at=at + timedelta(days=2))
                    if step == Stage.DOCUMENT_CHECK:
                        _review_documents(
                            application,
                            by=officer,
                            at=at + timedelta(hours=2),
                            rejected="transcript" if stage == Stage.DOCUMENT_CHECK else "",
                        )
                    previous = step
                if stage == Stage.INTERVIEW:
                    _interview_times(application, officer=officer, booked=counter % 2 == 0)
                _fees_waiting(application, counter, person=person, officer=officer)
                application.thread.update(sent_at=started + timedelta(days=5))
                if counter % 4 == 0:
                    _conversation(
                        application, person=person, officer=officer, at=started + timedelta(days=1)
                    )
                extra = {"submitted_at": started}
                if stage in (Stage.FEES_RECEIVED, Stage.ENROLLED):
                    extra["registration_code"] = f"1405{counter:04d}"
                    _arrival_checklist(application, today, enrolled=stage == Stage.ENROLLED)
                if stage == Stage.ENROLLED:
                    extra["residence_permit_number"] = f"RP{880000 + counter}"
                    extra["residence_expires_on"] = today + timedelta(days=20 + counter % 300)
                Application.objects.filter(pk=application.pk).update(**extra)
                made += 1
        # The moves queued the e-mails they would have sent at the time; a demo sends none.
        OutgoingMail.objects.filter(pk__gt=last_mail).delete()
    # The demo applicant account: one draft to finish.
    ali = User.objects.get(email="applicant@example.org")
    if not ali.applications.exists():
        draft = Application.objects.create(
            applicant=ali,
            program=programs[0],
            given_name="Ali Hassan",
            family_name="Al-Tamimi",
            native_name="علي حسن التميمي",
            nationality="IQ",
        )
        Education.objects.create(
            application=draft,
            institution="Al-Kindy Secondary School",
            country="IQ",
            qualification="Secondary school diploma",
            graduated_in=today.year - 1,
            grade="96%",
        )
    for en, fa, ckb, kind in PROCEDURES:
        procedure, created = Procedure.objects.get_or_create(
            title_en=en, defaults={"title_fa": fa, "title_ckb": ckb, "kind": kind, "owner": officer}
        )
        if created:
            for number in (1, 2):
                version = ProcedureVersion(
                    procedure=procedure,
                    number=number,
                    title=f"Version {number}",
                    effective_from=today - timedelta(days=800 - 365 * number),
                    summary=""
                    if number == 1
                    else "Deadlines moved; the interview added for graduate programs.",
                    original_name=f"v{number}.pdf",
                    size=len(PDF),
                    uploaded_by=officer,
                )
                version.file.save(f"v{number}.pdf", ContentFile(PDF), save=False)
                version.save()
            for days, phase, findings in (
                (300, "plan", "Targets for the 1405 intake set: 120 applications, 60 enrolments."),
                (200, "do", "Applications opened on the portal; agents briefed."),
                (60, "check", "Document checks took 19 days on average, over the 14-day target."),
                (20, "act", "A second officer now checks documents during the peak month."),
            ):
                Review.objects.create(
                    procedure=procedure,
                    phase=phase,
                    date=today - timedelta(days=days),
                    reviewer=manager,
                    findings=findings,
                )
    for country, issue_text, status, actions, days in ISSUES:
        # Recorded as the office records one: through the register's form.
        issue = RecognitionIssue.objects.filter(country=country, issue=issue_text).first()
        created = issue is None
        if created:
            form = IssueForm(
                data={
                    "country": country,
                    "issue": issue_text,
                    "since": today - timedelta(days=days),
                    "status": status,
                    "actions": actions,
                }
            )
            issue = form.save()
        if created and actions:
            for n, (direction, subject) in enumerate(
                (("sent", "Request for accreditation file"), ("received", "Reply of the ministry"))
            ):
                letter = MinistryLetter(
                    issue=issue,
                    direction=direction,
                    date=today - timedelta(days=days - 30 * (n + 1)),
                    number=f"1405/{210 + n}/د",
                    title=subject,
                    original_name="letter.pdf",
                    size=len(PDF),
                    uploaded_by=officer,
                )
                letter.file.save("letter.pdf", ContentFile(PDF), save=False)
                letter.save()
    _catalog_in_arabic()
    return (
        f"{len(programs)} programs, {len(agents)} agents, {made} new applications "
        f"({Application.objects.count()} in all), {Procedure.objects.count()} procedures, "
        f"{RecognitionIssue.objects.count()} recognition issues"
    )


PEOPLE_CAPITALS = [
    ("IQ", "Baghdad"),
    ("AF", "Kabul"),
    ("SY", "Damascus"),
    ("LB", "Beirut"),
    ("PK", "Karachi"),
    ("IN", "Lucknow"),
    ("YE", "Sanaa"),
    ("BH", "Bahrain"),
    ("TR", "Istanbul"),
    ("AZ", "Baku"),
]
