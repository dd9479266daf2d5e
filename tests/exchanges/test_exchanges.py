"""Exchanges: quotas counted per agreement, academic year and direction; course capacity;
certificates and their public check; delegations' follow-ups; list query counts."""

from datetime import date, timedelta

import pytest
from django.core import mail as sent_mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from agreements.models import Quota
from exchanges import services
from exchanges.models import (
    AttendanceCertificate,
    CourseApplication,
    Delegation,
    FollowUp,
    Member,
    Mobility,
    ShortCourse,
)
from intlaffairs import documents, workflow
from intlaffairs.models import IssuedDocument, OutgoingMail, TargetCountry
from intlaffairs.roles import Role
from tests.queries import warm

from ..factories import AgreementFactory, InstitutionFactory
from ..reports.test_pdf import pdf_text
from ..students.helpers import PDF_BYTES, pdf
from .helpers import short_course as course

pytestmark = pytest.mark.django_db


def mobility(agreement, **kwargs) -> Mobility:
    defaults = {
        "person_name": "Sara Ahmadi",
        "person_kind": "student",
        "direction": "incoming",
        "kind": "student_exchange",
        "institution": agreement.partners.first(),
        "agreement": agreement,
        "starts_on": date(2026, 10, 1),  # academic year 1405
        "ends_on": date(2027, 1, 1),
    }
    return Mobility.objects.create(**{**defaults, **kwargs})


def apply(course_, person) -> CourseApplication:
    return services.course_apply(
        course=course_,
        applicant=person,
        data={
            "name_latin": person.full_name,
            "home_institution": "University of Baghdad",
            "country": "IQ",
            "field": "Medicine",
            "motivation": "To learn.",
        },
        documents=[("CV", pdf())],
    )


def test_quota_counts_the_agreement_year_and_direction_and_warns_past_it():
    agreement = AgreementFactory()
    Quota.objects.create(
        agreement=agreement, academic_year=1405, direction="students_in", people=2, duration=6
    )
    first = mobility(agreement)
    second = mobility(agreement, person_name="Karwan")
    # Not counted: another direction, staff, another academic year, a cancelled one.
    mobility(agreement, direction="outgoing")
    mobility(agreement, person_kind="faculty", kind="teaching")
    mobility(agreement, starts_on=date(2026, 9, 1), ends_on=date(2026, 9, 20))  # 1404
    mobility(agreement, person_name="Cancelled", status="cancelled")
    use = services.quota_use(second)
    assert (use.quota.people, use.used, use.over) == (2, 2, False)
    assert services.quota_warning(first) == ""
    third = mobility(agreement, person_name="Dilan")
    assert services.quota_use(third).over
    assert "3 of 2" in services.quota_warning(third)


def test_a_quota_is_the_agreements_own_for_the_year_and_direction_and_staff_count_apart():
    agreement, other = AgreementFactory(), AgreementFactory()
    Quota.objects.create(
        agreement=other, academic_year=1405, direction="staff_in", people=5, duration=6
    )
    for year, direction in ((1404, "staff_in"), (1405, "staff_out"), (1405, "students_in")):
        Quota.objects.create(
            agreement=agreement, academic_year=year, direction=direction, people=9, duration=6
        )
    visitor = mobility(agreement, person_kind="faculty", kind="teaching")
    # Another agreement's quota, another year's, another direction's: none is this one's.
    assert services.quota_use(visitor) == services.QuotaUse(None, 1)
    assert services.quota_warning(visitor) == ""
    quota = Quota.objects.create(
        agreement=agreement, academic_year=1405, direction="staff_in", people=1, duration=6
    )
    # Staff count against the staff quota; students and the other agreement's staff do not.
    mobility(agreement, person_name="A student")
    mobility(other, person_name="Another agreement's", person_kind="faculty", kind="teaching")
    assert services.quota_use(visitor) == services.QuotaUse(quota, 1)
    second = mobility(agreement, person_name="Second", person_kind="staff", kind="training")
    assert services.quota_use(second) == services.QuotaUse(quota, 2)
    assert services.quota_warning(second) == (
        "This goes over the agreement's quota: 2 of 1 places (Staff in, academic year 1405)."
    )
    # A mobility under no agreement counts against nothing.
    free = mobility(agreement)
    free.agreement = None
    assert services.quota_use(free) == services.QuotaUse(None, 0)


def test_saving_a_mobility_over_quota_warns_the_officer_but_saves(client, officer):
    agreement = AgreementFactory()
    Quota.objects.create(
        agreement=agreement, academic_year=1405, direction="students_in", people=1, duration=6
    )
    mobility(agreement)
    client.force_login(officer)
    response = client.post(
        "/en/exchanges/mobilities/new/",
        {
            "person_name": "Karwan Aziz",
            "person_kind": "student",
            "direction": "incoming",
            "kind": "student_exchange",
            "institution": agreement.partners.first().pk,
            "agreement": agreement.pk,
            "starts_on": "2026-10-05",
            "ends_on": "2027-01-05",
            "currency": "IRR",
        },
        follow=True,
    )
    assert "over the agreement&#x27;s quota" in response.content.decode()
    assert Mobility.objects.filter(person_name="Karwan Aziz").exists()


def test_a_mobility_form_refuses_an_agreement_with_another_institution(client, officer):
    agreement = AgreementFactory()
    other = InstitutionFactory()
    client.force_login(officer)
    response = client.post(
        "/fa/exchanges/mobilities/new/",
        {
            "person_name": "Sara",
            "person_kind": "student",
            "direction": "outgoing",
            "kind": "elective",
            "institution": other.pk,
            "agreement": agreement.pk,
            "starts_on": "۱۴۰۵/۰۷/۱۰",
            "ends_on": "۱۴۰۵/۰۷/۰۱",
            "currency": "IRR",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "پیش از" in page or "not be before" in page
    assert not Mobility.objects.exists()


def test_mobility_statuses_move_forward_and_need_the_report(officer, manager):
    planned = mobility(AgreementFactory())
    assert not workflow.may(planned, officer, "approve")
    with pytest.raises(ValidationError, match="Only an office manager"):
        workflow.move(planned, "approve", by=officer)
    workflow.move(planned, "approve", by=manager)
    item = workflow.move(mobility(AgreementFactory()), "approve", by=manager)
    item = workflow.move(item, "start", by=officer)
    item = workflow.move(item, "complete", by=officer)
    with pytest.raises(ValidationError, match="Upload the final report"):
        workflow.move(item, "receive_report", by=officer)
    with pytest.raises(ValidationError, match="PDF"):
        services.mobility_report_add(
            mobility=item,
            upload=SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>"),
            by=officer,
        )
    services.mobility_report_add(mobility=item, upload=pdf(), by=officer)
    item.refresh_from_db()
    assert item.status == "report_received" and item.report
    with pytest.raises(
        ValidationError, match="This cannot go from “Report received” to “Cancelled”"
    ):
        workflow.move(item, "cancel", by=manager)
    # Who took each step is kept (it was not before the workflow core).
    assert [(change.transition, change.by) for change in workflow.history(item)] == [
        ("approve", manager),
        ("start", officer),
        ("complete", officer),
        ("receive_report", officer),
    ]


def test_the_final_report_comes_once_the_mobility_has_started_and_keeps_its_name(officer, manager):
    planned = mobility(AgreementFactory())
    with pytest.raises(
        ValidationError,
        match=r"^\['The final report comes once the mobility has started\.'\]$",
    ):
        services.mobility_report_add(mobility=planned, upload=pdf(), by=officer)
    planned.refresh_from_db()
    assert not planned.report and planned.report_name == ""
    item = workflow.move(mobility(AgreementFactory()), "approve", by=manager)
    item = workflow.move(item, "start", by=officer)
    name = "ر" * 300 + ".pdf"
    services.mobility_report_add(mobility=item, upload=pdf(name), by=officer)
    item.refresh_from_db()
    # an ongoing mobility keeps its status; the name is cut to what the column holds
    assert item.status == "ongoing" and item.report
    assert item.report_name == "ر" * 251 + ".pdf"
    item = workflow.move(item, "complete", by=officer)
    services.mobility_report_add(mobility=item, upload=pdf("final.pdf"), by=officer)
    item.refresh_from_db()
    assert (item.status, item.report_name) == ("report_received", "final.pdf")
    last = workflow.history(item)[-1]
    assert (last.transition, last.by, last.note) == (
        "receive_report",
        officer,
        "The final report has been added.",
    )


def test_course_capacity_is_never_exceeded(make_user, officer):
    item = course(capacity=2)
    applications = [apply(item, make_user(Role.APPLICANT)) for _ in range(3)]
    for application in applications[:2]:
        workflow.move(application, "accept", by=officer)
    with pytest.raises(ValidationError, match="full"):
        workflow.move(applications[2], "accept", by=officer)
    waitlisted = workflow.move(applications[2], "waitlist", by=officer)
    assert services.places_left(item) == 0
    # A place freed by a withdrawal can go to the waitlisted applicant.
    workflow.move(applications[0], "withdraw", by=applications[0].applicant)
    workflow.move(waitlisted, "accept", by=officer)
    assert item.applications.filter(status="accepted").count() == 2
    decisions = OutgoingMail.objects.filter(to=applications[2].applicant.email)
    assert decisions.count() == 3  # received, waitlisted, accepted


def test_one_application_per_course_and_only_while_open(make_user):
    person = make_user(Role.APPLICANT)
    item = course()
    apply(item, person)
    with pytest.raises(ValidationError, match=r"^\['You have already applied to this course\.'\]$"):
        apply(item, person)
    # an application to another course is another matter
    other = apply(course(title_en="Winter school"), person)
    assert other.course.title_en == "Winter school"
    closed = course(title_en="Closed", deadline=timezone.localdate() - timedelta(days=1))
    with pytest.raises(
        ValidationError, match=r"^\['This course no longer accepts applications\.'\]$"
    ):
        apply(closed, person)


def test_an_application_comes_with_a_document_and_is_acknowledged_to_the_applicant(make_user):
    person = make_user(Role.APPLICANT, full_name="Zahraa Jaber", preferred_language="en")
    item = course()
    with pytest.raises(ValidationError, match=r"^\['Attach your CV or another document\.'\]$"):
        services.course_apply(
            course=item, applicant=person, data={"name_latin": "Zahraa Jaber"}, documents=[]
        )
    assert not CourseApplication.objects.exists() and not OutgoingMail.objects.exists()
    application = apply(item, person)
    [document] = application.documents.all()
    assert (document.title, document.kind, document.original_name, document.size) == (
        "CV",
        "pdf",
        "scan.pdf",
        len(PDF_BYTES),
    )
    assert document.file.read() == PDF_BYTES
    mail = OutgoingMail.objects.get(to=person.email)
    assert mail.language == "en"
    assert mail.subject == f"We have received your application to {item.title_en}"
    for text in (
        f"Dear {person.display_name},",
        f"We have received your application to {item.title_en}. The office will write",
        "/en/exchanges/my-courses/",
    ):
        assert text in mail.body_text, text


def test_an_application_that_fails_midway_leaves_nothing_behind(make_user, monkeypatch):
    # course_apply locks the course row: outside a transaction PostgreSQL refuses the lock
    # (every application failed there), and a failure after the first write must undo it
    # (here inside the test's transaction: the service's own atomic block is a savepoint).
    person = make_user(Role.APPLICANT)
    item = course()

    def broken(*args, **kwargs):
        raise RuntimeError("the history could not be written")

    monkeypatch.setattr(workflow, "created", broken)
    with pytest.raises(RuntimeError, match="history"):
        apply(item, person)
    assert not CourseApplication.objects.filter(course=item).exists()
    monkeypatch.undo()
    assert apply(item, person).documents.count() == 1


def test_a_saved_reply_to_a_course_applicant_fills_in_their_application(make_user):
    from intlaffairs import messaging
    from intlaffairs.jalali import format_date, to_local_digits
    from intlaffairs.models import SavedReply

    reply = SavedReply.objects.create(
        title="Received",
        language="en",
        body="{name}|{reference}|{program}|{deadline}|{missing_documents}",
    )
    item = course()
    for language in ("en", "fa"):
        person = make_user(Role.APPLICANT, preferred_language=language)
        application = apply(item, person)
        with translation.override(language):
            expected = [
                person.full_name,
                to_local_digits(f"#{application.pk}"),
                item.title,
                format_date(item.deadline),
                "none" if language == "en" else "هیچ",
            ]
        assert messaging.reply_fill(reply, application).split("|") == expected


def test_certificates_carry_a_code_the_public_page_checks(
    client, make_user, officer, tmp_path, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    item = course(
        starts_on=today - timedelta(days=10),
        ends_on=today - timedelta(days=1),
        deadline=today + timedelta(days=1),
    )
    person = make_user(Role.APPLICANT, full_name="Karwan Aziz", preferred_language="ckb")
    application = apply(item, person)
    workflow.move(application, "accept", by=officer)
    apply(item, make_user(Role.APPLICANT))  # not accepted: no certificate
    services.attendance_record(application=application, attendance="attended", hours=20, by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certificates_issue(course=item, by=officer) == 1
    assert services.certificates_issue(course=item, by=officer) == 0  # once
    certificate = AttendanceCertificate.objects.get()
    assert len(certificate.code) == 12 and certificate.file_en and certificate.file_fa
    # Each language's certificate is a document of record: numbered, with its own code.
    english, persian = IssuedDocument.objects.about(certificate).order_by("sequence")
    assert (english.scope, persian.scope) == ("en", "fa")
    assert english.holder == person and english.number.startswith("CRT-")
    assert english.issued_by == persian.issued_by == officer  # who issued the certificate
    assert certificate.file_en.read() == english.file.open("rb").read()
    text = pdf_text(english.file.open("rb").read(), tmp_path)
    assert "Karwan Aziz" in text and english.number in text
    assert documents.codes.grouped(english.code) in text
    check = client.get(f"/en/verify/{english.code}/").content.decode()
    assert "This document is valid." in check and "Karwan Aziz" in check
    mail = OutgoingMail.objects.filter(to=person.email).order_by("pk").last()
    assert mail.language == "ckb" and mail.attachment_name.startswith("certificate-")
    # A code printed on a certificate before the register is still checked on its own page,
    # typed in lower case and with dashes.
    page = client.get(
        "/en/exchanges/certificates/verify/", {"code": certificate.formatted_code.lower()}
    )
    assert "This certificate is genuine" in page.content.decode()
    assert "Karwan Aziz" in page.content.decode()
    wrong = client.get("/en/exchanges/certificates/verify/", {"code": "AAAA-BBBB-CCCC"})
    assert "No certificate has this code" in wrong.content.decode()
    # Its holder downloads it; another applicant cannot.
    client.force_login(make_user(Role.APPLICANT))
    assert client.get(f"/en/exchanges/certificates/{certificate.pk}/fa/").status_code == 404
    client.force_login(person)
    assert client.get(f"/en/exchanges/certificates/{certificate.pk}/fa/").status_code == 200


def test_a_certificate_missing_one_of_its_files_gets_it_again(
    make_user, officer, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    item = course(starts_on=today - timedelta(days=10), ends_on=today - timedelta(days=1))
    person = make_user(Role.APPLICANT, full_name="Dilan Aziz", preferred_language="en")
    application = apply(item, person)
    workflow.move(application, "accept", by=officer)
    services.attendance_record(application=application, attendance="attended", hours=20, by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.certificates_issue(course=item, by=officer)
    certificate = AttendanceCertificate.objects.get()
    # sent on commit, so its text is read from what left (the row keeps no body once sent)
    [sent] = [m for m in sent_mail.outbox if m.subject.startswith("Your certificate of attendance")]
    assert sent.to == [person.email] and sent.subject.endswith(item.title_en)
    for text in ("Dear Dilan Aziz,", "/en/exchanges/my-courses/", certificate.formatted_code):
        assert text in sent.body, text
    AttendanceCertificate.objects.filter(pk=certificate.pk).update(file_fa="")
    rendered = services.certificate_render(certificate_id=certificate.pk)
    assert rendered.file_fa and rendered.file_en
    # The documents of record stay the ones issued: rendering again issues none.
    assert IssuedDocument.objects.about(certificate).count() == 2


def test_certificates_wait_for_the_end_of_the_course(officer):
    with pytest.raises(
        ValidationError, match=r"^\['Certificates are issued once the course has ended\.'\]$"
    ):
        services.certificates_issue(course=course(), by=officer)


def test_overdue_follow_ups_remind_their_owner_weekly(officer):
    delegation = Delegation.objects.create(
        title="Visit of Sulaimani",
        direction="incoming",
        country="IQ",
        purpose="Exchange",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 3),
    )
    today = date(2026, 6, 1)
    FollowUp.objects.create(
        delegation=delegation, action="Send the draft", owner=officer, due_on=date(2026, 5, 20)
    )
    FollowUp.objects.create(
        delegation=delegation, action="Not yet due", owner=officer, due_on=date(2026, 6, 20)
    )
    done = FollowUp.objects.create(
        delegation=delegation, action="Done", owner=officer, due_on=date(2026, 5, 10)
    )
    workflow.move(done, "done", by=officer)
    assert services.follow_up_reminders_send(today=today) == 1
    assert services.follow_up_reminders_send(today=today + timedelta(days=3)) == 0
    assert services.follow_up_reminders_send(today=today + timedelta(days=7)) == 1
    assert OutgoingMail.objects.filter(to=officer.email).first().language == "fa"


def test_a_follow_up_reminder_names_the_action_and_links_its_delegation(make_user):
    delegation = Delegation.objects.create(
        title="Visit of Sulaimani",
        direction="incoming",
        country="IQ",
        purpose="Exchange",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 3),
    )
    today = date(2026, 6, 1)
    owners = [
        make_user(Role.OFFICER, full_name=f"Owner {n}", preferred_language="en") for n in range(3)
    ]
    # Due first, reminded two days ago: skipped, and the ones after it are still reminded.
    FollowUp.objects.create(
        delegation=delegation,
        action="Reminded already",
        owner=owners[0],
        due_on=date(2026, 5, 10),
        reminded_on=today - timedelta(days=2),
    )
    for n, due in ((1, date(2026, 5, 20)), (2, date(2026, 5, 25))):
        FollowUp.objects.create(
            delegation=delegation, action=f"Send draft {n}", owner=owners[n], due_on=due
        )
    assert services.follow_up_reminders_send(today=today) == 2
    assert not OutgoingMail.objects.filter(to=owners[0].email).exists()
    mail = OutgoingMail.objects.get(to=owners[1].email)
    assert mail.subject == "Overdue: Send draft 1"
    url = f"/en/exchanges/delegations/{delegation.pk}/"
    for body in (mail.body_text, mail.body_html):
        assert "Dear Owner 1," in body and url in body
        assert "“Send draft 1” of the delegation “Visit of Sulaimani”" in body


def test_delegation_pages_flag_target_countries_and_take_members(client, officer):
    TargetCountry.objects.create(country="IQ")
    delegation = Delegation.objects.create(
        title="Visit of Sulaimani",
        direction="incoming",
        country="IQ",
        purpose="Exchange",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 3),
    )
    client.force_login(officer)
    page = client.get(f"/en/exchanges/delegations/{delegation.pk}/").content.decode()
    assert "Target country" in page
    response = client.post(
        f"/en/exchanges/delegations/{delegation.pk}/members/",
        {"member-name": "", "member-role": "head"},
        follow=True,
    )
    assert "Choose a person of the university or type a name" in response.content.decode()
    client.post(
        f"/en/exchanges/delegations/{delegation.pk}/members/",
        {"member-name": "Prof. Dana Ali", "member-role": "head", "member-organization": "UoS"},
    )
    assert Member.objects.get().is_external


def test_institution_page_lists_its_mobilities_and_delegations(client, officer):
    agreement = AgreementFactory()
    institution = agreement.partners.first()
    mobility(agreement, person_name="Dilan Omar")
    delegation = Delegation.objects.create(
        title="Visit of the partner",
        direction="incoming",
        country="IQ",
        purpose="-",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 3),
    )
    delegation.institutions.add(institution)
    client.force_login(officer)
    page = client.get(f"/en/agreements/institutions/{institution.pk}/").content.decode()
    assert "Dilan Omar" in page and "Visit of the partner" in page


def test_list_query_counts_do_not_grow_with_rows(client, officer, make_user):
    def add(n: int) -> None:
        agreement = AgreementFactory()
        for i in range(n):
            mobility(agreement, person_name=f"Person {i}")
            item = course(title_en=f"Course {i}")
            apply(item, make_user(Role.APPLICANT))
            delegation = Delegation.objects.create(
                title=f"Delegation {i}",
                direction="incoming",
                country="IQ",
                purpose="-",
                starts_on=date(2026, 5, 1),
                ends_on=date(2026, 5, 3),
            )
            delegation.institutions.add(agreement.partners.first())

    first_course = None

    def counts() -> list[int]:
        urls = [
            "/en/exchanges/mobilities/",
            "/en/exchanges/courses/",
            "/en/exchanges/courses/manage/",
            "/en/exchanges/delegations/",
            f"/en/exchanges/courses/{first_course.pk}/applications/",
        ]
        found = []
        for url in urls:
            warm(client, url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            found.append(len(captured))
        return found

    client.force_login(officer)
    add(2)
    first_course = ShortCourse.objects.order_by("pk").first()
    few = counts()
    add(6)
    for _ in range(4):
        apply(first_course, make_user(Role.APPLICANT))
    assert counts() == few


def test_the_mobility_report_renders_the_period(
    manager, tmp_path, django_capture_on_commit_callbacks
):
    from intlaffairs import reports

    mobility(AgreementFactory(), person_name="Dilan Omar")
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(
            kind="mobilities",
            language="en",
            by=manager,
            period=(date(2026, 9, 23), date(2027, 9, 22)),
        )
    report.refresh_from_db()
    assert report.status == "done", report.error
    text = pdf_text(report.file.read(), tmp_path)
    for fragment in ("Mobility report", "By direction", "Incoming", "Dilan Omar"):
        assert fragment in text


def test_the_public_certificate_check_answers_30_a_minute_per_address_then_429(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    url = "/fa/exchanges/certificates/verify/"
    visitor = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(30):
        assert client.get(url, {"code": "AAAA-BBBB-CCCC"}, **visitor).status_code == 200
    refused = client.get(url, {"code": "AAAA-BBBB-CCCC"}, **visitor)
    assert refused.status_code == 429
    with translation.override("en"):
        english = client.get(url.replace("/fa/", "/en/"), {"code": "A"}, **visitor)
    assert "Too many attempts" in english.content.decode()
    assert "your account" not in english.content.decode()  # an anonymous visitor has none
    with translation.override("fa"):
        assert translation.gettext("Too many attempts") in refused.content.decode()
    other = client.get(url, {"code": "AAAA-BBBB-CCCC"}, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 200  # another visitor behind the same proxy is not held back
