"""Documents of record: numbering, issuing once, the stored PDF with its number, code and QR
code, the public check of a code, revoking, downloads and their names, the letterhead, and the
register's query count."""

import io
import re
import subprocess
import threading
from datetime import UTC, date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation
from PIL import Image

from intlaffairs import documents, jalali, pdf
from intlaffairs.models import IssuedDocument, Letterhead
from tests.queries import page_queries

from ..reports.test_pdf import pdf_text

pytestmark = pytest.mark.django_db

Kind = IssuedDocument.Kind


def statement(person, by, *, year: str = "1405", **kwargs) -> IssuedDocument:
    """A faculty member's promotion-point statement, issued through the core."""
    return documents.document_issue(
        kind=Kind.POINTS_STATEMENT, record=person, scope=year, language="en", by=by, **kwargs
    )


def png(size=(40, 40), color="navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


# --- Numbers


def test_numbers_are_sequential_per_kind_and_solar_hijri_year():
    autumn_1405 = date(2026, 12, 5)
    spring_1406 = date(2027, 3, 25)
    numbers = [
        documents.document_number_next(kind=Kind.ADMISSION_LETTER, on=autumn_1405)[2],
        documents.document_number_next(kind=Kind.ADMISSION_LETTER, on=autumn_1405)[2],
        documents.document_number_next(kind=Kind.IA_LETTER, on=autumn_1405)[2],
        documents.document_number_next(kind=Kind.ADMISSION_LETTER, on=spring_1406)[2],
        documents.document_number_next(kind=Kind.ADMISSION_LETTER, on=autumn_1405)[2],
    ]
    assert numbers == [
        "ADM-1405-0001",
        "ADM-1405-0002",
        "IAL-1405-0001",
        "ADM-1406-0001",
        "ADM-1405-0003",
    ]


def test_issuing_again_gives_the_valid_document_and_reissuing_replaces_it(faculty, manager):
    first = statement(faculty, manager)
    assert statement(faculty, manager) == first
    assert IssuedDocument.objects.count() == 1
    other_year = statement(faculty, manager, year="1404")
    assert other_year.number != first.number
    second = statement(faculty, manager, reissue=True)
    first.refresh_from_db()
    assert (second.number, second.sequence) == (f"PPS-{second.year}-0003", 3)
    assert second.code != first.code
    assert first.revoked_at is not None and first.revoked_by == manager
    assert first.replaced_by == second
    assert first.revocation_reason == "با صدور دوبارهٔ سند جایگزین شد."


def test_the_pdf_carries_the_number_both_dates_and_the_code_and_downloads_unchanged(
    client, faculty, manager, tmp_path
):
    faculty.full_name = "Ali Hassan"
    faculty.save()
    document = statement(faculty, manager)
    stored = document.file.open("rb").read()
    text = pdf_text(stored, tmp_path)
    assert document.number in text
    assert documents.codes.grouped(document.code) in text
    assert f"/en/verify/{document.code}/" in text
    dates = jalali.format_both_calendars(document.issued_at, "en")
    assert dates["solar_hijri"] in text and dates["gregorian"] in text
    client.force_login(manager)
    response = client.get(f"/en/documents/{document.pk}/download/")
    assert b"".join(response.streaming_content) == stored
    assert statement(faculty, manager).file.open("rb").read() == stored


def test_the_qr_code_is_drawn_from_the_full_verification_address(
    monkeypatch, settings, faculty, manager
):
    settings.PORTAL_URL = "https://portal.test"
    seen = {}
    render = pdf.render_pdf

    def keep_context(template, context, *, language):
        seen.update(context)
        return render(template, context, language=language)

    monkeypatch.setattr(documents.pdf, "render_pdf", keep_context)
    document = statement(faculty, manager)
    url = f"https://portal.test/en/verify/{document.code}/"
    assert seen["verify_url"] == url
    assert seen["qr"] == documents.data_uri(documents.qr_svg(url), "image/svg+xml")
    assert b"<svg" in documents.qr_svg(url) and documents.qr_svg(url) != documents.qr_svg(url + "x")


# --- The public check


def test_a_valid_document_is_shown_with_what_it_states(client, faculty, manager):
    faculty.full_name, faculty.full_name_native = "Ali Hassan", "علی حسن"
    faculty.save()
    document = statement(faculty, manager)
    page = client.get(f"/en/verify/{document.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "This document is valid." in html
    for fragment in (document.number, "Ali Hassan", "علی حسن", "Promotion points statement"):
        assert fragment in html


def test_codes_typed_in_lower_case_with_dashes_spaces_and_persian_digits_are_found(
    client, faculty, manager
):
    document = statement(faculty, manager)
    persian = document.code.lower().translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    typed = f" {persian[:5]} - {persian[5:]} "
    response = client.get("/fa/verify/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/fa/verify/{document.code}/"
    arabic = document.code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.get(f"/ckb/verify/{arabic[:5]}-{arabic[5:]}/").status_code == 200


def test_a_revoked_document_says_so_with_the_date_but_not_the_reason(client, faculty, manager):
    document = statement(faculty, manager)
    documents.document_revoke(document=document, by=manager, reason="Issued to the wrong person")
    html = client.get(f"/en/verify/{document.code}/").content.decode()
    assert "This document has been revoked." in html
    assert "This document is valid." not in html
    assert "wrong person" not in html


def test_an_unknown_or_forged_code_says_no_document_has_it(client, faculty, manager):
    statement(faculty, manager)
    unknown = client.get("/en/verify/ABCDE-FGHJK/")
    assert unknown.status_code == 404
    assert "No document has this code." in unknown.content.decode()
    assert "The portal has issued no document with this code." in unknown.content.decode()
    forged = client.get("/en/verify/IO01L-XXXXX/")
    assert "This is not a code the portal gives" in forged.content.decode()
    with translation.override("fa"):
        persian = client.get("/fa/verify/ABCDE-FGHJK/").content.decode()
        assert translation.gettext("No document has this code.") in persian
        assert translation.gettext("No document has this code.") != "No document has this code."


def test_a_typed_code_that_cannot_be_one_is_answered_on_the_form(client):
    response = client.get("/en/verify/", {"code": "AB/CD?x=1"})
    assert response.status_code == 404
    assert "This is not a code the portal gives" in response.content.decode()


def test_an_empty_code_is_asked_for_again(client):
    html = client.get("/en/verify/", {"code": " - "}).content.decode()
    assert "Type the code printed on the document." in html


def test_the_check_answers_30_a_minute_per_address_then_429(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    visitor = {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for _ in range(30):
        assert client.get("/en/verify/ABCDE-FGHJK/", **visitor).status_code == 404
    assert client.get("/en/verify/ABCDE-FGHJK/", **visitor).status_code == 429
    assert client.get("/en/verify/", {"code": "ABCDE"}, **visitor).status_code == 429
    other = client.get("/en/verify/ABCDE-FGHJK/", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 404


# --- Revoking, issuing again, downloads


def test_a_manager_revokes_with_a_reason_and_an_officer_cannot(client, faculty, manager, officer):
    document = statement(faculty, manager)
    url = f"/en/documents/{document.pk}/revoke/"
    client.force_login(officer)
    assert client.post(url, {"reason": "Wrong year"}).status_code == 403
    client.force_login(manager)
    html = client.post(url, {"reason": "  "}, follow=True).content.decode()
    assert "Give the reason for revoking the document." in html
    document.refresh_from_db()
    assert document.is_valid
    client.post(url, {"reason": "Wrong year"})
    document.refresh_from_db()
    assert (document.revoked_by, document.revocation_reason) == (manager, "Wrong year")
    html = client.post(url, {"reason": "Again"}, follow=True).content.decode()
    assert "This document has already been revoked." in html
    document.refresh_from_db()
    assert document.revocation_reason == "Wrong year"


def test_a_revoked_document_is_issued_again_as_a_new_one(client, faculty, manager):
    document = statement(faculty, manager)
    documents.document_revoke(document=document, by=manager, reason="Wrong year")
    client.force_login(manager)
    response = client.post(f"/en/documents/{document.pk}/reissue/")
    new = IssuedDocument.objects.valid().get()
    assert response["Location"] == f"/en/documents/{new.pk}/"
    assert new.number != document.number and new.code != document.code
    document.refresh_from_db()
    assert document.revocation_reason == "Wrong year"  # its own reason is kept


def test_the_faculty_member_downloads_their_statement_and_others_get_404(
    client, faculty, manager, make_user
):
    document = statement(faculty, manager)
    client.force_login(faculty)
    page = client.get(f"/en/incentives/points/{faculty.pk}/1405/").content.decode()
    assert f"/en/documents/{document.pk}/download/" in page
    assert client.get(f"/en/documents/{document.pk}/download/").status_code == 200
    client.force_login(make_user("faculty_member"))
    assert client.get(f"/en/documents/{document.pk}/download/").status_code == 404
    client.force_login(make_user("student_mentor"))
    assert client.get(f"/en/documents/{document.pk}/download/").status_code == 403


def test_file_names_carry_the_number_the_kind_and_the_latin_name(client, faculty, manager):
    faculty.full_name = "Zoë  O'Brien-Hassan"
    faculty.save()
    document = statement(faculty, manager)
    expected = f"{document.number}_Promotion-points-statement_Zoe-O-Brien-Hassan.pdf"
    assert documents.download_name(document) == expected
    client.force_login(manager)
    disposition = client.get(f"/en/documents/{document.pk}/download/")["Content-Disposition"]
    assert disposition == f"attachment; filename=\"{expected}\"; filename*=UTF-8''{expected}"


def test_issuing_the_points_statement_from_its_page_is_for_managers(
    client, faculty, manager, officer
):
    url = f"/en/incentives/points/{faculty.pk}/1405/pdf/"
    client.force_login(officer)
    assert client.post(url).status_code == 403
    client.force_login(manager)
    assert client.post(url).status_code == 302
    client.post(url)
    assert IssuedDocument.objects.count() == 1
    client.post(url, {"reissue": "on"})
    assert IssuedDocument.objects.count() == 2
    assert IssuedDocument.objects.valid().count() == 1


# --- The letterhead


def test_the_letterhead_refuses_a_renamed_file_and_changes_nothing(client, manager):
    client.force_login(manager)
    client.post(
        "/en/documents/letterhead/",
        {
            "signatory_name_en": "Dr. Sara Karimi",
            "signatory_title_en": "Director",
            "logo": SimpleUploadedFile("logo.png", png(), content_type="image/png"),
        },
    )
    letterhead = Letterhead.current()
    kept = letterhead.logo.name
    assert kept and letterhead.signatory_name_en == "Dr. Sara Karimi"
    fake = SimpleUploadedFile("stamp.png", b"<html>not a picture</html>", content_type="image/png")
    with translation.override("fa"):
        response = client.post(
            "/fa/documents/letterhead/",
            {"signatory_name_en": "Someone else", "stamp": fake},
        )
        assert response.status_code == 200
        assert translation.gettext("Upload a PNG or JPEG image.") in response.content.decode()
        assert translation.gettext("Upload a PNG or JPEG image.") != "Upload a PNG or JPEG image."
    letterhead.refresh_from_db()
    assert (letterhead.signatory_name_en, letterhead.logo.name) == ("Dr. Sara Karimi", kept)
    assert not letterhead.stamp


def test_a_pdf_with_the_letterhead_shows_its_pictures_and_signatory(faculty, manager, tmp_path):
    from pypdf import PdfReader

    plain = statement(faculty, manager)
    Letterhead.objects.create(
        logo=SimpleUploadedFile("l.png", png()),
        signature=SimpleUploadedFile("s.png", png(color="black")),
        stamp=SimpleUploadedFile("t.png", png(color="blue")),
        signatory_name_en="Dr. Sara Karimi",
        signatory_title_en="Director of International Affairs",
    )
    signed = statement(faculty, manager, reissue=True)

    def images(document) -> int:
        page = PdfReader(document.file.open("rb")).pages[0]
        return len(page.images)

    assert images(signed) == images(plain) + 3
    assert "Dr. Sara Karimi" in pdf_text(signed.file.open("rb").read(), tmp_path)


# --- The register


def register_rows(start: int, end: int, by) -> None:
    content_type = ContentType.objects.get_for_model(by)
    IssuedDocument.objects.bulk_create(
        IssuedDocument(
            kind=Kind.POINTS_STATEMENT,
            number=f"PPS-1405-{n:04d}",
            year=1405,
            sequence=n,
            content_type=content_type,
            object_id=by.pk,
            scope=str(n),
            holder_name=f"Person {n}",
            language="en",
            issued_at=datetime(2026, 12, 1, tzinfo=UTC),
            issued_by=by,
            file=f"documents/{n}.pdf",
            code=f"CODE{n:06d}",
            revoked_at=datetime(2026, 12, 2, tzinfo=UTC) if n % 3 == 0 else None,
            revoked_by=by if n % 3 == 0 else None,
        )
        for n in range(start, end)
    )


def test_the_register_filters_by_kind_and_state(client, officer):
    register_rows(1, 7, officer)
    client.force_login(officer)
    revoked = client.get("/en/documents/", {"state": "revoked"}).content.decode()
    assert "PPS-1405-0003" in revoked and "PPS-1405-0001" not in revoked
    valid = client.get("/en/documents/", {"state": "valid", "q": "PPS-1405-0004"}).content.decode()
    assert "PPS-1405-0004" in valid and "PPS-1405-0005" not in valid
    letters = client.get("/en/documents/", {"kind": "admission_letter"}).content.decode()
    assert "PPS-1405-0001" not in letters


def test_the_register_query_count_does_not_grow_with_the_data(client, officer):
    client.force_login(officer)
    register_rows(1, 6, officer)
    small = (
        page_queries(client, "/en/documents/"),
        page_queries(client, "/en/documents/?state=valid"),
    )
    register_rows(6, 501, officer)
    large = (
        page_queries(client, "/en/documents/"),
        page_queries(client, "/en/documents/?state=valid"),
    )
    assert small == large


# --- At once (PostgreSQL: row locks across connections)


def at_once(count: int, work) -> list:
    """`work()` in `count` threads released together; their results (or exceptions)."""
    results, barrier = [], threading.Barrier(count)

    def run():
        barrier.wait()
        try:
            results.append(work())
        except Exception as error:
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_numbers_taken_at_once_are_distinct_and_without_gaps(needs_postgresql):
    numbers = at_once(
        8, lambda: documents.document_number_next(kind=Kind.IA_LETTER, on=date(2026, 12, 5))[2]
    )
    assert sorted(numbers) == [f"IAL-1405-{n:04d}" for n in range(1, 9)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_offices_issuing_the_same_document_at_once_get_one(needs_postgresql, make_user):
    person, manager = make_user("faculty_member"), make_user("office_manager")
    issued = at_once(3, lambda: statement(person, manager).pk)
    assert len(set(issued)) == 1, issued
    assert IssuedDocument.objects.count() == 1


def university_name_top(content: bytes, tmp_path) -> float:
    """How far down the first page (in points) the letterhead's university name starts."""
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    words = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>Kermanshah</word>', words)[1])


def test_until_a_logo_is_uploaded_documents_carry_the_portals_emblem(faculty, manager, tmp_path):
    assert documents.letterhead_context(Letterhead.current())["logo"].endswith("img/emblem.svg")
    # The emblem (16 mm) stands above the university's name, 18 mm from the page's top.
    assert university_name_top(statement(faculty, manager).file.read(), tmp_path) > 51 + 45
