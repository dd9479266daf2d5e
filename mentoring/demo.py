"""Demo mentoring: approved and new mentors, mentees from the enrolled applications and a few
more, pairs confirmed by the optimal matching, meetings with issues, feedback."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from intlaffairs import demo, workflow
from intlaffairs.models import Unit, User
from students.models import Application, Program

from . import services
from .models import Feedback, Issue, Meeting, Mentee, Mentor, MentorLanguage, Pairing

# fmt: off
# (e-mail, Latin name, native name, school (name_en), program (name_en) or None, year, gender, capacity, languages, status)
MENTORS = [
    ("mentor@example.org", None, None, "School of Medicine", "Medicine (MD)", 4, "female", 3, [("fa", "native"), ("ku", "native"), ("en", "good")], "approved"),
    ("a.rahmani@example.org", "Arash Rahmani", "آرش رحمانی", "School of Medicine", "Medicine (MD)", 5, "male", 2, [("fa", "native"), ("ar", "good"), ("en", "fluent")], "approved"),
    ("n.karimi.student@example.org", "Niloufar Karimi", "نیلوفر کریمی", "School of Dentistry", "Dentistry (DDS)", 3, "female", 2, [("fa", "native"), ("en", "good")], "approved"),
    ("h.mohammadi@example.org", "Hossein Mohammadi", "حسین محمدی", "School of Pharmacy", "Pharmacy (PharmD)", 4, "male", 2, [("fa", "native"), ("ar", "fluent"), ("ur", "basic")], "approved"),
    ("s.ahmadi@example.org", "Sanaz Ahmadi", "ساناز احمدی", "School of Public Health", None, 2, "female", 2, [("fa", "native"), ("en", "fluent"), ("tr", "basic")], "approved"),
    ("r.veisi@example.org", "Reza Veisi", "رضا ویسی", "School of Nursing and Midwifery", "Nursing (BSc)", 3, "male", 1, [("fa", "native"), ("ku", "native")], "applied"),
]
# (name, school (name_en), program (name_en) or None, gender, preference, languages, needs)
EXTRA_MENTEES = [
    ("Amina Yusuf", "School of Medicine", "Medicine (MD)", "female", "female", ["ar", "en"], ["housing", "language"]),
    ("Omar Saleh", "School of Pharmacy", "Pharmacy (PharmD)", "male", "", ["ar"], ["registration", "residence"]),
    ("Elif Kaya", "School of Public Health", None, "female", "", ["tr", "en"], ["insurance"]),
]
# fmt: on
LANGUAGE_BY_COUNTRY = {
    "IQ": "ar",
    "AF": "fa",
    "SY": "ar",
    "LB": "ar",
    "PK": "ur",
    "IN": "ur",
    "YE": "ar",
    "BH": "ar",
    "TR": "tr",
    "AZ": "az",
}  # fmt: skip


@demo.register("mentoring")
def seed_mentoring() -> str:
    if Mentor.objects.exists():
        return f"{Mentor.objects.count()} mentors, {Mentee.objects.count()} mentees (kept)"
    today = timezone.localdate()
    units = {unit.name_en: unit for unit in Unit.objects.all()}
    programs = {program.name_en: program for program in Program.objects.all()}
    officer = User.objects.get(email="officer@example.org")
    for email, latin, native, school, program, year, gender, capacity, languages, status in MENTORS:
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(
                email, full_name=latin, full_name_native=native, preferred_language="fa"
            )
            person.password = demo.demo_password_hash()
            person.save()
            EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        mentor = Mentor.objects.create(
            user=person,
            unit=units[school],
            program=programs.get(program) if program else None,
            year_of_study=year,
            gender=gender,
            capacity=capacity,
            availability="Weekday afternoons; Thursdays",
            bio="I grew up in Kermanshah and know the hospitals and the city well.",
            trained_on=today - timedelta(days=60) if status == "approved" else None,
        )
        for code, level in languages:
            MentorLanguage.objects.create(mentor=mentor, language=code, level=level)
        workflow.created(mentor, by=person, at=timezone.now() - timedelta(days=90))
        if status == "approved":  # approval gives the mentor role and tells the student
            workflow.move(mentor, "approve", by=officer, at=timezone.now() - timedelta(days=80))
    for application in Application.objects.filter(stage="enrolled").select_related("program"):
        Mentee.objects.create(
            user=application.applicant,
            application=application,
            name=application.name_latin,
            email=application.applicant.email,
            program=application.program,
            unit=application.program.unit,
            gender=application.sex or "male",
            languages=sorted({"en", LANGUAGE_BY_COUNTRY.get(application.nationality.code, "en")}),
            arrival_date=today - timedelta(days=40),
            needs=["housing", "residence"],
        )
    for name, school, program, gender, preference, languages, needs in EXTRA_MENTEES:
        Mentee.objects.create(
            name=name,
            unit=units[school],
            program=programs.get(program) if program else None,
            gender=gender,
            gender_preference=preference,
            languages=languages,
            needs=needs,
            arrival_date=today - timedelta(days=10),
        )
    proposals = services.propose_matches(by=officer)
    for n, pairing in enumerate(proposals[:-2]):  # two stay proposed, for the office to review
        moment = timezone.now() - timedelta(days=50 + n)
        workflow.move(pairing, "confirm", by=officer, at=moment)
        # The confirmation was recorded today; it happened on the history row's date.
        Pairing.objects.filter(pk=pairing.pk).update(confirmed_at=moment)
    for n, pairing in enumerate(Pairing.objects.filter(status="active").order_by("pk")):
        if n % 3 == 2:
            continue  # no meeting yet: the check-in reminder will fire
        meeting = Meeting.objects.create(
            pairing=pairing,
            date=today - timedelta(days=20 + n),
            minutes=45,
            topics="Campus tour; registration at the education office; bank account.",
            follow_up="Go together to the police office for the residence permit.",
        )
        if n % 2 == 0:
            Issue.objects.create(
                pairing=pairing,
                meeting=meeting,
                category="housing" if n % 4 == 0 else "residence",
                description="The dormitory has no free room before next month.",
                escalated_at=timezone.now() - timedelta(days=15) if n % 4 == 0 else None,
            )
        if pairing.mentee.user_id:
            Feedback.objects.create(pairing=pairing, rating=4 + n % 2, comment="Very helpful.")
    return (
        f"{Mentor.objects.count()} mentors, {Mentee.objects.count()} mentees, "
        f"{Pairing.objects.filter(status='active').count()} pairs, "
        f"{Meeting.objects.count()} meetings"
    )
