"""Recruitment pages: the public programs, the applicant's own area (and nobody else's), the
office's lists with filters and search, uploads checked by content, registration."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from intlaffairs import workflow
from intlaffairs.models import User
from intlaffairs.roles import Role
from students import services
from students.models import Application, Document, DocumentType, Program, Stage
from tests.queries import warm

from .helpers import complete_draft, make_program, pdf, png

pytestmark = pytest.mark.django_db


def test_public_programs_list_filter_and_hide_unpublished(client):
    make_program()
    make_program(name_en="Epidemiology (MSc)", name_fa="اپیدمیولوژی", degree="msc")
    make_program(name_en="Hidden program", name_fa="پنهان", is_published=False)
    page = client.get("/en/students/programs/").content.decode()
    assert ">Medicine (MD)</a>" in page and ">Epidemiology (MSc)</a>" in page
    assert "Hidden program" not in page
    page = client.get("/en/students/programs/?degree=msc").content.decode()
    assert ">Epidemiology (MSc)</a>" in page and ">Medicine (MD)</a>" not in page
    hidden = Program.objects.get(name_en="Hidden program")
    assert client.get(f"/en/students/programs/{hidden.pk}/").status_code == 404
    fa = client.get("/fa/students/programs/").content.decode()
    assert "پزشکی عمومی" in fa and "۱۴۰۵" in fa


def test_an_applicant_never_reaches_another_applicants_application(client, make_user):
    owner = make_user(Role.APPLICANT)
    application = workflow.move(complete_draft(owner, make_program()), "submit", by=owner)
    document = application.documents.first()
    client.force_login(make_user(Role.APPLICANT))
    urls = [
        f"/en/students/my/{application.pk}/",
        f"/en/students/my/{application.pk}/step/1/",
        f"/en/students/my/{application.pk}/documents/",
        f"/en/students/documents/{document.pk}/",
        f"/en/students/documents/{document.pk}/?preview=1",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in (
        f"/en/move/students.application/{application.pk}/withdraw/",
        f"/en/move/students.document/{document.pk}/verify/",
        f"/en/students/my/{application.pk}/documents/",
    ):
        assert client.post(url).status_code == 404, url
    # Nor by its reference, which is a 404 like any other's; the office's search is closed.
    assert client.get(f"/en/students/my/{application.reference}/").status_code == 404
    assert client.get(f"/en/students/applications/?q={application.reference}").status_code == 403
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED
    # The owner reaches it; the file is an attachment that never runs in the page.
    client.force_login(owner)
    own = client.get(f"/en/students/my/{application.reference.lower()}/")
    assert own["Location"].endswith(f"/students/my/{application.pk}/")
    response = client.get(f"/en/students/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_documents_are_not_under_a_public_url(settings):
    assert not settings.MEDIA_URL or settings.MEDIA_URL.rstrip("/") not in {"", "/static"}
    from django.urls import resolve
    from django.urls.exceptions import Resolver404

    with pytest.raises(Resolver404):
        resolve(f"{settings.MEDIA_URL}applications/1/x.pdf")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.pdf", b"<html><script>alert(1)</script></html>", "Upload a PDF, JPEG or PNG"),
        (
            "image.pdf",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Upload a PDF, JPEG or PNG",
        ),
        ("fake.png", b"\x89PNG\r\n\x1a\nnot really", "could not be read"),
    ],
)
def test_uploads_are_judged_by_content(client, applicant, name, content, message):
    program = make_program()
    application = Application.objects.create(applicant=applicant, program=program)
    client.force_login(applicant)
    passport = DocumentType.objects.get(code="passport")
    response = client.post(
        f"/en/students/my/{application.pk}/documents/",
        {"type": passport.pk, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_the_photo_must_be_a_portrait_image_of_the_right_size(applicant):

    program = make_program()
    application = Application.objects.create(applicant=applicant, program=program)
    photo = DocumentType.objects.get(code="photo")
    for upload, message in (
        (pdf(), "JPEG or PNG"),
        (png(size=(200, 260)), "at least 300 × 400"),
        (png(size=(500, 400)), "portrait"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.document_add(
                application=application, doc_type=photo, upload=upload, by=applicant
            )
    services.document_add(application=application, doc_type=photo, upload=png(), by=applicant)


def test_the_form_saves_each_step_as_a_draft_and_explains_errors(client, applicant):
    program = make_program()
    client.force_login(applicant)
    response = client.post("/en/students/my/new/", {"program": program.pk})
    application = Application.objects.get(applicant=applicant)
    assert response["Location"].endswith(f"/my/{application.pk}/step/1/")
    bad = client.post(
        f"/en/students/my/{application.pk}/step/1/",
        {"given_name": "زهرا", "family_name": "Jaber", "birth_date": "2020-01-01"},
    )
    page = bad.content.decode()
    assert "Use Latin letters" in page and "at least 16 years old" in page
    application.refresh_from_db()
    assert application.given_name == ""
    good = client.post(
        f"/en/students/my/{application.pk}/step/1/",
        {
            "given_name": "Zahraa",
            "family_name": "Jaber",
            "native_given_name": "زهراء",
            "native_family_name": "جابر",
            "sex": "female",
            "birth_date": "2004-05-01",
            "nationality": "IQ",
        },
    )
    assert good["Location"].endswith("/step/2/")
    application.refresh_from_db()
    assert application.given_name == "Zahraa" and application.stage == Stage.DRAFT
    # Persian pages read Jalali dates in Persian digits.
    client.post(
        f"/fa/students/my/{application.pk}/step/2/",
        {
            "passport_number": "a 123 4567",
            "passport_expires_on": "۱۴۱۰/۰۱/۰۱",
            "phone": "+964 770 1",
        },
    )
    application.refresh_from_db()
    assert application.passport_number == ""  # the phone was wrong: nothing on the step saved
    client.post(
        f"/fa/students/my/{application.pk}/step/2/",
        {
            "passport_number": "a 123 4567",
            "passport_expires_on": "۱۴۱۰/۰۱/۰۱",
            "phone": "+964 770 123 4567",
        },
    )
    application.refresh_from_db()
    assert application.passport_number == "A1234567"
    assert application.passport_expires_on.year == 2031


def test_office_list_counts_filters_and_searches_with_normalization(client, officer, make_user):
    program = make_program()
    people = []
    for n, (native, country) in enumerate(
        [("علي كاظم", "IQ"), ("احمد رحیمی", "AF"), ("Emre Yılmaz", "TR")]
    ):
        person = make_user(Role.APPLICANT)
        application = complete_draft(person, program)
        Application.objects.filter(pk=application.pk).update(
            native_name=native, nationality=country, given_name=f"Name{n}"
        )
        people.append(workflow.move(application, "submit", by=person))
    client.force_login(officer)
    page = client.get("/en/students/applications/").content.decode()
    assert page.count("KUMS-") >= 3
    # Persian ی and ک find the Arabic ي and ك.
    found = client.get("/en/students/applications/", {"q": "علی کاظم"}).content.decode()
    assert people[0].reference in found and people[1].reference not in found
    by_passport = client.get("/en/students/applications/", {"q": "a1234567"}).content.decode()
    assert by_passport.count("KUMS-") >= 3
    by_country = client.get("/en/students/applications/", {"nationality": "AF"}).content
    assert people[1].reference in by_country.decode()
    assert people[0].reference not in by_country.decode()


def test_office_list_filters_are_a_form_that_shows_a_wrong_value_and_keeps_the_rest(
    client, officer, make_user
):
    program = make_program()
    other = make_program(name_en="Epidemiology (MSc)", name_fa="اپیدمیولوژی", degree="msc")
    submitted = {}
    for nationality, chosen in (("IQ", program), ("AF", other)):
        person = make_user(Role.APPLICANT)
        application = complete_draft(person, chosen)
        Application.objects.filter(pk=application.pk).update(nationality=nationality)
        submitted[nationality] = workflow.move(application, "submit", by=person)
    client.force_login(officer)
    page = client.get("/en/students/applications/").content.decode()
    # Only the nationalities among the applications are offered, named in the page's language.
    nationalities = re.search(r'<select name="nationality".*?</select>', page, re.S).group()
    assert re.findall(r'<option value="(\w*)"', nationalities) == ["", "AF", "IQ"]
    assert ">Afghanistan</option>" in nationalities
    assert f'<option value="{other.pk}">Epidemiology (MSc) ({other.intake})</option>' in page
    # A program that does not exist is shown as an error; the nationality still narrows the list.
    page = client.get(
        "/en/students/applications/", {"program": "999999", "nationality": "AF"}
    ).content.decode()
    assert 'aria-describedby="id_program_error"' in page
    assert 'id="id_program_error" class="invalid-feedback"' in page
    assert submitted["AF"].reference in page and submitted["IQ"].reference not in page
    page = client.get("/en/students/applications/", {"program": other.pk}).content.decode()
    assert submitted["AF"].reference in page and submitted["IQ"].reference not in page
    assert f'<option value="{other.pk}" selected>' in page
    fa = client.get("/fa/students/applications/", {"nationality": "AF"}).content.decode()
    assert '<option value="AF" selected>افغانستان</option>' in fa


def test_office_list_query_count_does_not_grow_with_rows(client, officer, make_user):
    program = make_program()

    def queries() -> int:
        warm(client, "/en/students/applications/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/students/applications/").status_code == 200
        return len(captured)

    client.force_login(officer)
    for _ in range(2):
        person = make_user(Role.APPLICANT)
        workflow.move(complete_draft(person, program), "submit", by=person)
    few = queries()
    for _ in range(8):
        person = make_user(Role.APPLICANT)
        workflow.move(complete_draft(person, program), "submit", by=person)
    assert queries() == few


def move_url(record, name: str) -> str:
    return f"/en/move/{record._meta.label_lower}/{record.pk}/{name}/"


def test_officers_move_and_managers_decide_on_the_page(client, officer, manager, applicant):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    client.force_login(officer)
    page = client.get(f"/fa/students/applications/{application.pk}/").content.decode()
    assert move_url(application, "start_check")[3:] in page and "/admit/" not in page
    client.post(move_url(application, "start_check"))
    for document in application.documents.all():
        client.post(move_url(document, "verify"))
    client.post(move_url(application, "refer_to_faculty"))
    page = client.get(f"/fa/students/applications/{application.pk}/").content.decode()
    # The decision is shown to an officer, not offered, with whose it is.
    assert move_url(application, "admit")[3:] not in page
    assert "فقط مدیر اداره می‌تواند دربارهٔ پذیرش تصمیم بگیرد." in page
    response = client.post(move_url(application, "admit"))
    assert "Only an office manager can decide on admission." in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.FACULTY_REVIEW
    client.force_login(manager)
    client.post(
        move_url(application, "admit"),
        {
            f"application-{application.pk}-admit-note": "Welcome to Kermanshah!",
            f"application-{application.pk}-admit-request": "Accept the offer in the portal.",
        },
    )
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert "Admitted" in page and "Accept the offer in the portal." in page
    # Her history has the office's message, not the office's names.
    assert "Welcome to Kermanshah!" in page
    assert manager.display_name not in page and officer.display_name not in page
    assert move_url(application, "accept_offer")[3:] in page
    client.post(move_url(application, "accept_offer"))
    application.refresh_from_db()
    assert application.stage == Stage.OFFER_ACCEPTED


def test_the_office_cannot_submit_for_the_applicant_but_may_withdraw_for_her(
    client, officer, applicant
):
    draft = complete_draft(applicant, make_program())
    with pytest.raises(ValidationError, match="Only the applicant can submit"):
        workflow.move(draft, "submit", by=officer)
    application = workflow.move(draft, "submit", by=applicant)
    client.force_login(officer)
    client.post(
        move_url(application, "withdraw"),
        {f"application-{application.pk}-withdraw-note": "She wrote to withdraw."},
    )
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN


def test_registration_makes_an_applicant_who_confirms_by_e_mail(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ckb/accounts/signup/",
            {
                "full_name": "Karwan Ali",
                "email": "karwan@example.org",
                "preferred_language": "ckb",
                "password1": "a-long-passphrase-42",
                "password2": "a-long-passphrase-42",
            },
        )
    assert response.status_code == 302
    person = User.objects.get(email="karwan@example.org")
    assert person.has_role(Role.APPLICANT) and not person.is_office_staff
    assert person.preferred_language == "ckb" and person.full_name == "Karwan Ali"
    message = mail.outbox[-1]
    assert re.search(r"[\u0600-\u06ff]", message.subject)  # in Kurdish, as chosen
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", message.body)[0]
    client.post(link.replace("http://testserver", ""))
    response = client.post(
        "/en/accounts/login/", {"login": "karwan@example.org", "password": "a-long-passphrase-42"}
    )
    assert response["Location"].endswith("/students/my/")


def test_the_eleventh_registration_from_one_address_within_five_minutes_is_refused(client):
    codes = []
    for n in range(11):
        response = client.post(
            "/en/accounts/signup/",
            {
                "full_name": "Someone",
                "email": f"bot{n}@example.org",
                "preferred_language": "en",
                "password1": "a-long-passphrase-42",
                "password2": "a-long-passphrase-42",
            },
        )
        codes.append(response.status_code)
    assert codes == [302] * 10 + [429]
    assert "Too many attempts" in response.content.decode()
    assert User.objects.filter(email__startswith="bot").count() == 10
    assert not User.objects.filter(email="bot10@example.org").exists()


def test_other_list_pages_do_not_grow_queries_with_rows(client, officer):
    from datetime import date

    from students.models import Agent, Procedure, RecognitionIssue, Review

    def add_rows(n: int) -> None:
        for i in range(n):
            make_program(name_en=f"Program {i}", name_fa=f"رشته {i}")
            Agent.objects.create(name=f"Agent {i}", country="IQ")
            procedure = Procedure.objects.create(
                title_fa=f"روش {i}", title_en=f"P {i}", kind="procedure"
            )
            Review.objects.create(
                procedure=procedure,
                phase="plan",
                date=date(2026, 1, 1),
                reviewer=officer,
                findings="-",
            )
            RecognitionIssue.objects.create(
                country="PK", issue=f"Issue {i}", since=date(2025, 1, 1)
            )

    urls = [
        "/en/students/programs/",
        "/en/students/manage/programs/",
        "/en/students/agents/",
        "/en/students/procedures/",
        "/en/students/recognition/",
    ]

    def counts() -> list[int]:
        found = []
        for url in urls:
            warm(client, url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            found.append(len(captured))
        return found

    client.force_login(officer)
    add_rows(2)
    few = counts()
    add_rows(6)
    assert counts() == few


def test_the_applicant_is_asked_for_a_rejected_document_and_not_told_nothing_is_needed(
    client, applicant, officer
):
    application = complete_draft(applicant, make_program())
    workflow.move(application, "submit", by=applicant)
    photo = application.documents.get(type__code="photo")
    workflow.move(photo, "reject", by=officer, note="Blurred")
    client.force_login(applicant)
    with translation.override("en"):
        page = client.get(f"/en/students/my/{application.pk}/").content.decode()
        name = photo.type.name
    assert f"Upload {name} again" in page
    assert "Nothing for now" not in page


@pytest.mark.parametrize(
    ("grade", "direction"), [("86%", "ltr"), ("18.5/20", "ltr"), ("عالی", "rtl")]
)
def test_a_grade_keeps_its_own_direction_on_the_offices_persian_page(
    client, applicant, officer, grade, direction
):
    """In a right-to-left line "86%" showed as "%86": the grade is isolated in its direction."""
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    application.education.update(grade=grade)
    client.force_login(officer)
    page = client.get(f"/fa/students/applications/{application.pk}/").content.decode()
    assert f'<bdi dir="{direction}" data-testid="grade">{grade}</bdi>' in page
