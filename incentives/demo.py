"""Demo units, faculty profiles and language certificates."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from intlaffairs import demo, workflow
from intlaffairs.models import Unit, User
from intlaffairs.roles import Role

from .models import Certificate, Claim, Profile

# fmt: off
# (name_en, name_fa, name_ckb)
UNITS = [
    ("School of Medicine", "دانشکدهٔ پزشکی", "کۆلێژی پزیشکی"),
    ("School of Dentistry", "دانشکدهٔ دندان‌پزشکی", "کۆلێژی ددانپزیشکی"),
    ("School of Pharmacy", "دانشکدهٔ داروسازی", "کۆلێژی دەرمانسازی"),
    ("School of Public Health", "دانشکدهٔ بهداشت", "کۆلێژی تەندروستیی گشتی"),
    ("School of Nursing and Midwifery", "دانشکدهٔ پرستاری و مامایی", "کۆلێژی پەرستاری و مامانی"),
    ("International Affairs Office", "ادارهٔ امور بین‌الملل", "نووسینگەی کاروباری نێودەوڵەتی"),
]
# The schools in Arabic: name_en -> name_ar.
UNITS_AR = {
    "School of Medicine": "كلية الطب",
    "School of Dentistry": "كلية طب الأسنان",
    "School of Pharmacy": "كلية الصيدلة",
    "School of Public Health": "كلية الصحة العامة",
    "School of Nursing and Midwifery": "كلية التمريض والقبالة",
    "International Affairs Office": "مكتب الشؤون الدولية",
}

# (e-mail, Latin name, native name, unit, rank, test, overall, days ago, verified)
PEOPLE = [
    ("faculty@example.org", None, None, 0, "associate", "ielts_academic", "7.0", 200, True),
    ("n.karimi@example.org", "Dr. Nasrin Karimi", "دکتر نسرین کریمی", 0, "professor", "ielts_academic", "7.5", 400, True),
    ("h.rostami@example.org", "Dr. Hamid Rostami", "دکتر حمید رستمی", 1, "assistant", "ielts_academic", "6.5", 90, False),
    ("a.moradi@example.org", "Dr. Azadeh Moradi", "دکتر آزاده مرادی", 2, "assistant", "toefl_ibt", "98", 300, True),
    ("k.sadeghi@example.org", "Dr. Kamran Sadeghi", "دکتر کامران صادقی", 3, "instructor", "ielts_general", "5.5", 60, False),
    ("m.ahmadi@example.org", "Dr. Mina Ahmadi", "دکتر مینا احمدی", 4, "assistant", "ielts_academic", "4.5", 30, False),
]
# fmt: on
SCAN = b"%PDF-1.4\n% demo certificate scan\n"


@demo.register("incentives")
def seed_incentives() -> str:
    units = [
        Unit.objects.get_or_create(name_en=en, defaults={"name_fa": fa, "name_ckb": ckb})[0]
        for en, fa, ckb in UNITS
    ]
    for en, ar in UNITS_AR.items():
        Unit.objects.filter(name_en=en).update(name_ar=ar)
    office = units[-1]
    verifier = User.objects.get(email="officer@example.org")
    today = timezone.localdate()
    for number, (email, latin, native, unit, rank, test, overall, days, verified) in enumerate(
        PEOPLE, start=1
    ):
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(email, full_name=latin, full_name_native=native)
            person.set_unusable_password()
            person.save()
            person.groups.add(Group.objects.get(name=Role.FACULTY))
        Profile.objects.get_or_create(user=person, defaults={"unit": units[unit], "rank": rank})
        if not person.certificates.exists():
            certificate = Certificate(
                person=person,
                test=test,
                overall=Decimal(overall),
                taken_on=today - timedelta(days=days),
                trf_number=f"26IR{number:06d}KERA001A" if test.startswith("ielts") else "",
            )
            certificate.file.save("scan.pdf", ContentFile(SCAN), save=True)
            added = timezone.now() - timedelta(days=days - 5)
            workflow.created(certificate, by=person, at=added)
            if verified:
                workflow.move(certificate, "verify", by=verifier, at=added + timedelta(days=2))
    for email in ("officer@example.org", "manager@example.org"):
        Profile.objects.get_or_create(
            user=User.objects.get(email=email),
            defaults={"unit": office, "rank": "none", "kind": "staff"},
        )
    claims = _seed_claims(verifier)
    return f"{len(UNITS)} units, {len(PEOPLE)} faculty members with certificates, {claims} claims"


# fmt: off
# (claimant e-mail, course fee, exam fee, final status)
CLAIMS = [
    ("faculty@example.org", 80_000_000, 65_000_000, "paid"),
    ("n.karimi@example.org", 0, 65_000_000, "approved"),
    ("a.moradi@example.org", 120_000_000, 0, "verified"),
    ("h.rostami@example.org", 90_000_000, 0, "submitted"),
    ("m.ahmadi@example.org", 70_000_000, 0, "rejected"),
]
PATH = {
    "submitted": [],
    "verified": ["verify"],
    "approved": ["verify", "approve"],
    "paid": ["verify", "approve", "pay"],
    "rejected": ["reject"],
}
# fmt: on
REJECTION = "رسید دورهٔ آموزشی خوانا نیست."


def _seed_claims(officer) -> int:
    manager = User.objects.get(email="manager@example.org")
    payment = {
        "paid_on": timezone.localdate() - timedelta(days=5),
        "payment_reference": "TRX-1405-0042",
    }
    for email, course_fee, exam_fee, status in CLAIMS:
        person = User.objects.get(email=email)
        if Claim.objects.filter(claimant=person).exists():
            continue
        certificate = person.certificates.first() if exam_fee else None
        claim = Claim(
            claimant=person, certificate=certificate, course_fee=course_fee, exam_fee=exam_fee
        )
        claim.receipt.save("receipt.pdf", ContentFile(SCAN), save=True)
        moment = timezone.now() - timedelta(days=40)
        workflow.created(claim, by=person, at=moment)
        for step in PATH[status]:
            moment += timedelta(days=7)
            claim = workflow.move(
                claim,
                step,
                by=manager if step == "approve" else officer,
                note=REJECTION if step == "reject" else "",
                at=moment,
                **(payment if step == "pay" else {}),
            )
    return len(CLAIMS)
