"""Builders for recruitment tests: a program, a complete draft, real uploads."""

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from intlaffairs.models import Unit
from students.models import Application, DocumentType, Education, Program


def plain_pdf(*, title: str = "") -> bytes:
    """A real one-page PDF (uploads are parsed, so a bare header is refused)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if title:
        writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = plain_pdf()


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def png(name: str = "photo.png", size=(300, 400)) -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (220, 220, 220)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_program(*, degree: str = "md", documents=("passport", "photo"), **kwargs) -> Program:
    unit = Unit.objects.get_or_create(name_en="School of Medicine", defaults={"name_fa": "پزشکی"})[
        0
    ]
    defaults = {
        "name_fa": "پزشکی عمومی",
        "name_en": "Medicine (MD)",
        "name_ckb": "پزیشکیی گشتی",
        "unit": unit,
        "degree": degree,
        "duration_years": 7,
        "tuition": 6500,
        "intake": 1405,
        "capacity": 30,
        "deadline": timezone.localdate() + timedelta(days=60),
    }
    program = Program.objects.create(**{**defaults, **kwargs})
    program.required_documents.set(DocumentType.objects.filter(code__in=documents))
    return program


def complete_draft(applicant, program: Program) -> Application:
    """A draft with every field filled and every document uploaded: ready to submit."""
    from students import services

    application = Application.objects.create(
        applicant=applicant,
        program=program,
        given_name="Zahraa",
        family_name="Jaber",
        native_name="زهراء جابر",
        sex="female",
        birth_date=date(2004, 5, 1),
        nationality="IQ",
        passport_number="A1234567",
        passport_expires_on=timezone.localdate() + timedelta(days=1000),
        phone="+964 770 123 4567",
        channel="website",
    )
    Education.objects.create(
        application=application,
        institution="Baghdad College",
        country="IQ",
        qualification="Secondary school diploma",
        graduated_in=2023,
    )
    for doc_type in program.required_documents.all():
        upload = png() if doc_type.is_photo else pdf()
        services.document_add(
            application=application, doc_type=doc_type, upload=upload, by=applicant
        )
    return application


def fee_schedule(program: Program, **amounts):
    """The program's fees for its intake: USD 100, 1000 and a year's tuition of 6500."""
    from students.models import FeeSchedule

    defaults = {"application_fee": 100, "deposit": 1000, "tuition": 6500, "currency": "USD"}
    return FeeSchedule.objects.create(
        program=program, intake=program.intake, **{**defaults, **amounts}
    )


def tuition_paid(application: Application, officer):
    """The tuition invoice issued from the program's schedule (made if missing) and paid."""
    from students import fees
    from students.models import FeeSchedule

    if not FeeSchedule.objects.filter(program=application.program).exists():
        fee_schedule(application.program)
    invoice = fees.invoice_issue(application=application, kind="tuition", by=officer)
    fees.payment_confirm(invoice=invoice, amount=invoice.amount, by=officer)
    invoice.refresh_from_db()
    return invoice
