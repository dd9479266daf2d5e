"""Short documents (statements, sheets, letters, certificates) have no cover page."""

import pytest

from intlaffairs import documents, reports

from ..factories import AgreementFactory
from .test_pdf import pdf_text

pytestmark = pytest.mark.django_db


def first_page(content: bytes, tmp_path) -> str:
    return pdf_text(content, tmp_path).split("\f")[0]


def test_the_points_statement_starts_with_the_person_on_its_first_and_only_page(
    tmp_path, manager, faculty
):
    document = documents.document_issue(
        kind="points_statement", record=faculty, scope="1405", language="en", by=manager
    )
    text = pdf_text(document.file.open("rb").read(), tmp_path)
    assert "\f" not in text.rstrip("\f")  # one page
    page = text.split("\f")[0]
    assert "Promotion points statement" in page
    assert faculty.full_name in page
    assert "Kermanshah University of Medical Sciences" in page


def test_the_agreement_sheet_has_no_cover(tmp_path, manager):
    agreement = AgreementFactory()
    request = reports.report_request(
        kind="agreement_sheet", language="en", by=manager, params={"agreement": agreement.pk}
    )
    request = reports.report_render(request_id=request.pk)
    assert request.pages == 1
    assert agreement.title_en in first_page(request.file.read(), tmp_path)


def test_a_long_report_keeps_its_cover(tmp_path, manager):
    request = reports.report_request(kind="agreements", language="en", by=manager)
    request = reports.report_render(request_id=request.pk)
    assert request.pages >= 2
    assert "All active agreements" not in first_page(request.file.read(), tmp_path)
