"""The steps the browser journeys share: the documents a program asks for, a visitor signing up
from a program's page and applying to it, and taking a workflow step from its button."""

import io
import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from students.models import DocumentType

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
    """A small PDF scan and a PNG photograph on disk, for the file inputs."""
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
    # Wait for the answer to this POST, not just the current page: the next step may be
    # another person's, in another browser, and must find this one done.
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def open_step(page, record, name: str):
    """The form of a step that asks for data, opened; returns the form."""
    form = page.locator(f"form[action$='{step_path(record, name)}']")
    page.locator("details.workflow-step", has=form).locator("summary").click()
    return form


def sign_up(page, program, *, full_name: str, email: str, language: str = "en"):
    """From the program's page in English: create an account, confirm the address from the
    e-mail's link and land on the new application's first step. Returns the confirmation."""
    page.goto(f"/en/students/programs/{program.pk}/")
    page.click("text=Create an account to apply")
    page.fill("#id_full_name", full_name)
    page.fill("#id_email", email)
    page.select_option("#id_preferred_language", language)
    page.fill("#id_password1", "a-long-passphrase-42")
    page.fill("#id_password2", "a-long-passphrase-42")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/confirm-email/")
    confirmation = messages_to(email)[-1]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body)[0]
    page.goto(link)
    # Confirming signs them in and opens a draft for the program they chose.
    page.click("main form button[type=submit]")
    page.wait_for_url("**/step/1/")
    return confirmation


def fill_steps(
    page,
    program,
    *,
    given: str = "Zahraa",
    family: str = "Jaber",
    native: tuple[str, str] = ("زهراء", "جابر"),
    nationality: str = "IQ",
) -> None:
    """The application's four steps, from step 1 to the documents page."""
    page.fill("#id_given_name", given)
    page.fill("#id_family_name", family)
    page.fill("#id_native_given_name", native[0])
    page.fill("#id_native_family_name", native[1])
    page.select_option("#id_sex", "female")
    page.fill("#id_birth_date", "2004-05-01")
    page.select_option("#id_nationality", nationality)
    page.click("button[name=next]")
    page.wait_for_url("**/step/2/")
    page.fill("#id_passport_number", "A1234567")
    page.fill("#id_passport_expires_on", str(timezone.localdate() + timedelta(days=1500)))
    page.fill("#id_phone", "+964 770 123 4567")
    page.click("button[name=next]")
    page.wait_for_url("**/step/3/")
    page.fill("#id_education-0-qualification", "Secondary school diploma")
    page.fill("#id_education-0-institution", "Baghdad College")
    page.select_option("#id_education-0-country", nationality)
    page.fill("#id_education-0-graduated_in", "2023")
    page.click("button[name=next]")
    page.wait_for_url("**/step/4/")
    # The program chosen on its page is already the application's.
    assert page.locator("#id_program").input_value() == str(program.pk)
    page.select_option("#id_channel", "website")
    page.click("button[name=next]")
    page.wait_for_url("**/documents/")


def upload_documents(page, uploads) -> None:
    """`uploads`: (document type, path) pairs, each sent from its own form."""
    for doc_type, path in uploads:
        page.set_input_files(f"#file-{doc_type.pk}", str(path))
        page.locator("form", has=page.locator(f"#file-{doc_type.pk}")).locator("button").click()
        page.wait_for_load_state()


def submit(page) -> None:
    page.click("text=Review and submit")
    page.click("text=Submit the application")
    page.wait_for_load_state()
