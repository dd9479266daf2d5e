"""Every URL of the project declares who may use it; this test holds each URL to its declaration.

It walks the whole URL tree. A pattern without a declared policy fails the test, so a new page
cannot be added without saying who may see it. Patterns with arguments get sample values from
SAMPLE_KWARGS (by URL name) or are built from the objects the test creates.
"""

import math
import time
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from intlaffairs.access import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OWN_ONLY,
    PAGE,
    RECORD_STEP,
    REDIRECT,
    SECRET_ADDRESS,
    policy_for,
)
from intlaffairs.roles import Role

from .exchanges.helpers import course_application, short_course

ROLES = [None, *Role.values]  # None: an anonymous visitor
LANGUAGES = [code for code, _name in settings.LANGUAGES]  # Arabic too, like the other three


def walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield pattern, namespace


def all_patterns():
    return list(walk(get_resolver().url_patterns))


# Which sample object each URL with a `pk` is asked about. A new URL with a pk must be added.
SAMPLE_PK = {
    "agreements:agreement_detail": "agreement",
    "agreements:agreement_edit": "agreement",
    "agreements:agreement_renew": "agreement",
    "agreements:agreement_sheet": "agreement",
    "report_detail": "report",
    "report_progress": "report",
    "report_download": "report",
    "report_retry": "report",
    "agreements:signed_file_upload": "agreement",
    "agreements:quota_add": "agreement",
    "agreements:signed_file_download": "signed_file",
    "agreements:quota_delete": "quota",
    "agreements:institution_detail": "institution",
    "agreements:institution_edit": "institution",
    "agreements:contact_add": "institution",
    "agreements:contact_delete": "contact",
    "research:project_detail": "project",
    "research:project_edit": "project",
    "research:output_add": "project",
    "research:output_delete": "output",
    "research:document_upload": "project",
    "research:document_download": "document",
    "research:grant_edit": "grant",
    "research:scientist_detail": "scientist",
    "research:scientist_edit": "scientist",
    "research:engagement_add": "scientist",
    "research:alumnus_edit": "alumnus",
    "students:program_detail": "program",
    "students:program_apply": "program",
    "students:program_edit": "program",
    "students:my_application": "application",
    "students:application_receipt": "application",
    "students:application_documents": "application",
    "students:application_detail": "application",
    "students:arrival_checklist": "application",
    "students:note_add": "application",
    "students:document_download": "application_document",
    "students:earlier_document_download": "replaced_application_document",
    "students:agent_detail": "agent",
    "students:agent_edit": "agent",
    "students:procedure_detail": "procedure",
    "students:procedure_edit": "procedure",
    "students:version_add": "procedure",
    "students:review_add": "procedure",
    "students:version_download": "procedure_version",
    "students:issue_detail": "recognition_issue",
    "students:issue_edit": "recognition_issue",
    "students:letter_add": "recognition_issue",
    "students:letter_download": "ministry_letter",
    "students:interview_list": "application",
    "students:interview_change": "interview_slot",
    "students:interview_report": "interview_slot",
    "students:program_criteria": "program",
    "students:review_detail": "faculty_review",
    "students:review_conflict": "faculty_review",
    "students:fee_schedule_edit": "fee_schedule",
    "students:invoice_issue": "application",
    "students:invoice_detail": "invoice",
    "students:payment_confirm": "invoice",
    "students:allowance_grant": "invoice",
    "students:transfer_upload": "invoice",
    "students:transfer_download": "transfer",
    "exchanges:mobility_detail": "mobility",
    "exchanges:mobility_edit": "mobility",
    "exchanges:mobility_report": "mobility",
    "exchanges:mobility_report_download": "mobility",
    "exchanges:course_detail": "course",
    "exchanges:course_apply": "course",
    "exchanges:course_edit": "course",
    "exchanges:course_applications": "course",
    "exchanges:course_applicants_export": "course",
    "exchanges:certificates_issue": "course",
    "exchanges:attendance_record": "course_application",
    "exchanges:course_document_download": "course_document",
    "exchanges:delegation_detail": "delegation",
    "exchanges:delegation_edit": "delegation",
    "exchanges:member_add": "delegation",
    "exchanges:follow_up_add": "delegation",
    "exchanges:member_remove": "member",
    "mentoring:proposal_change": "proposal",
    "mentoring:pairing_detail": "pairing",
    "mentoring:meeting_add": "pairing",
    "mentoring:feedback_add": "pairing",
    "mentoring:mentor_detail": "mentor",
    "mentoring:mentor_training": "mentor",
    "mentoring:mentee_detail": "mentee",
    "mentoring:mentee_edit": "mentee",
    "mentoring:issue_resolve": "mentoring_issue",
    "mentoring:issue_escalate": "mentoring_issue",
    "mentoring:survey": "survey",
    "strategy:goal_detail": "goal",
    "strategy:indicator_add": "goal",
    "strategy:figure_set": "goal",
    "strategy:action_add": "goal",
    "strategy:review_add": "goal",
    "strategy:board_edit": "unit",
    "strategy:board_pdf": "unit",
    "strategy:plan_file": "plan",
    "incentives:certificate_detail": "certificate",
    "incentives:certificate_file": "certificate",
    "incentives:claim_detail": "claim",
    "incentives:claim_receipt": "claim",
    "document_detail": "issued_document",
    "document_revoke": "issued_document",
    "document_reissue": "issued_document",
    "document_download": "issued_document",
    "message_attachment": "message",
    "saved_reply_edit": "saved_reply",
    "website:page_edit": "site_page",
    "website:post_edit": "site_post",
}


# URLs with more than a pk: their sample arguments.
def with_end_date(agreement) -> int:
    """The sample agreement's pk, once it has an end date (a date its .ics can hold)."""
    type(agreement).objects.filter(pk=agreement.pk).update(ends_on="2030-01-01")
    return agreement.pk


SAMPLE_KWARGS = {
    "calendar_feed": lambda objects: {"token": "not-a-real-token"},
    "record_calendar": lambda objects: {
        "model": "agreements.agreement",
        "pk": with_end_date(objects["agreement"]),
    },
    "workflow_move": lambda objects: {
        "model": "agreements.agreement",
        "pk": objects["agreement"].pk,
        "transition": "negotiate",
    },
    "workflow_bulk": lambda objects: {"model": "agreements.agreement"},
    "incentives:points_statement": lambda objects: {"pk": objects["user"].pk, "year": 1405},
    "incentives:points_adjust": lambda objects: {"pk": objects["user"].pk, "year": 1405},
    "incentives:points_statement_pdf": lambda objects: {"pk": objects["user"].pk, "year": 1405},
    "research:person_remove": lambda objects: {"kind": "scientist", "pk": objects["scientist"].pk},
    "students:application_by_reference": lambda objects: {
        "reference": objects["application"].reference
    },
    "exchanges:certificate_download": lambda objects: {
        "pk": objects["certificate_of_attendance"].pk,
        "language": "en",
    },
    "thread": lambda objects: {"model": "students.application", "pk": objects["application"].pk},
    "thread_reply_text": lambda objects: {
        "model": "students.application",
        "pk": objects["application"].pk,
    },
    "website:page": lambda objects: {"slug": objects["site_page"].slug},
    "website:post": lambda objects: {"slug": objects["site_post"].slug},
    "strategy:register": lambda objects: {"kind": "centers"},
    "strategy:register_create": lambda objects: {"kind": "centers"},
    "strategy:register_edit": lambda objects: {"kind": "centers", "pk": objects["center"].pk},
    "students:application_step": lambda objects: {"pk": objects["application"].pk, "step": 1},
    "document_verify_code": lambda objects: {"code": objects["issued_document"].code},
    "students:application_letter": lambda objects: {
        "pk": objects["application"].pk,
        "kind": "admission_letter",
    },
}


def admin_samples() -> dict:
    """One existing object of every model the admin shows, by "<app>_<model>" (None if none)."""
    from django.contrib import admin

    return {
        f"{model._meta.app_label}_{model._meta.model_name}": model._default_manager.order_by(
            "pk"
        ).first()
        for model in admin.site._registry
    }


def sample_objects(administrator) -> dict:
    """One object of each kind, belonging to nobody in particular (so scoped roles get 404)."""
    from django.core.files.base import ContentFile

    from agreements.models import Agreement, Contact, Institution, Quota, SignedFile
    from intlaffairs.models import OutgoingMail, ReportRequest

    institution = Institution.objects.create(name_fa="دانشگاه", name_en="University", country="IQ")
    agreement = Agreement.objects.create(title_fa="تفاهم‌نامه", title_en="MoU", type="mou")
    agreement.partners.add(institution)
    signed_file = SignedFile(
        agreement=agreement,
        title="copy",
        original_name="copy.pdf",
        size=9,
        uploaded_by=administrator,
    )
    signed_file.file.save("copy.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    from research.models import (
        Alumnus,
        Grant,
        Output,
        Project,
        ProjectDocument,
        Removal,
        Scientist,
    )

    project = Project.objects.create(title_fa="پروژه", title_en="Project", kind="joint_project")
    research_samples = {
        "project": project,
        "output": Output.objects.create(project=project, kind="publication", title="Paper"),
        "document": ProjectDocument.objects.create(
            project=project,
            title="Contract",
            file=ContentFile(b"%PDF-1.4\n", name="contract.pdf"),
            original_name="contract.pdf",
            uploaded_by=administrator,
        ),
        "grant": Grant.objects.create(
            funder="Funder", title="Grant", applied_on="2026-01-01", amount_requested=1000
        ),
        "scientist": Scientist.objects.create(
            name_latin="Dr. Sample", country="DE", field="Virology", link="coauthor"
        ),
        "alumnus": Alumnus.objects.create(
            name_latin="Graduate", country="IQ", program="MD", graduated_in=1402
        ),
    }
    group = Group.objects.get_or_create(name=Role.OFFICER)[0]
    report = ReportRequest.objects.create(
        kind="agreements", language="fa", requested_by=administrator, status="done", pages=1
    )
    report.file.save("sample.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    OutgoingMail.objects.create(to="x@example.org", subject="s", body_text="b", language="en")
    from incentives.models import Certificate, Profile
    from intlaffairs.models import Unit

    unit = Unit.objects.create(name_fa="دانشکدهٔ پزشکی", name_en="School of Medicine")
    Profile.objects.create(user=administrator, unit=unit, rank="none", kind="staff")
    certificate = Certificate(
        person=administrator, test="ielts_academic", overall=7, taken_on="2026-01-01"
    )
    certificate.file.save("c.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    from incentives.models import Claim

    claim = Claim(claimant=administrator, course_fee=1000)
    claim.receipt.save("r.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    Removal.objects.create(
        kind="scientist", reference="scientist #0", reason="asked", removed_by=administrator
    )
    from intlaffairs.models import IssuedDocument, Letterhead

    Letterhead.objects.create(signatory_name="Sample Signatory")  # the one letterhead
    issued_document = IssuedDocument(
        kind="points_statement",
        number="PPS-1405-0001",
        year=1405,
        sequence=1,
        content_type=ContentType.objects.get_for_model(administrator),
        object_id=administrator.pk,
        holder_name="Sample Holder",
        language="en",
        issued_by=administrator,
        code="ABCDEFGHJK",
    )
    issued_document.file.save("statement.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {
        "issued_document": issued_document,
        **research_samples,
        **students_samples(administrator, unit),
        **exchanges_samples(administrator, unit, institution),
        **mentoring_samples(unit),
        **strategy_samples(administrator, unit),
        **website_samples(),
        "certificate": certificate,
        "claim": claim,
        "report": report,
        "admin_objects": admin_samples(),
        "user": administrator,
        "group": group,
        "user_content_type": ContentType.objects.get_for_model(administrator).pk,
        "institution": institution,
        "agreement": agreement,
        "signed_file": signed_file,
        "quota": Quota.objects.create(
            agreement=agreement, academic_year=1405, direction="students_in", people=2, duration=6
        ),
        "contact": Contact.objects.create(institution=institution, name="Dr. Sample"),
    }


def students_samples(administrator, unit) -> dict:
    """A published program and a submitted application that is nobody's (applicants get 404),
    with an interview time offered."""
    from datetime import UTC, date, datetime

    from django.core.files.base import ContentFile

    from students.models import (
        Agent,
        Application,
        Document,
        DocumentType,
        MinistryLetter,
        Procedure,
        ProcedureVersion,
        Program,
        RecognitionIssue,
    )

    program = Program.objects.create(
        name_fa="پزشکی",
        name_en="Medicine",
        unit=unit,
        degree="md",
        duration_years=7,
        tuition=6000,
        intake=1405,
        capacity=10,
        deadline=date(2099, 1, 1),
    )
    application = Application.objects.create(
        applicant=administrator, program=program, stage="submitted", reference="KUMS-1405-00001"
    )
    document = Document(
        application=application,
        type=DocumentType.objects.get(code="passport"),
        kind="pdf",
        original_name="passport.pdf",
        size=9,
    )
    document.file.save("passport.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    replaced = Document(
        application=application,
        type=DocumentType.objects.get(code="passport"),
        kind="pdf",
        original_name="old-passport.pdf",
        size=9,
        replaced=True,
    )
    replaced.file.save("old-passport.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    procedure = Procedure.objects.create(title_fa="آیین‌نامه", title_en="Statute", kind="statute")
    version = ProcedureVersion(
        procedure=procedure,
        number=1,
        title="v1",
        effective_from=date(2026, 1, 1),
        original_name="v1.pdf",
        uploaded_by=administrator,
    )
    version.file.save("v1.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    issue = RecognitionIssue.objects.create(
        country="PK", issue="Not listed", since=date(2025, 1, 1)
    )
    letter = MinistryLetter(
        issue=issue,
        direction="sent",
        date=date(2026, 1, 1),
        number="1/2",
        title="Request",
        original_name="l.pdf",
        uploaded_by=administrator,
    )
    letter.file.save("l.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    from intlaffairs.models import Message, SavedReply
    from students.models import FacultyReview

    from .factories import UserFactory

    # A review asked of a faculty member nobody signs in as (faculty members get 404).
    faculty_review = FacultyReview.objects.create(
        application=application, reviewer=UserFactory(role=Role.FACULTY)
    )
    from students.models import FeeSchedule, Invoice, Transfer

    fee_schedule = FeeSchedule.objects.create(program=program, intake=1405, tuition=6000)
    invoice = Invoice.objects.create(
        application=application,
        kind="application_fee",
        amount=100,
        currency="USD",
        due_on=date(2099, 1, 1),
    )
    transfer = Transfer(
        invoice=invoice, kind="pdf", original_name="bank.pdf", size=9, uploaded_by=administrator
    )
    transfer.file.save("bank.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    message = Message(subject=application, author=administrator, from_office=False, body="Hi")
    message.attachment.save("m.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    from students.models import InterviewSlot

    interview_slot = InterviewSlot.objects.create(
        application=application,
        starts_at=datetime(2099, 1, 1, 10, 0, tzinfo=UTC),
        mode="online",
        link="https://meet.example.org/sample",
        panel="Dr. Sample",
    )
    return {
        "interview_slot": interview_slot,
        "message": message,
        "saved_reply": SavedReply.objects.create(title="Thanks", body="Thank you.", language="en"),
        "program": program,
        "application": application,
        "faculty_review": faculty_review,
        "application_document": document,
        "replaced_application_document": replaced,
        "agent": Agent.objects.create(name="Agency", country="IQ"),
        "procedure": procedure,
        "procedure_version": version,
        "recognition_issue": issue,
        "ministry_letter": letter,
        "fee_schedule": fee_schedule,
        "invoice": invoice,
        "transfer": transfer,
    }


def exchanges_samples(administrator, unit, institution) -> dict:
    """A mobility with a report, a published course with an application that is nobody's (the
    administrator's), a certificate with its files, a delegation with a member and an action."""
    from datetime import date

    from django.core.files.base import ContentFile

    from exchanges.models import (
        AttendanceCertificate,
        CourseDocument,
        Delegation,
        FollowUp,
        Member,
        Mobility,
    )

    mobility = Mobility.objects.create(
        person_name="Sara",
        person_kind="student",
        direction="outgoing",
        kind="student_exchange",
        institution=institution,
        starts_on=date(2026, 10, 1),
        ends_on=date(2027, 1, 1),
        status="report_received",
        report_name="r.pdf",
    )
    mobility.report.save("r.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    course = short_course(
        unit=unit,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 1, 10),
        deadline=date(2099, 1, 1),
        capacity=5,
    )
    application = course_application(course, administrator, name_latin="A", home_institution="U")
    document = CourseDocument(
        application=application, title="CV", kind="pdf", original_name="cv.pdf", size=9
    )
    document.file.save("cv.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    certificate = AttendanceCertificate.objects.create(
        application=application, issued_by=administrator
    )
    certificate.file_en.save("c-en.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    delegation = Delegation.objects.create(
        title="Visit",
        direction="incoming",
        country="IQ",
        purpose="-",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 1, 2),
    )
    return {
        "mobility": mobility,
        "course": course,
        "course_application": application,
        "course_document": document,
        "certificate_of_attendance": certificate,
        "delegation": delegation,
        "member": Member.objects.create(delegation=delegation, name="Guest"),
        "follow_up": FollowUp.objects.create(
            delegation=delegation, action="Send", owner=administrator, due_on=date(2026, 2, 1)
        ),
    }


def mentoring_samples(unit) -> dict:
    """A pair whose mentor, mentee and survey respondent are nobody signed in by the test."""
    from mentoring.models import Issue, Mentee, Mentor, Pairing, Survey

    from .factories import UserFactory

    mentor = Mentor.objects.create(
        user=UserFactory(), unit=unit, year_of_study=3, gender="female", status="approved"
    )
    mentee = Mentee.objects.create(name="Amina", unit=unit, gender="female", user=UserFactory())
    pairing = Pairing.objects.create(mentor=mentor, mentee=mentee, status="active")
    other = Mentee.objects.create(name="Omar", unit=unit, gender="male")
    return {
        "mentor": mentor,
        "mentee": mentee,
        "pairing": pairing,
        "proposal": Pairing.objects.create(mentor=mentor, mentee=other),
        "mentoring_issue": Issue.objects.create(
            pairing=pairing, category="housing", description="No room"
        ),
        "survey": Survey.objects.create(pairing=pairing, side="mentor", respondent=mentor.user),
    }


def strategy_samples(administrator, unit) -> dict:
    from datetime import date

    from django.core.files.base import ContentFile

    from strategy.models import Action, Center, Goal, Plan

    goal = Goal.objects.order_by("pk").first()  # the plan's goals come with the migration
    plan = Plan(title="Plan", version=9, first_year=1406, last_year=1410, is_current=False)
    plan.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {
        "goal": goal,
        "plan": plan,
        "unit": unit,
        "plan_action": Action.objects.create(
            goal=goal, title="Do it", owner=administrator, due_on=date(2026, 1, 1)
        ),
        "center": Center.objects.create(
            name="Center", country="IQ", city="Erbil", proposed_on=date(2026, 1, 1)
        ),
    }


def website_samples() -> dict:
    """A published page and news item of the public site."""
    from website.models import Page, Post

    return {
        "site_page": Page.objects.create(
            slug="faq", title_fa="پرسش‌ها", title_en="FAQ", is_published=True
        ),
        "site_post": Post.objects.create(
            slug="news", title_fa="خبر", title_en="News", is_published=True
        ),
    }


def sample_kwargs(pattern: URLPattern, namespace: str | None, objects: dict) -> dict | None:
    """Values for a pattern's arguments; None when the pattern cannot be requested by name."""
    names = list(pattern.pattern.regex.groupindex)
    if pattern.pattern.regex.groups != len(names):
        return None  # unnamed groups (simple_history's admin pages): policy checked, not fetched
    if not names:
        return {}
    full_name = f"{namespace}:{pattern.name}" if namespace else pattern.name
    if full_name in SAMPLE_KWARGS:
        return SAMPLE_KWARGS[full_name](objects)
    if names == ["pk"]:
        return {"pk": objects[SAMPLE_PK[full_name]].pk}
    values = {
        "uidb36": "zz",
        "key": "not-a-real-key",
        "app_label": "intlaffairs",
        "object_id": str(objects["user"].pk),
        "id": str(objects["user"].pk),
        "content_type_id": str(objects["user_content_type"]),
    }
    # Admin object pages are named "<app>_<model>_<page>": ask about that model's sample.
    for prefix, obj in objects["admin_objects"].items():
        if pattern.name and pattern.name.startswith(prefix + "_"):
            if obj is None:
                return None  # no object of that model: the policy is checked, not fetched
            values["object_id"] = str(obj.pk)
    if not pattern.name or any(name not in values for name in names):
        return None
    return {name: values[name] for name in names}


def url_for(pattern: URLPattern, namespace: str | None, objects: dict) -> str | None:
    kwargs = sample_kwargs(pattern, namespace, objects)
    if kwargs is None or not pattern.name:
        return None
    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
    return reverse(name, kwargs=kwargs)


def url_in(language: str, pattern: URLPattern, namespace: str | None, objects: dict) -> str | None:
    """The pattern's URL under `language`'s prefix. Reversed inside its own override: a request
    activates the language of the page it asked for, so a language set once before a walk
    would hold only until the walk's first request."""
    with translation.override(language):
        return url_for(pattern, namespace, objects)


def outcome_of(response) -> str:
    code = response.status_code
    if code == 200:
        return PAGE
    if code == 403:
        return FORBIDDEN
    if code == 405:
        return NOT_ALLOWED
    if code in (301, 302):
        login = reverse(settings.LOGIN_URL)
        location = response.headers["Location"]
        return LOGIN if location.startswith(login) else REDIRECT
    return str(code)


def test_every_url_pattern_declares_a_policy():
    undeclared = [
        f"{namespace + ':' if namespace else ''}{pattern.name or pattern.pattern}"
        for pattern, namespace in all_patterns()
        if policy_for(pattern.callback, pattern.name, namespace) is None
    ]
    assert undeclared == [], f"URLs without a declared access policy: {undeclared}"


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_every_url_answers_as_declared(role, client, make_user, administrator):
    objects = sample_objects(administrator)
    person = None
    if role is not None:
        person = administrator if role == Role.ADMINISTRATOR else make_user(role)
    checked, mismatches = 0, []
    in_language = Counter()  # the URLs under each language's prefix, /ar/ as /fa/
    signed_in_at = -math.inf
    for language in LANGUAGES:
        for pattern, namespace in all_patterns():
            url = url_in(language, pattern, namespace, objects)
            if url is None:
                continue
            # Signed in afresh every minute: the pages that ask for a recent sign-in (the
            # second factor's, five minutes) would send a slow run's later pages to sign in.
            if person is not None and time.monotonic() - signed_in_at > 60:
                client.force_login(person)
                signed_in_at = time.monotonic()
            policy = policy_for(pattern.callback, pattern.name, namespace)
            if policy is None:
                continue  # reported by test_every_url_pattern_declares_a_policy
            expected = policy.outcome_for(role)
            got = outcome_of(client.get(url))
            checked += 1
            in_language[language] += url.startswith(f"/{language}/")
            if got != expected:
                mismatches.append(f"{url}: expected {expected}, got {got} ({policy.name})")
    assert not mismatches, "\n".join(mismatches)
    # The walk must reach the pages it is meant to guard, not silently skip them, and every
    # language's pages alike.
    assert checked >= 3 * 40
    assert set(in_language) == {"fa", "en", "ckb", "ar"}
    assert len(set(in_language.values())) == 1, in_language
    assert in_language["ar"] >= 40


def test_every_url_with_a_pk_names_its_sample_object():
    missing = [
        f"{namespace}:{pattern.name}" if namespace else pattern.name
        for pattern, namespace in all_patterns()
        if list(pattern.pattern.regex.groupindex) == ["pk"]
        and (f"{namespace}:{pattern.name}" if namespace else pattern.name) not in SAMPLE_PK
    ]
    assert missing == []


def test_an_undeclared_view_is_reported():
    def view(request):  # pragma: no cover - never called
        return None

    assert policy_for(view, "some_new_page", None) is None


@pytest.mark.django_db
def test_a_page_refused_by_role_reveals_nothing_of_the_object(client, make_user):
    from agreements.models import Agreement

    agreement = Agreement.objects.create(title_fa="محرمانه", title_en="Secret MoU", type="mou")
    client.force_login(make_user(Role.APPLICANT))
    response = client.get(f"/en/agreements/{agreement.pk}/")
    assert response.status_code == 403
    assert "Secret MoU" not in response.content.decode()


def give_to(role: str, owner, objects: dict) -> dict:
    """Hand the sample objects a `role` may own over to `owner`; the rest stay nobody's."""
    from agreements.models import Agreement
    from exchanges.models import CourseApplication
    from incentives.models import Certificate, Claim
    from intlaffairs.models import IssuedDocument, ReportRequest
    from mentoring.models import Mentor, Survey
    from research.models import Project
    from students.models import Application, FacultyReview, UnitReviewer

    if role in (Role.APPLICANT, Role.FACULTY):  # a letter, a points statement
        IssuedDocument.objects.filter(pk=objects["issued_document"].pk).update(holder=owner)
    if role == Role.APPLICANT:
        Application.objects.filter(pk=objects["application"].pk).update(applicant=owner)
        CourseApplication.objects.filter(pk=objects["course_application"].pk).update(
            applicant=owner
        )
    if role in (Role.FACULTY, Role.MENTOR):
        Certificate.objects.filter(pk=objects["certificate"].pk).update(person=owner)
        Claim.objects.filter(pk=objects["claim"].pk).update(claimant=owner)
    if role == Role.FACULTY:  # a reviewer of the unit the sample application is referred to
        Application.objects.filter(pk=objects["application"].pk).update(stage="faculty_review")
        UnitReviewer.objects.create(unit=objects["unit"], user=owner)
        FacultyReview.objects.filter(pk=objects["faculty_review"].pk).update(reviewer=owner)
        Agreement.objects.get(pk=objects["agreement"].pk).initiators.add(owner)
        Project.objects.get(pk=objects["project"].pk).investigators.add(owner)
        objects = {**objects, "user": owner}  # their own points statement
    if role == Role.MENTOR:
        Mentor.objects.filter(pk=objects["mentor"].pk).update(user=owner)
        Survey.objects.filter(pk=objects["survey"].pk).update(respondent=owner)
    if role == Role.OFFICER:
        ReportRequest.objects.filter(pk=objects["report"].pk).update(requested_by=owner)
    return objects


@pytest.mark.parametrize(
    "role", [Role.APPLICANT, Role.MENTOR, Role.FACULTY, Role.OFFICER], ids=lambda role: role
)
def test_a_users_own_objects_are_a_404_to_another_user_of_the_same_role(
    role, client, make_user, administrator
):
    """Two applicants (two mentors, two faculty members, two officers): every page the policy
    limits to one's own objects opens for the owner and is a 404 for the other, in every
    language."""
    owner, other = make_user(role), make_user(role)
    objects = give_to(role, owner, sample_objects(administrator))
    scoped = [
        (pattern, namespace)
        for pattern, namespace in all_patterns()
        if pattern.pattern.regex.groupindex  # a URL about one object
        and (policy := policy_for(pattern.callback, pattern.name, namespace))
        and policy.outcome_for(role) == NOT_FOUND
        and (role == Role.MENTOR or policy is not OWN_ONLY)  # surveys go to mentors here
        # the workflow step's sample record is an agreement, which only faculty initiate
        and (role == Role.FACULTY or policy is not RECORD_STEP)
        # a secret address belongs to whoever holds it, not to a session (test_calendars.py)
        and policy is not SECRET_ADDRESS
    ]
    assert len(scoped) >= {Role.OFFICER: 3}.get(role, 4)
    refused, leaked, asked = [], [], Counter()
    for language in LANGUAGES:
        for pattern, namespace in scoped:
            url = url_in(language, pattern, namespace, objects)
            asked[language] += url.startswith(f"/{language}/")
            client.force_login(owner)
            if outcome_of(client.get(url)) not in (PAGE, REDIRECT):
                refused.append(url)
            client.force_login(other)
            if client.get(url).status_code != 404:
                leaked.append(url)
    assert refused == [], "the owner was refused their own object"
    assert leaked == [], "another user of the same role reached the object"
    assert asked["ar"] == asked["fa"] == len(scoped), asked


@pytest.mark.django_db
def test_a_files_reviewer_pages_are_refused_to_everyone_but_its_units_reviewers(
    client, make_user, administrator
):
    """A reviewer of another unit gets 404 (the file is not theirs to find), another applicant
    and an officer acting as a reviewer without being one 403 (not their kind of page), for
    the review and the interview pages, GET and POST alike; the unit's reviewer opens them."""
    from intlaffairs.models import Unit
    from students.models import UnitReviewer

    reviewer = make_user(Role.FACULTY)
    objects = give_to(Role.FACULTY, reviewer, sample_objects(administrator))
    elsewhere = make_user(Role.FACULTY)
    UnitReviewer.objects.create(
        unit=Unit.objects.create(name_fa="دندان‌پزشکی", name_en="School of Dentistry"),
        user=elsewhere,
    )
    review, slot = objects["faculty_review"], objects["interview_slot"]
    pages = [
        f"/en/students/reviews/{review.pk}/",
        f"/en/students/applications/{slot.application_id}/interviews/",
    ]
    posts = [
        f"/en/students/reviews/{review.pk}/conflict/",
        f"/en/students/interviews/{slot.pk}/change/",
        f"/en/students/interviews/{slot.pk}/report/",
    ]
    client.force_login(reviewer)
    assert [client.get(url).status_code for url in pages] == [200, 200]
    for person, status in (
        (elsewhere, 404),
        (make_user(Role.APPLICANT), 403),
        (make_user(Role.OFFICER), 403),
    ):
        client.force_login(person)
        answers = [client.post(url).status_code for url in posts]
        if person.has_role(Role.OFFICER):  # the office arranges interviews; reviewing is not its
            assert client.get(pages[0]).status_code == status
            assert answers[0] == status
            continue
        assert [client.get(url).status_code for url in pages] == [status, status], person
        assert answers == [status] * len(posts), person


@pytest.mark.django_db
def test_ping_is_public_and_touches_no_database(client, django_assert_num_queries):
    from intlaffairs.access import PUBLIC
    from intlaffairs.views import ping

    assert ping.access_policy is PUBLIC
    with django_assert_num_queries(0):
        response = client.get("/ping/")
    assert response.status_code == 200
    assert response.content == b"ok"
