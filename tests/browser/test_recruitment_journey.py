"""The whole recruitment procedure in a browser: a new applicant registers in English, applies,
uploads documents and submits; an officer working in Persian moves the application through the
pipeline; a manager admits it; the applicant sees the decision and accepts. Each e-mail arrives
in its recipient's language."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from intlaffairs.models import Unit
from intlaffairs.roles import Role
from students.models import Application, DocumentType, Program

from ..students.helpers import PDF_BYTES


def document_types():
    """The data migration's rows are flushed between transactional tests: make the two we use."""
    passport = DocumentType.objects.get_or_create(
        code="passport",
        defaults={"name_fa": "گذرنامه", "name_en": "Passport (data page)", "name_ckb": "پاسپۆرت"},
    )[0]
    photo = DocumentType.objects.get_or_create(
        code="photo",
        defaults={
            "name_fa": "عکس",
            "name_en": "Photograph",
            "name_ckb": "وێنە",
            "is_photo": True,
        },
    )[0]
    return passport, photo


def write_files(tmp_path):
    from PIL import Image

    scan = tmp_path / "passport.pdf"
    scan.write_bytes(PDF_BYTES)
    photo = tmp_path / "photo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (360, 480), (210, 220, 230)).save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    return scan, photo


def messages_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def step_path(record, name: str) -> str:
    return f"/move/{record._meta.label_lower}/{record.pk}/{name}/"


def take(page, record, name: str) -> None:
    """Take a workflow step from its button, opening its form first if it has one."""
    form = page.locator(f"form[action$='{step_path(record, name)}']")
    step = page.locator("details.workflow-step", has=form)
    if step.count():
        step.locator("summary").click()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_applicant_is_admitted_through_the_portal(new_context, make_user, screenshot, tmp_path):
    passport, photo = document_types()
    program = Program.objects.create(
        name_fa="پزشکی عمومی",
        name_en="Medicine (MD)",
        name_ckb="پزیشکیی گشتی",
        unit=Unit.objects.create(name_fa="دانشکدهٔ پزشکی", name_en="School of Medicine"),
        degree="md",
        duration_years=7,
        tuition=6500,
        intake=1405,
        capacity=40,
        deadline=timezone.localdate() + timedelta(days=30),
    )
    program.required_documents.set([passport, photo])
    officer = make_user(Role.OFFICER, email="officer@kums.example", preferred_language="fa")
    manager = make_user(Role.MANAGER, email="manager@kums.example", preferred_language="fa")
    scan, picture = write_files(tmp_path)

    # The applicant registers in English and confirms the address.
    applicant = new_context().new_page()
    applicant.goto(f"/en/students/programs/{program.pk}/")
    applicant.click("text=Create an account to apply")
    applicant.fill("#id_full_name", "Zahraa Jaber")
    applicant.fill("#id_email", "zahraa@example.org")
    applicant.select_option("#id_preferred_language", "en")
    applicant.fill("#id_password1", "a-long-passphrase-42")
    applicant.fill("#id_password2", "a-long-passphrase-42")
    applicant.click("main form button[type=submit]")
    applicant.wait_for_url("**/accounts/confirm-email/")
    confirmation = messages_to("zahraa@example.org")[-1]
    assert confirmation.subject.isascii()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body)[0]
    applicant.goto(link)
    # Confirming signs her in and opens a draft for the program she chose.
    applicant.click("main form button[type=submit]")
    applicant.wait_for_url("**/step/1/")

    # Applies: four steps, documents, submission.
    applicant.fill("#id_given_name", "Zahraa")
    applicant.fill("#id_family_name", "Jaber")
    applicant.fill("#id_native_given_name", "زهراء")
    applicant.fill("#id_native_family_name", "جابر")
    applicant.select_option("#id_sex", "female")
    applicant.fill("#id_birth_date", "2004-05-01")
    applicant.select_option("#id_nationality", "IQ")
    applicant.click("button[name=next]")
    applicant.wait_for_url("**/step/2/")
    applicant.fill("#id_passport_number", "A1234567")
    applicant.fill("#id_passport_expires_on", str(timezone.localdate() + timedelta(days=1500)))
    applicant.fill("#id_phone", "+964 770 123 4567")
    applicant.click("button[name=next]")
    applicant.wait_for_url("**/step/3/")
    applicant.fill("#id_education-0-qualification", "Secondary school diploma")
    applicant.fill("#id_education-0-institution", "Baghdad College")
    applicant.select_option("#id_education-0-country", "IQ")
    applicant.fill("#id_education-0-graduated_in", "2023")
    applicant.click("button[name=next]")
    applicant.wait_for_url("**/step/4/")
    applicant.select_option("#id_program", str(program.pk))
    applicant.select_option("#id_channel", "website")
    applicant.click("button[name=next]")
    applicant.wait_for_url("**/documents/")
    applicant.set_input_files(f"#file-{passport.pk}", str(scan))
    applicant.locator("form", has=applicant.locator(f"#file-{passport.pk}")).locator(
        "button"
    ).click()
    applicant.wait_for_load_state()
    applicant.set_input_files(f"#file-{photo.pk}", str(picture))
    applicant.locator("form", has=applicant.locator(f"#file-{photo.pk}")).locator("button").click()
    applicant.wait_for_load_state()
    screenshot(applicant, "journey-documents-en")
    applicant.click("text=Review and submit")
    applicant.click("text=Submit the application")
    applicant.wait_for_load_state()
    application = Application.objects.get(applicant__email="zahraa@example.org")
    assert application.stage == "submitted"
    assert application.reference in applicant.inner_text("main")

    # An officer working in Persian checks the documents and refers the file.
    office = new_context(officer).new_page()
    office.goto("/fa/students/applications/")
    office.click(f"text={application.reference}")
    take(office, application, "start_check")
    for document in application.documents.all():
        take(office, document, "verify")
    take(office, application, "refer_to_faculty")
    # The decision is the manager's: shown to the officer, not offered.
    assert not office.locator(f"form[action$='{step_path(application, 'admit')}']").count()
    screenshot(office, "journey-officer-fa")

    # A manager admits.
    decision = new_context(manager).new_page()
    decision.goto(f"/fa/students/applications/{application.pk}/")
    prefix = f"#id_application-{application.pk}-admit"
    admit = decision.locator(f"form[action$='{step_path(application, 'admit')}']")
    decision.locator("details.workflow-step", has=admit).locator("summary").click()
    decision.fill(f"{prefix}-note", "Welcome to Kermanshah!")
    decision.fill(f"{prefix}-request", "Accept the offer in the portal.")
    decision.locator(
        f"form[action$='{step_path(application, 'admit')}'] button[type=submit]"
    ).click()
    decision.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == "admitted"

    # The applicant sees the decision and accepts the offer.
    applicant.goto(f"/en/students/my/{application.pk}/")
    assert applicant.inner_text("[data-testid=stage]") == "Admitted"
    assert "Accept the offer in the portal." in applicant.inner_text("main")
    screenshot(applicant, "journey-admitted-en")
    applicant.locator(
        f"form[action$='{step_path(application, 'accept_offer')}'] button[type=submit]"
    ).click()
    applicant.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == "offer_accepted"

    # Every message in its reader's language.
    to_applicant = [m.subject for m in messages_to("zahraa@example.org")]
    assert any(s.startswith("We have received your application") for s in to_applicant)
    assert any("Admitted" in s for s in to_applicant)
    assert all(s.isascii() or application.reference in s for s in to_applicant)
    to_officer = [m.subject for m in messages_to(officer.email)]
    assert to_officer == [
        f"درخواست تازهٔ {application.reference}",
        f"پیشنهاد پذیرش قبول شد: {application.reference}",  # her answer to the offer
    ]
    assert not messages_to(manager.email) or all(
        re.search("[\u0600-\u06ff]", m.subject) for m in messages_to(manager.email)
    )
