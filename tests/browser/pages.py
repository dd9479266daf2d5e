"""The pages every accessibility (axe-core) and HTML (W3C) check visits.

Adding a page to the checks is one line here: its path (with {lang}) and who can see it.
"""

from dataclasses import dataclass

from django.conf import settings

from intlaffairs.roles import Role

ANONYMOUS = None
EVERY_ROLE = tuple(Role.values)
# Every interface language, Arabic included, for every role that sees a page.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class CheckedPage:
    name: str
    path: str  # "{lang}" is replaced by fa, en, ckb, ar; "{agreement}" etc. by sample objects' ids
    roles: tuple[str | None, ...]

    def url(self, language: str, samples: dict | None = None) -> str:
        ids = {name: getattr(obj, "pk", obj) for name, obj in (samples or {}).items()}
        return self.path.format(lang=language, **ids)


CHECKED_PAGES = [
    CheckedPage("home", "/{lang}/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("login", "/{lang}/accounts/login/", (ANONYMOUS,)),
    CheckedPage("password-reset", "/{lang}/accounts/password/reset/", (ANONYMOUS,)),
    CheckedPage("signup", "/{lang}/accounts/signup/", (ANONYMOUS,)),
    CheckedPage("not-found", "/{lang}/no-such-page/", (ANONYMOUS,)),
    CheckedPage("upload-too-large", "/{lang}/upload-too-large/", (ANONYMOUS,)),
    CheckedPage("dashboard", "/{lang}/dashboard/", EVERY_ROLE),
    CheckedPage("search", "/{lang}/search/?q=a", (Role.OFFICER, Role.FACULTY)),
    CheckedPage("search-empty", "/{lang}/search/", (Role.FACULTY,)),
    CheckedPage("calendar", "/{lang}/calendar/", (Role.OFFICER, Role.APPLICANT)),
    CheckedPage("change-password", "/{lang}/accounts/password/change/", (Role.OFFICER,)),
    CheckedPage("email-addresses", "/{lang}/accounts/email/", (Role.APPLICANT,)),
    # Two-step verification: staff have an app (tests/factories.py), others none. (The sample
    # applicant has an unconfirmed address once the e-mail page is visited: allauth refuses.)
    CheckedPage("mfa", "/{lang}/accounts/2fa/", (Role.OFFICER, Role.APPLICANT)),
    CheckedPage("mfa-activate", "/{lang}/accounts/2fa/totp/activate/", (Role.FACULTY,)),
    CheckedPage("mfa-deactivate", "/{lang}/accounts/2fa/totp/deactivate/", (Role.OFFICER,)),
    CheckedPage("mfa-confirm", "/{lang}/accounts/2fa/reauthenticate/", (Role.OFFICER,)),
    CheckedPage("recovery-codes", "/{lang}/accounts/2fa/recovery-codes/", (Role.OFFICER,)),
    CheckedPage(
        "recovery-codes-new", "/{lang}/accounts/2fa/recovery-codes/generate/", (Role.OFFICER,)
    ),
    CheckedPage("agreements", "/{lang}/agreements/", (Role.OFFICER, Role.MANAGER, Role.FACULTY)),
    CheckedPage("agreement", "/{lang}/agreements/{agreement}/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("agreement-new", "/{lang}/agreements/new/", (Role.OFFICER, Role.FACULTY)),
    CheckedPage("agreement-edit", "/{lang}/agreements/{agreement}/edit/", (Role.OFFICER,)),
    # a workflow step's own page: its form for the manager, the reason it is not theirs for
    # the officer
    CheckedPage(
        "workflow-step",
        "/{lang}/move/agreements.agreement/{agreement}/terminate/",
        (Role.OFFICER, Role.MANAGER),
    ),
    CheckedPage("agreement-import", "/{lang}/agreements/import/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("institution-import", "/{lang}/agreements/institutions/import/", (Role.OFFICER,)),
    CheckedPage("agreement-new-signed", "/{lang}/agreements/new/signed/", (Role.MANAGER,)),
    CheckedPage("institutions", "/{lang}/agreements/institutions/", (Role.OFFICER,)),
    CheckedPage("institution", "/{lang}/agreements/institutions/{institution}/", (Role.OFFICER,)),
    CheckedPage("institution-new", "/{lang}/agreements/institutions/new/", (Role.OFFICER,)),
    CheckedPage("reports", "/{lang}/reports/", (Role.MANAGER, Role.ADMINISTRATOR)),
    CheckedPage("report-ready", "/{lang}/reports/{report}/", (Role.MANAGER,)),
    CheckedPage("report-queued", "/{lang}/reports/{queued_report}/", (Role.MANAGER,)),
    CheckedPage("outbox", "/{lang}/outbox/", (Role.MANAGER, Role.ADMINISTRATOR)),
    CheckedPage("projects", "/{lang}/research/", (Role.OFFICER, Role.FACULTY)),
    CheckedPage("project", "/{lang}/research/{project}/", (Role.OFFICER,)),
    CheckedPage("project-new", "/{lang}/research/new/", (Role.OFFICER,)),
    CheckedPage("grants", "/{lang}/research/grants/", (Role.OFFICER,)),
    CheckedPage("grant-new", "/{lang}/research/grants/new/", (Role.OFFICER,)),
    CheckedPage("scientists", "/{lang}/research/scientists/", (Role.OFFICER,)),
    CheckedPage("scientist", "/{lang}/research/scientists/{scientist}/", (Role.OFFICER,)),
    CheckedPage("alumni", "/{lang}/research/alumni/", (Role.OFFICER,)),
    CheckedPage("alumni-import", "/{lang}/research/alumni/import/", (Role.OFFICER,)),
    CheckedPage("scientist-import", "/{lang}/research/scientists/import/", (Role.OFFICER,)),
    CheckedPage("certificates", "/{lang}/incentives/certificates/", (Role.OFFICER, Role.FACULTY)),
    CheckedPage(
        "certificate-new", "/{lang}/incentives/certificates/new/", (Role.OFFICER, Role.FACULTY)
    ),
    CheckedPage("certificate", "/{lang}/incentives/certificates/{certificate}/", (Role.OFFICER,)),
    CheckedPage("claims", "/{lang}/incentives/claims/", (Role.OFFICER, Role.MANAGER, Role.FACULTY)),
    CheckedPage("claim-new", "/{lang}/incentives/claims/new/", (Role.FACULTY,)),
    CheckedPage("claim", "/{lang}/incentives/claims/{claim}/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("policy", "/{lang}/incentives/claims/policy/", (Role.MANAGER,)),
    CheckedPage("points", "/{lang}/incentives/points/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("points-statement", "/{lang}/incentives/points/{officer}/1405/", (Role.MANAGER,)),
    CheckedPage("weights", "/{lang}/incentives/points/weights/", (Role.MANAGER,)),
    CheckedPage("programs", "/{lang}/students/programs/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("program", "/{lang}/students/programs/{program}/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("my-applications", "/{lang}/students/my/", (Role.APPLICANT,)),
    CheckedPage("step-person", "/{lang}/students/my/{draft}/step/1/", (Role.APPLICANT,)),
    CheckedPage("step-contact", "/{lang}/students/my/{draft}/step/2/", (Role.APPLICANT,)),
    CheckedPage("step-education", "/{lang}/students/my/{draft}/step/3/", (Role.APPLICANT,)),
    CheckedPage("step-program", "/{lang}/students/my/{draft}/step/4/", (Role.APPLICANT,)),
    CheckedPage("step-documents", "/{lang}/students/my/{draft}/documents/", (Role.APPLICANT,)),
    CheckedPage("step-review", "/{lang}/students/my/{draft}/", (Role.APPLICANT,)),
    CheckedPage("application-status", "/{lang}/students/my/{admitted}/", (Role.APPLICANT,)),
    CheckedPage(
        "offer-decline",
        "/{lang}/move/students.application/{admitted}/decline_offer/",
        (Role.APPLICANT,),
    ),
    CheckedPage("enrolled-status", "/{lang}/students/my/{enrolled}/", (Role.APPLICANT,)),
    CheckedPage("applications", "/{lang}/students/applications/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("desk", "/{lang}/desk/", (Role.OFFICER, Role.MANAGER, Role.APPLICANT)),
    # A queue's list, narrowed by the desk's link, sorted by a header.
    CheckedPage(
        "decisions-queue",
        "/{lang}/students/applications/?waiting=students.decisions&sort=-since",
        (Role.MANAGER,),
    ),
    CheckedPage(
        "claims-queue",
        "/{lang}/incentives/claims/?waiting=incentives.claims_to_verify",
        (Role.OFFICER,),
    ),
    CheckedPage(
        "application",
        "/{lang}/students/applications/{admitted}/",
        (Role.OFFICER, Role.MANAGER),
    ),
    CheckedPage(
        "application-in-review",
        "/{lang}/students/applications/{in_review}/",
        (Role.MANAGER,),
    ),
    CheckedPage(
        "application-enrolled", "/{lang}/students/applications/{enrolled}/", (Role.OFFICER,)
    ),
    # The office's interview page, and the same page for a reviewer of the file's unit.
    CheckedPage(
        "interviews",
        "/{lang}/students/applications/{in_review}/interviews/",
        (Role.OFFICER, Role.FACULTY),
    ),
    CheckedPage("interview-choice", "/{lang}/students/my/{interviewing}/", (Role.APPLICANT,)),
    CheckedPage("profile", "/{lang}/profile/", (Role.OFFICER, Role.APPLICANT)),
    CheckedPage("threads", "/{lang}/messages/", (Role.APPLICANT, Role.OFFICER)),
    CheckedPage(
        "threads-unread",
        "/{lang}/messages/?waiting=messages.unread",
        (Role.APPLICANT, Role.OFFICER),
    ),
    CheckedPage(
        "thread-course",
        "/{lang}/messages/exchanges.courseapplication/{course_application}/",
        (Role.APPLICANT, Role.OFFICER),
    ),
    CheckedPage("saved-replies", "/{lang}/messages/replies/", (Role.MANAGER,)),
    CheckedPage("saved-reply-new", "/{lang}/messages/replies/new/", (Role.MANAGER,)),
    CheckedPage(
        "saved-reply-edit", "/{lang}/messages/replies/{saved_reply}/edit/", (Role.MANAGER,)
    ),
    CheckedPage("program-manage", "/{lang}/students/manage/programs/", (Role.OFFICER,)),
    CheckedPage(
        "program-criteria",
        "/{lang}/students/manage/programs/{program}/criteria/",
        (Role.MANAGER,),
    ),
    # The faculty reviewer's list (as the desk's queue opens it) and their review of a file.
    CheckedPage(
        "reviews", "/{lang}/students/reviews/?waiting=students.reviews_due", (Role.FACULTY,)
    ),
    CheckedPage("review", "/{lang}/students/reviews/{faculty_review}/", (Role.FACULTY,)),
    CheckedPage("finance", "/{lang}/students/finance/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage(
        "finance-overdue", "/{lang}/students/finance/?overdue=1&sort=-balance", (Role.OFFICER,)
    ),
    CheckedPage("invoice", "/{lang}/students/invoices/{invoice}/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("fee-schedules", "/{lang}/students/manage/fees/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("fee-schedule-new", "/{lang}/students/manage/fees/new/", (Role.MANAGER,)),
    CheckedPage("program-new", "/{lang}/students/manage/programs/new/", (Role.OFFICER,)),
    CheckedPage("program-import", "/{lang}/students/manage/programs/import/", (Role.OFFICER,)),
    CheckedPage("agents", "/{lang}/students/agents/", (Role.OFFICER,)),
    CheckedPage("agent", "/{lang}/students/agents/{agent}/", (Role.OFFICER,)),
    CheckedPage("agent-new", "/{lang}/students/agents/new/", (Role.OFFICER,)),
    CheckedPage("procedures", "/{lang}/students/procedures/", (Role.OFFICER,)),
    CheckedPage("procedure", "/{lang}/students/procedures/{procedure}/", (Role.OFFICER,)),
    CheckedPage("recognition", "/{lang}/students/recognition/", (Role.OFFICER,)),
    CheckedPage("recognition-issue", "/{lang}/students/recognition/{issue}/", (Role.OFFICER,)),
    CheckedPage("recognition-new", "/{lang}/students/recognition/new/", (Role.OFFICER,)),
    CheckedPage("courses", "/{lang}/exchanges/courses/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("course", "/{lang}/exchanges/courses/{course}/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage(
        "course-apply", "/{lang}/exchanges/courses/{fresh_course}/apply/", (Role.APPLICANT,)
    ),
    CheckedPage("my-courses", "/{lang}/exchanges/my-courses/", (Role.APPLICANT,)),
    CheckedPage("certificate-verify", "/{lang}/exchanges/certificates/verify/", (ANONYMOUS,)),
    CheckedPage(
        "certificate-verify-found",
        "/{lang}/exchanges/certificates/verify/?code=ABCD-EFGH-JKMN",
        (ANONYMOUS,),
    ),
    CheckedPage("mobilities", "/{lang}/exchanges/mobilities/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("mobility", "/{lang}/exchanges/mobilities/{mobility}/", (Role.OFFICER,)),
    CheckedPage("mobility-new", "/{lang}/exchanges/mobilities/new/", (Role.OFFICER,)),
    CheckedPage("course-manage", "/{lang}/exchanges/courses/manage/", (Role.OFFICER,)),
    CheckedPage(
        "course-applications", "/{lang}/exchanges/courses/{course}/applications/", (Role.OFFICER,)
    ),
    CheckedPage("course-new", "/{lang}/exchanges/courses/new/", (Role.OFFICER,)),
    CheckedPage("delegations", "/{lang}/exchanges/delegations/", (Role.OFFICER,)),
    CheckedPage("delegation", "/{lang}/exchanges/delegations/{delegation}/", (Role.OFFICER,)),
    CheckedPage("delegation-new", "/{lang}/exchanges/delegations/new/", (Role.OFFICER,)),
    CheckedPage("become-mentor", "/{lang}/mentoring/become-a-mentor/", (Role.APPLICANT,)),
    CheckedPage("mentor-applied", "/{lang}/mentoring/become-a-mentor/", (Role.MENTOR,)),
    CheckedPage("pairs", "/{lang}/mentoring/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("proposals", "/{lang}/mentoring/proposals/", (Role.OFFICER,)),
    CheckedPage("mentors", "/{lang}/mentoring/mentors/", (Role.OFFICER,)),
    CheckedPage("mentor", "/{lang}/mentoring/mentors/{mentor}/", (Role.OFFICER,)),
    CheckedPage("mentees", "/{lang}/mentoring/mentees/", (Role.OFFICER,)),
    CheckedPage("mentee", "/{lang}/mentoring/mentees/{mentee}/", (Role.OFFICER,)),
    CheckedPage("mentee-new", "/{lang}/mentoring/mentees/new/", (Role.OFFICER,)),
    CheckedPage("mentoring-issues", "/{lang}/mentoring/issues/", (Role.OFFICER,)),
    CheckedPage("pairing", "/{lang}/mentoring/pairs/{pairing}/", (Role.OFFICER, Role.MENTOR)),
    CheckedPage("my-mentees", "/{lang}/mentoring/my-mentees/", (Role.MENTOR,)),
    CheckedPage("my-mentor", "/{lang}/mentoring/my-mentor/", (Role.APPLICANT,)),
    CheckedPage("survey", "/{lang}/mentoring/surveys/{survey}/", (Role.MENTOR,)),
    CheckedPage("strategy", "/{lang}/strategy/", (Role.MANAGER, Role.OFFICER)),
    CheckedPage("goal", "/{lang}/strategy/goals/{goal}/", (Role.OFFICER,)),
    CheckedPage("plan-actions", "/{lang}/strategy/actions/?overdue=1", (Role.MANAGER,)),
    CheckedPage("plans", "/{lang}/strategy/plans/", (Role.OFFICER,)),
    CheckedPage("plan-new", "/{lang}/strategy/plans/new/", (Role.OFFICER,)),
    CheckedPage("target-countries", "/{lang}/strategy/countries/", (Role.OFFICER,)),
    CheckedPage("centers", "/{lang}/strategy/centers/", (Role.OFFICER,)),
    CheckedPage("center-new", "/{lang}/strategy/centers/new/", (Role.OFFICER,)),
    CheckedPage("materials", "/{lang}/strategy/materials/", (Role.OFFICER,)),
    CheckedPage("web-checklist", "/{lang}/strategy/web/", (Role.OFFICER,)),
    CheckedPage("practices", "/{lang}/strategy/practices/", (Role.OFFICER,)),
    # The public site (website): the office's pages, news and events, the contact form, and
    # the office's pages to write them.
    CheckedPage(
        "site-page", "/{lang}/pages/{site_page}/", (ANONYMOUS, Role.APPLICANT, Role.OFFICER)
    ),
    CheckedPage("news", "/{lang}/news/", (ANONYMOUS, Role.APPLICANT, Role.OFFICER)),
    CheckedPage("news-item", "/{lang}/news/{site_news}/", (ANONYMOUS, Role.OFFICER)),
    CheckedPage("event", "/{lang}/news/{site_event}/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("contact", "/{lang}/contact/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("site-manage", "/{lang}/site/", (Role.OFFICER,)),
    CheckedPage("site-page-new", "/{lang}/site/pages/new/", (Role.OFFICER,)),
    CheckedPage("site-page-edit", "/{lang}/site/pages/{site_page_pk}/edit/", (Role.OFFICER,)),
    CheckedPage("site-post-new", "/{lang}/site/news/new/", (Role.OFFICER,)),
    CheckedPage("site-inquiries", "/{lang}/site/contact/", (Role.OFFICER,)),
    CheckedPage("site-inquiry", "/{lang}/messages/website.inquiry/{inquiry}/", (Role.OFFICER,)),
    CheckedPage("boards", "/{lang}/strategy/boards/", (Role.OFFICER,)),
    CheckedPage("board", "/{lang}/strategy/boards/{unit}/", (Role.OFFICER,)),
    CheckedPage("verify", "/{lang}/verify/", (ANONYMOUS,)),
    CheckedPage("verify-valid", "/{lang}/verify/{letter_code}/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("verify-revoked", "/{lang}/verify/{revoked_code}/", (ANONYMOUS,)),
    CheckedPage("documents", "/{lang}/documents/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("document", "/{lang}/documents/{letter}/", (Role.OFFICER, Role.MANAGER)),
    CheckedPage("document-revoked", "/{lang}/documents/{revoked_document}/", (Role.MANAGER,)),
    CheckedPage("letterhead", "/{lang}/documents/letterhead/", (Role.MANAGER,)),
]


def audiences() -> list[str | None]:
    """Every audience some checked page is shown to, anonymous first."""
    seen: list[str | None] = []
    for page in CHECKED_PAGES:
        for role in page.roles:
            if role not in seen:
                seen.append(role)
    return sorted(seen, key=lambda role: (role is not None, role or ""))


def sample_content(officer) -> dict:
    """Realistic objects for the pages to show: a filled page can hide errors an empty one can't."""
    from datetime import date

    from agreements.models import Agreement, Contact, Institution, Quota, Scope
    from intlaffairs import workflow

    institution = Institution.objects.create(
        name_fa="دانشگاه سلیمانیه",
        name_en="University of Sulaimani",
        name_ckb="زانکۆی سلێمانی",
        country="IQ",
        city="Sulaymaniyah",
        website="https://univsul.edu.iq",
    )
    Contact.objects.create(
        institution=institution, name="Dr. Karwan Ali", position="Director", email="k@example.org"
    )
    agreement = Agreement.objects.create(
        title_fa="تفاهم‌نامهٔ تبادل دانشجو با دانشگاه سلیمانیه",
        title_en="Student exchange MoU with the University of Sulaimani",
        title_ckb="یاداشتی تێگەیشتن بۆ ئاڵوگۆڕی خوێندکار لەگەڵ زانکۆی سلێمانی",
        type="student_exchange",
        signed_on=date(2026, 3, 1),
        starts_on=date(2026, 3, 1),
        ends_on=date(2027, 2, 28),
        owner=officer,
        signatories="Dr. A, President\nDr. B, Rector",
    )
    agreement.partners.add(institution)
    agreement.scopes.set(Scope.objects.filter(code__in=["education", "student_mobility"]))
    agreement = workflow.move(agreement, "negotiate", by=officer)
    Quota.objects.create(
        agreement=agreement, academic_year=1405, direction="students_in", people=3, duration=6
    )
    from intlaffairs.models import ReportRequest

    ready = ReportRequest.objects.create(
        kind="agreements", language="fa", requested_by=officer, status="done", pages=4
    )
    queued = ReportRequest.objects.create(
        kind="agreements", language="en", requested_by=officer, progress=35
    )
    from intlaffairs.models import OutgoingMail
    from research.models import Alumnus, Engagement, Grant, Output, Project, Scientist

    project = Project.objects.create(
        title_fa="مرکز مشترک پژوهش تروما",
        title_en="Joint centre for trauma research",
        title_ckb="سەنتەری هاوبەشی توێژینەوەی برین",
        kind="joint_center",
        status="running",
        agreement=agreement,
        amount=95000,
        currency="USD",
        funding_source="WHO EMRO",
    )
    project.partners.add(institution)
    Output.objects.create(
        project=project, kind="publication", title="Trauma registry", doi="10.5555/x.1"
    )
    Grant.objects.create(
        funder="WHO EMRO",
        title="Trauma registry",
        project=project,
        applied_on=date(2026, 2, 1),
        amount_requested=95000,
        currency="USD",
    )
    scientist = Scientist.objects.create(
        name_latin="Dr. Leila Rahimi",
        name_native="دکتر لیلا رحیمی",
        country="DE",
        field="Epidemiology",
        link="coauthor",
        consent_to_contact=True,
        consent_given_on=date(2026, 1, 10),
        email="leila@example.org",
    )
    Engagement.objects.create(scientist=scientist, kind="lecture", date=date(2026, 5, 1))
    Alumnus.objects.create(
        name_latin="Ahmed Hassan Ali",
        name_native="أحمد حسن علي",
        country="IQ",
        program="Doctor of Medicine (MD)",
        graduated_in=1401,
    )

    OutgoingMail.objects.create(
        to="gone@example.org",
        subject="یادآوری تمدید",
        body_text="-",
        language="fa",
        status="failed",
        last_error="SMTPRecipientsRefused: 550",
    )
    from django.core.files.base import ContentFile

    from incentives.models import Certificate, Profile
    from intlaffairs.models import Unit

    unit = Unit.objects.create(
        name_fa="دانشکدهٔ پزشکی", name_en="School of Medicine", name_ckb="کۆلێژی پزیشکی"
    )
    Profile.objects.create(user=officer, unit=unit, rank="none", kind="staff")
    certificate = Certificate(
        person=officer, test="ielts_academic", overall=7, listening=7.5, taken_on=date(2026, 4, 1)
    )
    certificate.file.save("scan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    from incentives.models import Claim

    claim = Claim(claimant=officer, certificate=certificate, exam_fee=5_000_000)
    claim.receipt.save("receipt.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    students = students_content(officer, unit)
    return {
        **students,
        **review_content(unit, students["program"], students["in_review"]),
        **documents_content(officer, students["admitted"]),
        **exchanges_content(officer, unit, institution, agreement, students["as_applicant"]),
        **mentoring_content(unit, students["program"], students["as_applicant"]),
        **strategy_content(officer, unit, institution),
        **website_content(),
        "officer": officer,
        "claim": claim,
        "certificate": certificate,
        "project": project,
        "scientist": scientist,
        "agreement": agreement,
        "institution": institution,
        "report": ready,
        "queued_report": queued,
    }


def review_content(unit, program, in_review) -> dict:
    """A faculty reviewer of the unit (`as_faculty_member`) with a file referred to them and a
    review submitted on the application waiting for the manager's decision."""
    from datetime import timedelta

    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from intlaffairs.models import User
    from students.models import (
        Application,
        Document,
        DocumentType,
        FacultyReview,
        ReviewCriterion,
        ReviewScore,
        UnitReviewer,
    )

    person = User.objects.create_user(
        "kaveh.moradi@example.org", full_name="Dr. Kaveh Moradi", full_name_native="دکتر کاوه مرادی"
    )
    person.groups.add(Group.objects.get_or_create(name="faculty_member")[0])
    UnitReviewer.objects.create(unit=unit, user=person)
    criteria = [
        ReviewCriterion.objects.create(
            program=program, name_en=en, name_fa=fa, name_ckb=ckb, order=order
        )
        for order, (en, fa, ckb) in enumerate(
            (
                ("Academic record", "سابقهٔ تحصیلی", "پێشینەی خوێندن"),
                ("Research experience", "تجربهٔ پژوهشی", "ئەزموونی توێژینەوە"),
            ),
            start=1,
        )
    ]
    referred = Application.objects.create(
        applicant=User.objects.create_user("lina@example.org", full_name="Lina Khoury"),
        program=program,
        reference="KUMS-1405-00009",
        stage="faculty_review",
        submitted_at=timezone.now() - timedelta(days=20),
        given_name="Lina",
        family_name="Khoury",
        native_name="لينا خوري",
        nationality="SY",
        statement="I wish to study the epidemiology of chronic disease.",
    )
    document = Document(
        application=referred,
        type=DocumentType.objects.get(code="passport"),
        kind="pdf",
        original_name="passport.pdf",
        size=9,
        status="verified",
    )
    document.file.save("passport.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    review = FacultyReview.objects.create(
        application=referred, reviewer=person, requested_at=timezone.now() - timedelta(days=9)
    )
    submitted = FacultyReview.objects.create(
        application=in_review,
        reviewer=person,
        status="submitted",
        recommendation="interview",
        comments="Strong methods background; ask about the thesis in the interview.",
        requested_at=timezone.now() - timedelta(days=12),
        submitted_at=timezone.now() - timedelta(days=8),
    )
    for criterion, score in zip(criteria, (4, 3), strict=True):
        ReviewScore.objects.create(review=submitted, criterion=criterion, score=score)
    return {"as_faculty_member": person, "faculty_review": review, "referred": referred}


def documents_content(officer, admitted) -> dict:
    """The admitted applicant's letter, and a revoked points statement: documents of record."""
    from intlaffairs import documents

    letter = documents.document_issue(
        kind="admission_letter", record=admitted, language="en", by=officer
    )
    revoked = documents.document_issue(
        kind="points_statement", record=officer, scope="1404", language="fa", by=officer
    )
    documents.document_revoke(document=revoked, by=officer, reason="صادرشده با سال نادرست")
    return {
        "letter": letter,
        "letter_code": letter.code,
        "revoked_document": revoked,
        "revoked_code": revoked.code,
    }


def students_content(officer, unit) -> dict:
    """A program, an applicant (`as_applicant`) with a draft and an admitted application, one
    application waiting for a manager's decision, an agent, a procedure, a recognition issue."""
    from datetime import date, timedelta

    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from intlaffairs.models import StateChange, User
    from students.models import (
        Agent,
        Application,
        ArrivalItem,
        Document,
        DocumentType,
        Education,
        InterviewSlot,
        MinistryLetter,
        Procedure,
        ProcedureVersion,
        Program,
        RecognitionIssue,
        Review,
    )

    program = Program.objects.create(
        name_fa="کارشناسی ارشد اپیدمیولوژی",
        name_en="Epidemiology (MSc)",
        name_ckb="ماستەری ئێپیدیمۆلۆجی",
        description_en="Two years of epidemiology and biostatistics, taught in English.",
        description_fa="دو سال اپیدمیولوژی و آمار زیستی به زبان انگلیسی.",
        unit=unit,
        degree="msc",
        duration_years=2,
        tuition=4000,
        intake=1405,
        capacity=8,
        deadline=timezone.localdate() + timedelta(days=60),
    )
    # Transactional browser tests flush the tables the data migration filled: make the types.
    types = {
        code: DocumentType.objects.get_or_create(
            code=code, defaults={"name_fa": fa, "name_en": en, "name_ckb": ckb, "is_photo": photo}
        )[0]
        for code, fa, en, ckb, photo in (
            ("passport", "گذرنامه", "Passport", "پاسپۆرت", False),
            ("photo", "عکس", "Photograph", "وێنە", True),
        )
    }
    program.required_documents.set(types.values())
    applicant = User.objects.create_user(
        "zahraa@example.org", full_name="Zahraa Jaber", preferred_language="en"
    )
    applicant.groups.add(Group.objects.get_or_create(name="applicant")[0])
    agent = Agent.objects.create(name="Al-Noor Education Services", country="IQ")
    person = {
        "program": program,
        "given_name": "Zahraa",
        "family_name": "Jaber",
        "native_name": "زهراء جابر",
        "sex": "female",
        "birth_date": date(2003, 4, 2),
        "nationality": "IQ",
        "passport_number": "A1234567",
        "passport_expires_on": date(2030, 1, 1),
        "phone": "+964 770 123 4567",
        "channel": "agent",
        "agent": agent,
    }
    draft = Application.objects.create(applicant=applicant, **person)
    Education.objects.create(
        application=draft,
        institution="University of Baghdad",
        country="IQ",
        qualification="BSc",
        field="Nursing",
        graduated_in=2024,
        grade="3.4/4",
    )
    admitted = Application.objects.create(
        applicant=applicant,
        reference="KUMS-1405-00001",
        stage="admitted",
        submitted_at=timezone.now() - timedelta(days=20),
        request_to_applicant="Accept the offer in the portal.",
        offer_deadline=timezone.localdate() + timedelta(days=12),
        **person,
    )
    enrolled = Application.objects.create(
        applicant=applicant,
        reference="KUMS-1404-00007",
        stage="enrolled",
        submitted_at=timezone.now() - timedelta(days=300),
        registration_code="14041234",
        residence_permit_number="RP880012",
        residence_expires_on=timezone.localdate() + timedelta(days=200),
        **person,
    )
    invoice = _fees(program, admitted, applicant, officer)
    ArrivalItem.objects.bulk_create(
        ArrivalItem(application=enrolled, kind=kind, state=state, date=day, note=note)
        for kind, state, day, note in (
            ("visa_letter", "done", date(2026, 6, 1), ""),
            ("visa", "done", date(2026, 6, 20), ""),
            ("registration", "done", None, ""),
            ("arrival", "done", date(2026, 9, 10), "Flight IA 142 from Baghdad."),
            ("pickup", "not_needed", None, "Her brother met her."),
            ("insurance", "pending", timezone.localdate() + timedelta(days=10), "بیمهٔ تکمیلی"),
        )
    )
    in_review = Application.objects.create(
        applicant=User.objects.create_user("omar@example.org", full_name="Omar Haddad"),
        reference="KUMS-1405-00002",
        stage="interview",
        submitted_at=timezone.now() - timedelta(days=10),
        **{**person, "given_name": "Omar", "family_name": "Haddad", "native_name": "عمر حداد"},
    )
    for application in (draft, admitted, in_review):
        for n, code in enumerate(("passport", "photo")):
            document = Document(
                application=application,
                type=types[code],
                kind="pdf",
                original_name=f"{code}.pdf",
                size=9,
                status=["verified", "rejected"][n] if application != draft else "pending",
                reason="Too dark." if n and application != draft else "",
            )
            document.file.save(f"{code}.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    StateChange.objects.create(
        subject=admitted,
        transition="admit",
        from_state="faculty_review",
        to_state="admitted",
        by=officer,
        note="Welcome to Kermanshah!",
    )
    interviewing = Application.objects.create(
        applicant=applicant,
        reference="KUMS-1405-00003",
        stage="interview",
        submitted_at=timezone.now() - timedelta(days=15),
        **person,
    )
    soon = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=9)
    InterviewSlot.objects.bulk_create(
        [
            InterviewSlot(
                application=interviewing,
                starts_at=soon + timedelta(hours=hours),
                mode=mode,
                link="https://meet.example.org/kums" if mode == "online" else "",
                place="School of Health, room 12" if mode == "in_person" else "",
                panel="Dr. Karimi, Dr. Ahmadi",
            )
            for hours, mode in ((0, "online"), (26, "in_person"))
        ]
    )
    # The office's page: one booked, one offered, one held with its report.
    booked, _offered, held = InterviewSlot.objects.bulk_create(
        InterviewSlot(
            application=in_review,
            starts_at=soon + timedelta(days=days),
            mode="online",
            link="https://meet.example.org/omar",
            panel="Dr. Karimi",
        )
        for days in (0, 1, -12)
    )
    for slot, to_state in ((booked, "booked"), (held, "held")):
        StateChange.objects.create(
            subject=slot, transition="book", from_state="offered", to_state=to_state, by=officer
        )
    InterviewSlot.objects.filter(pk=booked.pk).update(state="booked")
    InterviewSlot.objects.filter(pk=held.pk).update(
        state="held",
        score_knowledge=8,
        score_communication=6,
        score_motivation=9,
        recommendation="conditions",
        report_notes="Strong in statistics; English to improve.",
    )
    from intlaffairs.models import Message, SavedReply

    Message.objects.create(
        subject=admitted, author=applicant, from_office=False, body="When does the term start?"
    )
    answer = Message(
        subject=admitted,
        author=officer,
        from_office=True,
        body="ترم از اول مهر شروع می‌شود؛ برنامه پیوست است.",
        attachment_name="timetable.pdf",
    )
    answer.attachment.save("timetable.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    for language, title in (("en", "Application received"), ("fa", "دریافت درخواست")):
        saved_reply = SavedReply.objects.create(
            title=title, language=language, body="{name}: {reference}, {program}."
        )
    procedure = Procedure.objects.create(
        title_fa="آیین‌نامهٔ پذیرش دانشجویان بین‌الملل",
        title_en="Statute on the admission of international students",
        kind="statute",
        owner=officer,
    )
    version = ProcedureVersion(
        procedure=procedure,
        number=1,
        title="Version 1",
        effective_from=date(2025, 9, 23),
        original_name="v1.pdf",
        uploaded_by=officer,
    )
    version.file.save("v1.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    Review.objects.create(
        procedure=procedure,
        phase="check",
        date=date(2026, 6, 1),
        reviewer=officer,
        findings="بررسی مدارک به‌طور میانگین ۱۹ روز طول کشید.",
    )
    issue = RecognitionIssue.objects.create(
        country="PK",
        issue="The university is missing from the PMDC list of recognised medical schools.",
        since=date(2025, 10, 1),
        status="in_progress",
        actions="Letter to the ministry.",
    )
    letter = MinistryLetter(
        issue=issue,
        direction="sent",
        date=date(2025, 11, 1),
        number="1404/210/د",
        title="درخواست ارسال پروندهٔ اعتباربخشی",
        original_name="letter.pdf",
        uploaded_by=officer,
    )
    letter.file.save("letter.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {
        "saved_reply": saved_reply,
        "as_applicant": applicant,
        "program": program,
        "draft": draft,
        "admitted": admitted,
        "enrolled": enrolled,
        "invoice": invoice,
        "in_review": in_review,
        "interviewing": interviewing,
        "agent": agent,
        "procedure": procedure,
        "issue": issue,
    }


def _fees(program, admitted, applicant, officer):
    """The program's fees; the admitted application's deposit, partly paid, with a transfer
    waiting for the office (the applicant's page shows its upload form)."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from students.models import FeeSchedule, Invoice, Payment, Transfer

    FeeSchedule.objects.create(
        program=program, intake=program.intake, application_fee=50, deposit=1000, tuition=6500
    )
    invoice = Invoice.objects.create(
        application=admitted,
        kind="deposit",
        amount=1000,
        currency="USD",
        paid=400,
        status="partly_paid",
        due_on=timezone.localdate() - timedelta(days=2),
        issued_by=officer,
    )
    Payment.objects.create(invoice=invoice, amount=400, confirmed_by=officer)
    transfer = Transfer(
        invoice=invoice, kind="pdf", original_name="bank.pdf", size=9, uploaded_by=applicant
    )
    transfer.file.save("bank.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return invoice


def exchanges_content(officer, unit, institution, agreement, applicant) -> dict:
    """A mobility over its quota, an open course the applicant applied to, an ended course
    with the applicant's certificate (code ABCDEFGHJKMN), a delegation with an overdue action."""
    from datetime import date, timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from exchanges.models import (
        AttendanceCertificate,
        CourseApplication,
        CourseDocument,
        Delegation,
        FollowUp,
        Member,
        Mobility,
        ShortCourse,
    )
    from intlaffairs.models import Message, TargetCountry

    today = timezone.localdate()
    TargetCountry.objects.get_or_create(country="IQ")
    mobility = Mobility.objects.create(
        person_name="Karwan Aziz",
        person_kind="student",
        direction="incoming",
        kind="student_exchange",
        institution=institution,
        agreement=agreement,
        starts_on=date(2026, 10, 1),
        ends_on=date(2027, 2, 1),
        funding_source="Partner scholarship",
        amount=1500,
        currency="EUR",
        status="ongoing",
    )
    course = ShortCourse.objects.create(
        title_fa="مدرسهٔ تابستانی بیماری‌های عفونی",
        title_en="Summer school in infectious diseases",
        title_ckb="قوتابخانەی هاوینەی نەخۆشییە گوازراوەکان",
        description_en="Two weeks of lectures and ward rounds.",
        eligibility_en="Final-year medical students of non-Iranian universities.",
        kind="summer_school",
        unit=unit,
        starts_on=today + timedelta(days=40),
        ends_on=today + timedelta(days=54),
        deadline=today + timedelta(days=20),
        capacity=20,
        fee=450,
        currency="USD",
    )
    ended = ShortCourse.objects.create(
        title_fa="دورهٔ مشاهده‌ای قلب",
        title_en="Observership in cardiology",
        kind="observership",
        unit=unit,
        starts_on=today - timedelta(days=40),
        ends_on=today - timedelta(days=12),
        deadline=today - timedelta(days=60),
        capacity=2,
    )
    applications = []
    for item, status in ((course, "submitted"), (ended, "accepted")):
        application = CourseApplication.objects.create(
            course=item,
            applicant=applicant,
            name_latin="Zahraa Jaber",
            home_institution="University of Baghdad",
            country="IQ",
            field="Medicine",
            motivation="I want to see how infectious diseases are treated in Kermanshah.",
            status=status,
        )
        document = CourseDocument(
            application=application, title="CV", kind="pdf", original_name="cv.pdf", size=9
        )
        document.file.save("cv.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        applications.append(application)
    Message.objects.create(
        subject=applications[0], author=applicant, from_office=False, body="Is housing included?"
    )
    certificate = AttendanceCertificate.objects.create(
        application=application, issued_by=officer, code="ABCDEFGHJKMN"
    )
    certificate.file_en.save("c-en.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    certificate.file_fa.save("c-fa.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    delegation = Delegation.objects.create(
        title="هیئت دانشگاه سلیمانیه",
        direction="incoming",
        country="IQ",
        purpose="Review the student exchange and plan joint research.",
        agenda="Day 1: meeting with the chancellor",
        starts_on=today - timedelta(days=30),
        ends_on=today - timedelta(days=28),
    )
    delegation.institutions.add(institution)
    delegation.agreements.add(agreement)
    Member.objects.create(delegation=delegation, person=officer, role="coordinator")
    Member.objects.create(
        delegation=delegation, name="Prof. Dana Ali", organization="UoS", role="head"
    )
    FollowUp.objects.create(
        delegation=delegation,
        action="Send the draft agreement",
        owner=officer,
        due_on=today - timedelta(days=3),
    )
    fresh = ShortCourse.objects.create(
        title_fa="فلوشیپ اندودنتیکس",
        title_en="Fellowship in endodontics",
        kind="fellowship",
        unit=unit,
        starts_on=today + timedelta(days=90),
        ends_on=today + timedelta(days=270),
        deadline=today + timedelta(days=60),
        capacity=2,
    )
    return {
        "mobility": mobility,
        "course": course,
        "course_application": applications[0],
        "fresh_course": fresh,
        "delegation": delegation,
    }


def mentoring_content(unit, program, applicant) -> dict:
    """A mentor (`as_student_mentor`) paired with the sample applicant, a meeting with an
    escalated issue, a proposal waiting, and an ended pair with the mentor's survey."""
    from datetime import timedelta

    from django.contrib.auth.models import Group
    from django.utils import timezone

    from intlaffairs.models import User
    from mentoring.models import (
        Feedback,
        Issue,
        Meeting,
        Mentee,
        Mentor,
        MentorLanguage,
        Pairing,
        Survey,
    )

    person = User.objects.create_user(
        "shilan@example.org", full_name="Shilan Azizi", full_name_native="شیلان عزیزی"
    )
    person.groups.add(Group.objects.get_or_create(name="student_mentor")[0])
    mentor = Mentor.objects.create(
        user=person,
        unit=unit,
        program=program,
        year_of_study=4,
        gender="female",
        capacity=3,
        status="approved",
        availability="Weekday afternoons",
        bio="من اهل کرمانشاهم و بیمارستان‌ها را خوب می‌شناسم.",
        trained_on=timezone.localdate() - timedelta(days=30),
    )
    MentorLanguage.objects.create(mentor=mentor, language="ku", level="native")
    MentorLanguage.objects.create(mentor=mentor, language="en", level="good")
    mentee = Mentee.objects.create(
        user=applicant,
        name="Zahraa Jaber",
        email=applicant.email,
        program=program,
        unit=unit,
        gender="female",
        gender_preference="female",
        languages=["ar", "en"],
        needs=["housing", "residence"],
        arrival_date=timezone.localdate() - timedelta(days=20),
    )
    pairing = Pairing.objects.create(
        mentor=mentor,
        mentee=mentee,
        status="active",
        score=91,
        reasons=["program", "school", "language"],
        confirmed_at=timezone.now() - timedelta(days=15),
    )
    meeting = Meeting.objects.create(
        pairing=pairing,
        date=timezone.localdate() - timedelta(days=5),
        minutes=45,
        topics="Campus tour; the education office.",
        follow_up="Police office for the residence permit.",
    )
    Issue.objects.create(
        pairing=pairing,
        meeting=meeting,
        category="housing",
        description="خوابگاه تا ماه بعد اتاق خالی ندارد.",
        escalated_at=timezone.now(),
    )
    Feedback.objects.create(pairing=pairing, rating=5, comment="Very kind and helpful.")
    waiting = Mentee.objects.create(name="Omar Saleh", unit=unit, gender="male", languages=["ar"])
    Pairing.objects.create(mentor=mentor, mentee=waiting, score=36, reasons=["school"])
    former = Mentee.objects.create(name="Elif Kaya", unit=unit, gender="female", languages=["tr"])
    ended = Pairing.objects.create(
        mentor=mentor,
        mentee=former,
        status="ended",
        confirmed_at=timezone.now() - timedelta(days=300),
        ended_at=timezone.now() - timedelta(days=10),
        end_reason="Graduated",
    )
    survey = Survey.objects.create(pairing=ended, side="mentor", respondent=person)
    return {
        "as_student_mentor": person,
        "mentor": mentor,
        "mentee": mentee,
        "pairing": pairing,
        "survey": survey,
    }


def website_content() -> dict:
    """A page of the public site with headings, a list and a link, a news item, an event, and
    a visitor's contact message (a thread without an account)."""
    from datetime import timedelta

    from django.utils import timezone

    from website import services
    from website.models import Page, Post

    page = Page.objects.create(
        slug="why-study-here",
        title_fa="چرا کرمانشاه؟",
        title_en="Why study in Kermanshah",
        title_ckb="بۆچی کرماشان؟",
        body_fa="## دانشگاه\n\n- پزشکی به انگلیسی\n- [برنامه‌ها](/fa/students/programs/)",
        body_en="## The university\n\n- Medicine in English\n- [Programs](/en/students/programs/)",
        body_ckb="## زانکۆ\n\n- پزیشکی بە ئینگلیزی\n- [بەرنامەکان](/ckb/students/programs/)",
        is_published=True,
    )
    today = timezone.localdate()
    news = Post.objects.create(
        slug="admissions-open",
        title_fa="پذیرش آغاز شد",
        title_en="Admissions are open",
        title_ckb="وەرگرتن دەستی پێکرد",
        summary_en="Apply online.",
        is_published=True,
    )
    event = Post.objects.create(
        slug="open-day",
        kind="event",
        title_fa="روز معرفی در اربیل",
        title_en="Open day in Erbil",
        title_ckb="ڕۆژی ناساندن لە هەولێر",
        place_en="Erbil",
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=21),
        is_published=True,
    )
    inquiry = services.inquiry_send(
        name="Zainab Kareem",
        email="zainab@example.org",
        subject="Tuition for dentistry",
        message="How much is the tuition for dentistry?",
        language="en",
        sender=None,
    )
    return {
        "site_page": page.slug,
        "site_page_pk": page.pk,
        "site_news": news.slug,
        "site_event": event.slug,
        "inquiry": inquiry,
    }


def strategy_content(officer, unit, institution) -> dict:
    """The plan (made here if the migration's rows were flushed), a computed and a
    hand-entered indicator with targets, an overdue action, and a row in each register."""
    from datetime import date, timedelta

    from django.utils import timezone

    from strategy import services
    from strategy.models import (
        Action,
        Center,
        Goal,
        Indicator,
        ManualValue,
        Material,
        Plan,
        Practice,
        Review,
        Target,
        WebCheck,
    )

    plan = Plan.current() or Plan.objects.create(
        title_fa="سند بین‌المللی‌سازی", title_en="Internationalization document",
        first_year=1404, last_year=1408,
    )  # fmt: skip
    goal, _created = Goal.objects.get_or_create(
        plan=plan,
        number=2,
        defaults={
            "title_fa": "انعقاد تفاهم‌نامه‌های بیشتر",
            "title_en": "Conclude more agreements",
            "title_ckb": "واژۆکردنی ڕێککەوتنی زیاتر",
        },
    )
    year = services.current_year()
    live = Indicator.objects.filter(goal=goal, source="agreements_new").first()
    if live is None:
        live = Indicator.objects.create(
            goal=goal, source="agreements_new", name_fa="تفاهم‌نامه‌های امضاشده", name_en="Signed"
        )
    Target.objects.get_or_create(indicator=live, year=year, defaults={"value": 4})
    rank = Indicator.objects.create(
        goal=goal, name_fa="رتبهٔ وبومتریک", name_en="Webometrics rank", higher_is_better=False
    )
    Target.objects.create(indicator=rank, year=year, value=3500)
    ManualValue.objects.create(indicator=rank, year=year, value=3650)
    Action.objects.create(
        goal=goal,
        title="امضای تفاهم‌نامه با دانشگاه سلیمانیه",
        owner=officer,
        due_on=timezone.localdate() - timedelta(days=3),
    )
    Review.objects.create(
        goal=goal, year=year, phase="check", date=date(2026, 6, 1), reviewer=officer,
        findings="Behind target.",
    )  # fmt: skip
    Center.objects.create(
        name="KUMS Center Sulaymaniyah", country="IQ", city="Sulaymaniyah", partner=institution,
        status="approved", proposed_on=date(2026, 1, 1), approved_on=date(2026, 5, 1),
    )  # fmt: skip
    Material.objects.create(
        title="International student guide", kind="brochure", languages="en, ar, ckb",
        link="https://example.org/guide.pdf", status="ready",
    )  # fmt: skip
    WebCheck.objects.create(item="Every page in three languages", progress="partial")
    Practice.objects.create(source="Shiraz UMS", lesson="Pay agents per enrolment.", goal=goal)
    return {"goal": goal, "unit": unit}
