"""The whole recruitment procedure in a browser: a new applicant registers in English, applies,
uploads documents and submits; an officer working in Persian moves the application through the
pipeline; a manager admits it; the applicant sees the decision and accepts. Each e-mail arrives
in its recipient's language."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from intlaffairs.models import Unit
from intlaffairs.roles import Role
from students.models import Application, Program

from .journey import (
    document_types,
    fill_steps,
    messages_to,
    sign_up,
    step_path,
    submit,
    take,
    upload_documents,
    write_files,
)


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
    confirmation = sign_up(applicant, program, full_name="Zahraa Jaber", email="zahraa@example.org")
    assert confirmation.subject.isascii()

    # Applies: four steps, documents, submission.
    fill_steps(applicant, program)
    upload_documents(applicant, [(passport, scan), (photo, picture)])
    screenshot(applicant, "journey-documents-en")
    submit(applicant)
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
