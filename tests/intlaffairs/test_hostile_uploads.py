"""Hostile uploads (ASVS 12): each refused, or stored and served so that it cannot run."""

import io
import re
import struct
import zlib
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from intlaffairs.roles import Role
from intlaffairs.uploads import MAX_PDF_BYTES, too_large_message, validate_document, validate_pdf

from ..students.helpers import PDF_BYTES

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


def pdf_revision(
    *,
    plain: dict[int, bytes],
    compressed: dict[int, bytes] | None = None,
    root: int,
    base: bytes = b"",
) -> bytes:
    """A PDF, or an incremental update appended to `base`, whose `compressed` objects sit in a
    Flate-compressed object stream listed by a cross-reference stream, as PDF 1.5 writers do."""
    compressed = compressed or {}
    out = bytearray(base or b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    previous = re.findall(rb"startxref\s+(\d+)", base)
    entries = {0: (0, 0, 65535)}
    for number, body in plain.items():
        entries[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    numbers = [*plain, *compressed]
    if base:
        numbers.append(int(re.findall(rb"/Size (\d+)", base)[-1]) - 1)
    stream_number = max(numbers) + 1
    if compressed:
        header, bodies = b"", b""
        for index, (number, body) in enumerate(compressed.items()):
            header += b"%d %d " % (number, len(bodies))
            bodies += body + b"\n"
            entries[number] = (2, stream_number, index)
        data = zlib.compress(header + bodies)
        entries[stream_number] = (1, len(out), 0)
        out += b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>stream\n" % (
            stream_number,
            len(compressed),
            len(header),
            len(data),
        )
        out += data + b"\nendstream\nendobj\n"
    xref_number = stream_number + 1
    entries[xref_number] = (1, len(out), 0)
    if base:
        del entries[0]
    rows = sorted(entries.items())
    data = zlib.compress(b"".join(struct.pack(">BIH", *row) for _number, row in rows))
    index = b" ".join(b"%d 1" % number for number, _row in rows)
    prev = b"/Prev %s" % previous[-1] if previous else b""
    xref_at = len(out)
    out += (
        b"%d 0 obj\n<</Type/XRef/Size %d/Index[%s]/W[1 4 2]/Root %d 0 R%s"
        b"/Filter/FlateDecode/Length %d>>stream\n"
        % (xref_number, xref_number + 1, index, root, prev, len(data))
    )
    out += data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


PAGES = {
    2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
}


def test_a_script_inside_a_compressed_object_stream_is_refused():
    content = pdf_revision(
        plain={},
        compressed={
            1: b"<</Type/Catalog/Pages 2 0 R/Names<</JavaScript 4 0 R>>>>",
            **PAGES,
            4: b"<</Names[(x) 5 0 R]>>",
            5: b"<</S/JavaScript/JS(app.alert(1))>>",
        },
        root=1,
    )
    assert b"JavaScript" not in content
    with pytest.raises(ValidationError, match="scripts or embedded files"):
        validate_pdf(upload("report.pdf", content))


def test_an_open_action_script_added_in_an_incremental_update_is_refused():
    # The plain PDF's catalog is object 3; the update replaces it and hides the script.
    update = pdf_revision(
        base=PDF_BYTES,
        plain={3: b"<</Type/Catalog/Pages 2 0 R/OpenAction 5 0 R>>"},
        compressed={5: b"<</S/JavaScript/JS(app.alert(1))>>"},
        root=3,
    )
    assert b"JavaScript" not in update
    with pytest.raises(ValidationError, match="scripts or embedded files"):
        validate_document(upload("signed.pdf", update))


def test_files_embedded_through_the_names_tree_are_refused():
    content = pdf_revision(
        plain={7: b"<</Length 2>>stream\nMZ\nendstream"},
        compressed={
            1: b"<</Type/Catalog/Pages 2 0 R/Names<</EmbeddedFiles 4 0 R>>>>",
            **PAGES,
            4: b"<</Names[(setup.exe) 5 0 R]>>",
            5: b"<</Type/Filespec/F(setup.exe)/EF<</F 7 0 R>>>>",
        },
        root=1,
    )
    with pytest.raises(ValidationError, match="scripts or embedded files"):
        validate_document(upload("cv.pdf", content))


def test_a_link_opened_with_the_document_is_refused():
    content = pdf_revision(
        plain={1: b"<</Type/Catalog/Pages 2 0 R/OpenAction<</S/URI/URI(https://evil.test/)>>>>"}
        | PAGES,
        root=1,
    )
    with pytest.raises(ValidationError, match="scripts or embedded files"):
        validate_pdf(upload("plan.pdf", content))


def test_a_page_action_that_opens_a_link_is_refused():
    content = pdf_revision(
        plain={
            1: b"<</Type/Catalog/Pages 2 0 R>>",
            2: PAGES[2],
            3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
            b"/AA<</O<</S/URI/URI(https://evil.test/)>>>>>>",
        },
        root=1,
    )
    with pytest.raises(ValidationError, match="scripts or embedded files"):
        validate_pdf(upload("plan.pdf", content))


def test_a_file_the_pdf_library_cannot_read_is_refused():
    with pytest.raises(ValidationError, match="could not be read"):
        validate_document(upload("scan.pdf", b"%PDF-1.7\n1 0 obj\n<</Type/Catalog"))


@pytest.mark.parametrize(
    "open_action",
    [b"<</S/GoTo/D[3 0 R/Fit]>>", b"[3 0 R/XYZ 0 842 0]"],
    ids=["goto-action", "destination"],
)
def test_a_pdf_that_opens_on_a_page_is_accepted(open_action):
    content = pdf_revision(
        plain={1: b"<</Type/Catalog/Pages 2 0 R/OpenAction %s>>" % open_action},
        compressed=PAGES,
        root=1,
    )
    assert validate_document(upload("plan.pdf", content)) == "pdf"


def test_ordinary_pdfs_are_accepted():
    from weasyprint import HTML

    weasyprint_pdf = HTML(
        string='<p>Hello <a href="https://www.kums.ac.ir/">KUMS</a></p>'
    ).write_pdf()
    for content in (PDF_BYTES, weasyprint_pdf):
        validate_pdf(upload("letter.pdf", content))
        assert validate_document(upload("letter.pdf", content)) == "pdf"


def test_an_html_named_upload_is_stored_and_served_under_its_detected_type(
    client, applicant, faculty
):
    """`polyglot.html` holding a real PNG (or PDF) keeps nothing of its name: the stored file and
    the download are named from the record, with the extension of the type judged by content."""
    from incentives import services as incentives
    from incentives.models import Certificate
    from students import services
    from students.models import Application, DocumentType

    from ..students.helpers import make_program

    application = Application.objects.create(applicant=applicant, program=make_program())
    photo = services.document_add(
        application=application,
        doc_type=DocumentType.objects.get(code="photo"),
        upload=upload("polyglot.html", png_bytes(size=(300, 400))),
        by=applicant,
    )
    assert photo.file.name.endswith(".png")
    client.force_login(applicant)
    response = client.get(f"/en/students/documents/{photo.pk}/")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith('.png"')
    assert ".html" not in response["Content-Disposition"]

    scan = Certificate(
        person=faculty,
        test="ielts_academic",
        overall=Decimal("6.5"),
        taken_on=date(2026, 5, 1),
        trf_number="26IR000013KERA001A",
    )
    incentives.certificate_add(
        certificate=scan, upload=upload("certificate-13.html", PDF_BYTES), by=faculty
    )
    assert scan.file.name.endswith(".pdf")
    client.force_login(faculty)
    response = client.get(f"/en/incentives/certificates/{scan.pk}/file/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'filename="certificate-{scan.pk}.pdf"')


@pytest.mark.parametrize(("language", "twenty"), [("fa", "۲۰"), ("ckb", "٢٠"), ("en", "20")])
def test_the_size_limit_is_said_in_the_pages_digits(client, language, twenty):
    with translation.override(language):
        message = too_large_message()
    assert twenty in message
    page = client.get(f"/{language}/upload-too-large/").content.decode()
    assert message in page


# --- What each refusal says, and how an accepted file is named, stored and served


def refusal(check, name, content, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        check(upload(name, content), **kwargs)
    return refused.value.messages


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_each_refusal_says_what_is_wrong_in_full():
    assert refusal(validate_pdf, "a.pdf", png_bytes()) == ["The file is not a PDF document."]
    assert refusal(validate_document, "a.txt", b"hello") == ["Upload a PDF, JPEG or PNG file."]
    assert refusal(validate_pdf, "s.pdf", b"%PDF-1.4\n<</S/Launch>>\n%%EOF") == [
        "The PDF contains scripts or embedded files; save it again as a plain PDF."
    ]
    assert refusal(validate_pdf, "b.pdf", b"%PDF-1.4\nnot a pdf at all") == [
        "The PDF could not be read; save it again from the program that made it."
    ]
    assert refusal(validate_document, "b.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40) == [
        "The image could not be read."
    ]
    assert refusal(validate_pdf, "big.pdf", PDF_BYTES, max_bytes=len(PDF_BYTES) - 1) == [
        too_large_message(len(PDF_BYTES) - 1)
    ]
    assert too_large_message(3 * 1024 * 1024) == "The file is larger than 3 MB."
    assert too_large_message() == "The file is larger than 20 MB."


def test_a_file_of_exactly_the_limit_is_accepted():
    assert validate_pdf(upload("a.pdf", PDF_BYTES), max_bytes=len(PDF_BYTES)) is None
    assert validate_document(upload("a.pdf", PDF_BYTES), max_bytes=len(PDF_BYTES)) == "pdf"


def test_images_are_judged_by_their_content_and_read_from_the_start_after():
    from intlaffairs.uploads import validate_image

    picture = upload("photo.pdf", jpeg_bytes())
    assert validate_document(picture) == "jpeg"
    assert picture.tell() == 0
    assert validate_image(upload("logo.bin", png_bytes())) == "png"
    assert validate_image(upload("stamp.png", jpeg_bytes())) == "jpeg"
    assert refusal(validate_image, "logo.png", PDF_BYTES) == ["Upload a PNG or JPEG image."]
    assert refusal(validate_image, "big.png", png_bytes(), max_bytes=10) == [too_large_message(10)]
    big = png_bytes(size=(3000, 3000))
    assert len(big) < 2 * 1024 * 1024
    # 9 megapixels are fine; more than the limit is refused before Pillow decodes it.
    assert validate_document(upload("big.png", big)) == "png"


def test_too_many_pixels_are_refused_even_below_pillows_own_limit(monkeypatch):
    from intlaffairs import uploads

    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 20 * 20 - 1)
    assert refusal(validate_document, "a.png", png_bytes((20, 20))) == ["The image is too large."]
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 20 * 20)
    assert validate_document(upload("a.png", png_bytes((20, 20)))) == "png"


def test_the_kind_is_read_from_the_first_bytes_and_the_position_kept():
    from intlaffairs.uploads import detect_kind

    file = upload("x", png_bytes())
    file.seek(5)
    assert detect_kind(file) == "png"
    assert file.tell() == 5
    assert detect_kind(upload("x", b"\xff\xd8\xff\xe0rest")) == "jpeg"
    assert detect_kind(upload("x", PDF_BYTES)) == "pdf"
    assert detect_kind(upload("x", b"GIF89a")) is None


def test_a_stored_file_gets_a_generated_name_and_only_a_known_extension(settings):
    from django.core.exceptions import SuspiciousFileOperation

    from intlaffairs.uploads import upload_path

    path = upload_path("agreements/3", "upload.pdf")
    assert re.fullmatch(r"agreements/3/\d{14}-[0-9a-f]{8}\.pdf", path)
    assert upload_path("x", "upload.jpg").endswith(".jpg")
    assert upload_path("x", "upload.png") != upload_path("x", "upload.png")
    with pytest.raises(SuspiciousFileOperation, match="not a PDF, PNG or JPEG"):
        upload_path("x", "upload.unknown")
    with pytest.raises(SuspiciousFileOperation):
        upload_path("x", "page.html")


def test_a_checked_pdf_is_stored_for_its_record_and_served_as_an_attachment(officer):
    from agreements.models import SignedFile

    from ..factories import AgreementFactory

    agreement = AgreementFactory()
    given = upload("a" * 300 + ".pdf", PDF_BYTES)
    stored = SignedFile.store(upload=given, title="Signed", by=officer, agreement=agreement)
    stored.refresh_from_db()
    assert (stored.agreement, stored.title, stored.uploaded_by) == (agreement, "Signed", officer)
    assert stored.original_name == given.name == "a" * 251 + ".pdf"
    assert stored.size == len(PDF_BYTES)
    assert str(stored) == "Signed"
    assert re.fullmatch(rf"agreements/{agreement.pk}/\d{{14}}-[0-9a-f]{{8}}\.pdf", stored.file.name)
    assert stored.download_name == f"signedfile-{stored.pk}"
    response = stored.as_attachment()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="signedfile-{stored.pk}.pdf"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(response.streaming_content) == PDF_BYTES
    with pytest.raises(ValidationError, match=r"^\['The file is not a PDF document.'\]$"):
        SignedFile.store(
            upload=upload("x.pdf", png_bytes()), title="T", by=officer, agreement=agreement
        )
    assert SignedFile.objects.count() == 1


def test_a_download_is_named_from_the_record_and_typed_by_its_content(tmp_path):
    from django.core.files import File

    from intlaffairs.uploads import file_response

    unknown = tmp_path / "x"
    unknown.write_bytes(b"plain text")
    response = file_response(File(unknown.open("rb"), name=str(unknown)), name="")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="file.bin"'
    picture = tmp_path / "y"
    picture.write_bytes(jpeg_bytes())
    response = file_response(File(picture.open("rb"), name=str(picture)), name="Visa of A. B.")
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="visa-of-a-b.jpg"'


# --- Each layer of the PDF check on its own (mutation testing, issue 25)


def passive_pdf(extra: dict[int, bytes], *, compressed=None, catalog=b"") -> bytes:
    return pdf_revision(
        plain={1: b"<</Type/Catalog/Pages 2 0 R%s>>" % catalog, **PAGES, **extra},
        compressed=compressed,
        root=1,
    )


SCRIPT_MESSAGE = ["The PDF contains scripts or embedded files; save it again as a plain PDF."]
UNREADABLE_MESSAGE = ["The PDF could not be read; save it again from the program that made it."]


@pytest.mark.parametrize("escaped", [b"/#4Aava#53cript", b"/#4aava#53cript"], ids=["AF", "af"])
def test_escaped_names_in_an_object_no_table_lists_are_refused(escaped):
    # Appended after the last %%EOF with no new table: only the text check sees it.
    content = PDF_BYTES + b"\n9 0 obj<</S%s>>endobj\n" % escaped
    assert refusal(validate_pdf, "a.pdf", content) == SCRIPT_MESSAGE


@pytest.mark.parametrize(
    ("passive", "active"),
    [
        (b"<</S/GoTo>>", b"<</S/JavaScript>>"),
        (b"<</K[/Fit]>>", b"<</K[/Launch]>>"),
        (b"<</T(app.alert(1))>>", b"<</JS(app.alert(1))>>"),
        (b"<</K<</F 0>>>>", b"<</K<</EmbeddedFile 0>>>>"),
    ],
    ids=["name-value", "name-in-array", "active-key", "nested"],
)
def test_the_parsed_check_alone_finds_active_names(passive, active):
    from intlaffairs.uploads import _parsed_pdf_is_passive

    assert _parsed_pdf_is_passive(passive_pdf({4: b"<</K %s>>" % passive}))
    assert not _parsed_pdf_is_passive(passive_pdf({4: b"<</K %s>>" % active}))


def test_the_parsed_check_looks_at_the_trailer():
    from intlaffairs.uploads import _parsed_pdf_is_passive

    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    body += b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    xref_at = len(body)
    offsets = [body.index(b"1 0 obj"), body.index(b"2 0 obj")]
    table = b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    for extra, passive in ((b"/Info<</Title(x)>>", True), (b"/X<</S/Launch>>", False)):
        content = (
            body
            + table
            + b"trailer<</Root 1 0 R/Size 3%s>>\nstartxref\n%d\n%%%%EOF\n"
            % (
                extra,
                xref_at,
            )
        )
        assert _parsed_pdf_is_passive(content) is passive


def test_a_compressed_catalog_that_opens_a_link_is_refused():
    content = pdf_revision(
        plain=PAGES,
        compressed={1: b"<</Type/Catalog/Pages 2 0 R/OpenAction<</S/URI/URI(https://e.test/)>>>>"},
        root=1,
    )
    assert refusal(validate_pdf, "a.pdf", content) == SCRIPT_MESSAGE


def test_a_script_in_an_object_stream_a_later_revision_replaced_is_refused():
    first = pdf_revision(
        plain={1: b"<</Type/Catalog/Pages 2 0 R>>", **PAGES},
        compressed={5: b"<</S/JavaScript/JS(app.alert(1))>>"},
        root=1,
    )
    update = pdf_revision(base=first, plain={5: b"null"}, root=1)
    assert b"JavaScript" not in update
    assert refusal(validate_pdf, "a.pdf", update) == SCRIPT_MESSAGE


def test_names_in_a_page_content_stream_are_not_actions():
    # A font resource called /JS in a compressed page stream is only a name on the page.
    stream = zlib.compress(b"BT /JS 12 Tf (hello) Tj ET")
    content = passive_pdf(
        {
            3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
            4: b"<</Filter/FlateDecode/Length %d>>stream\n%s\nendstream" % (len(stream), stream),
        }
    )
    assert validate_pdf(upload("a.pdf", content)) is None


@pytest.mark.parametrize(("opening", "closing"), [(b"[", b"]"), (b"<</A ", b">>")])
def test_direct_nesting_is_read_to_its_limit_and_refused_beyond(opening, closing):
    from intlaffairs.uploads import MAX_PDF_DEPTH

    def nested(depth: int) -> bytes:
        return passive_pdf({4: opening * depth + b"0" + closing * depth})

    assert validate_pdf(upload("a.pdf", nested(MAX_PDF_DEPTH))) is None
    assert refusal(validate_pdf, "a.pdf", nested(MAX_PDF_DEPTH + 1)) == UNREADABLE_MESSAGE


GOTO = b"<</S/GoTo/D[3 0 R/Fit]%s>>"
URI = b"<</S/URI/URI(https://evil.test/)>>"


@pytest.mark.parametrize(
    ("action", "accepted"),
    [
        (GOTO % (b"/Next" + GOTO % b""), True),
        (GOTO % (b"/Next[%s %s]" % (GOTO % b"", GOTO % b"")), True),
        (GOTO % (b"/Next" + URI), False),
        (GOTO % (b"/Next[%s %s]" % (GOTO % b"", URI)), False),
    ],
    ids=["goto-then-goto", "goto-then-gotos", "goto-then-link", "goto-then-goto-and-link"],
)
@pytest.mark.parametrize("where", ["open", "page"])
def test_actions_following_a_goto_are_checked_too(action, accepted, where):
    if where == "open":
        content = passive_pdf({}, catalog=b"/OpenAction " + action)
    else:
        page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/AA<</O %s>>>>" % action
        content = passive_pdf({3: page})
    if accepted:
        assert validate_pdf(upload("a.pdf", content)) is None
    else:
        assert refusal(validate_pdf, "a.pdf", content) == SCRIPT_MESSAGE


def test_a_pdf_encrypted_without_a_password_to_open_it_is_read():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF_BYTES)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert validate_pdf(upload("a.pdf", buffer.getvalue())) is None
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF_BYTES)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert refusal(validate_pdf, "a.pdf", buffer.getvalue()) == UNREADABLE_MESSAGE


def test_a_pdf_with_a_damaged_table_is_repaired_and_read():
    content = passive_pdf({}).replace(b"startxref\n", b"startxref\n9")
    assert validate_pdf(upload("a.pdf", content)) is None


def test_checked_uploads_are_left_at_their_start_whether_accepted_or_not():
    for check, content in ((validate_pdf, PDF_BYTES), (validate_document, PDF_BYTES)):
        accepted = upload("a.pdf", content)
        check(accepted)
        assert accepted.tell() == 0
    for check, content in ((validate_pdf, png_bytes()), (validate_document, b"plain text")):
        refused = upload("a.pdf", content)
        with pytest.raises(ValidationError):
            check(refused)
        assert refused.tell() == 0


def test_an_image_of_exactly_the_image_limit_is_accepted():
    from intlaffairs.uploads import validate_image

    picture = png_bytes()
    assert validate_image(upload("a.png", picture), max_bytes=len(picture)) == "png"


def test_a_decompression_bomb_says_the_image_is_too_large():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    assert refusal(validate_document, "bomb.png", buffer.getvalue()) == ["The image is too large."]


def test_a_stored_name_keeps_only_its_last_extension():
    from django.core.exceptions import SuspiciousFileOperation

    from intlaffairs.uploads import upload_path

    assert upload_path("x", "page.html.pdf").endswith(".pdf")
    assert re.fullmatch(r"x/\d{14}-[0-9a-f]{8}\.pdf", upload_path("x", "pdf"))
    with pytest.raises(SuspiciousFileOperation) as refused:
        upload_path("x", "report.pdf.html")
    assert refused.value.args == ("Refusing to store a file that is not a PDF, PNG or JPEG.",)


def test_a_saved_file_is_named_by_its_detected_type_and_its_record_saved(
    officer, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from agreements.models import SignedFile
    from intlaffairs.uploads import DetectedTypeFieldFile, UploadField

    from ..factories import AgreementFactory

    settings.MEDIA_ROOT = str(tmp_path)
    stored = SignedFile.store(
        upload=upload("a.pdf", PDF_BYTES), title="T", by=officer, agreement=AgreementFactory()
    )
    stored.file.save("picture.pdf", ContentFile(png_bytes()))
    stored.refresh_from_db()
    assert stored.file.name.endswith(".png")
    # With a plain upload_to the name the type gives shows: unknown content is "unknown".
    field = UploadField(upload_to="plain")
    field.set_attributes_from_name("file")
    record = type("Record", (), {})()
    fieldfile = DetectedTypeFieldFile(record, field, None)
    fieldfile.save("page.html", ContentFile(b"<html>"), save=False)
    assert re.fullmatch(r"plain/upload(_\w+)?\.unknown", fieldfile.name)


def test_an_image_pillow_only_warns_about_is_accepted():
    # An animation header claiming no frames: Pillow warns and shows the still picture. Only
    # the decompression-bomb warning is a refusal.
    picture = png_bytes()
    data = struct.pack(">II", 0, 0)
    chunk = struct.pack(">I", len(data)) + b"acTL" + data
    chunk += struct.pack(">I", zlib.crc32(b"acTL" + data))
    after_header = 8 + 25  # the signature, then IHDR's length, type, 13 bytes and CRC
    odd = picture[:after_header] + chunk + picture[after_header:]
    with pytest.warns(UserWarning, match="Invalid APNG"):
        assert validate_document(upload("a.png", odd)) == "png"
