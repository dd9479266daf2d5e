"""Hostile uploads (ASVS 12): each refused, or stored and served so that it cannot run."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from intlaffairs.roles import Role
from intlaffairs.uploads import MAX_PDF_BYTES, validate_document, validate_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def png_bytes(size=(20, 20), mode="RGB") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.pdf", b"<!doctype html><script>alert(1)</script>", "Upload a PDF, JPEG or PNG"),
        (
            "logo.png",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "Upload a PDF",
        ),
        (
            "script.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n"
            b"2 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF",
            "scripts or embedded files",
        ),
        (
            "escaped.pdf",
            b"%PDF-1.4\n2 0 obj<</S/J#61vaScript/J#53(app.alert(1))>>endobj\n%%EOF",
            "scripts or embedded files",
        ),
        (
            "attached.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Filespec/EF<</F 2 0 R>>/Type/EmbeddedFile>>endobj\n%%EOF",
            "scripts or embedded files",
        ),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "could not be read"),
    ],
)
def test_hostile_files_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_document(upload(name, content))


def test_a_pdf_with_a_script_is_refused_by_the_pdf_only_check_too():
    with pytest.raises(ValidationError, match="scripts"):
        validate_pdf(upload("s.pdf", b"%PDF-1.7\n<</Type/Action/S/Launch/F(cmd.exe)>>\n%%EOF"))


def test_an_oversize_file_is_refused_before_it_is_read():
    big = upload("big.pdf", b"%PDF-1.4\n" + b"0" * (MAX_PDF_BYTES + 1))
    with pytest.raises(ValidationError, match="larger than 20 MB"):
        validate_document(big)


def test_a_decompression_bomb_image_is_refused():
    # 10,000 × 10,000 one-bit pixels compress to a few kilobytes but are 100 megapixels.
    bomb = png_bytes(size=(10_000, 10_000), mode="1")
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError, match="too large"):
        validate_document(upload("bomb.png", bomb))


def test_a_png_html_polyglot_is_stored_but_served_inert(client, applicant):
    """A real PNG with HTML appended passes the image check; it is then only ever served as
    an attachment, with nosniff and a sandboxing CSP, so a browser never runs it."""
    from students import services
    from students.models import Application, DocumentType

    from ..students.helpers import make_program

    polyglot = png_bytes() + b"<html><script>alert(document.cookie)</script></html>"
    application = Application.objects.create(applicant=applicant, program=make_program())
    passport = DocumentType.objects.get(code="passport")
    document = services.document_add(
        application=application,
        doc_type=passport,
        upload=upload("passport.png", polyglot),
        by=applicant,
    )
    client.force_login(applicant)
    for url in (
        f"/en/students/documents/{document.pk}/",
        f"/en/students/documents/{document.pk}/?preview=1",
    ):
        response = client.get(url)
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"].startswith("sandbox")
        assert "default-src 'none'" in response["Content-Security-Policy"]


def test_more_files_than_a_field_takes_store_one(client, make_user):
    from students.models import Application, Document, DocumentType

    from ..students.helpers import make_program, pdf

    person = make_user(Role.APPLICANT)
    application = Application.objects.create(applicant=person, program=make_program())
    passport = DocumentType.objects.get(code="passport")
    client.force_login(person)
    client.post(
        f"/en/students/my/{application.pk}/documents/",
        {"type": passport.pk, "file": [pdf("one.pdf"), pdf("two.pdf"), pdf("three.pdf")]},
    )
    assert Document.objects.filter(application=application).count() == 1
