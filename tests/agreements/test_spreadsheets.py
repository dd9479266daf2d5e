"""The agreements' and institutions' imports through the shared flow (intlaffairs.imports):
text loses invisible format characters, imported agreements start as recorded drafts, and the
export neutralizes formulas. The flow itself is tested in tests/intlaffairs/test_imports.py."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement, Institution
from intlaffairs.spreadsheets import neutralize

from ..factories import AgreementFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def import_file(client, url: str, content: str):
    response = client.post(url, {"file": SimpleUploadedFile("file.csv", content.encode())})
    return client.post(url, {"confirm": response.context["token"]})


def test_imported_text_loses_invisible_format_characters_but_keeps_zwnj(client, officer):
    client.force_login(officer)
    import_file(
        client,
        "/fa/agreements/institutions/import/",
        "نام,کشور\n\u202eدانشگاه\u200cآنکارا\u2066,TR\n",
    )
    assert Institution.objects.get().name_fa == "دانشگاه\u200cآنکارا"


def test_imported_agreements_start_as_drafts_with_their_creation_recorded(client, officer):
    InstitutionFactory(name_en="University of Kufa")
    client.force_login(officer)
    import_file(
        client,
        "/en/agreements/import/",
        "Title,Type,Status,Partner institutions\n"
        "No status,mou,,University of Kufa\n"
        "Draft by label,mou,پیش‌نویس,University of Kufa\n",
    )
    assert Agreement.objects.count() == 2
    for agreement in Agreement.objects.all():
        assert agreement.status == "draft"
        created = agreement.moves.get()
        assert (created.from_state, created.to_state, created.by) == ("", "draft", officer)
        assert agreement.owner == officer


def test_an_agreement_needs_a_partner(client, officer):
    client.force_login(officer)
    response = client.post(
        "/en/agreements/import/",
        {"file": SimpleUploadedFile("a.csv", b"Title,Type,Partner institutions\nAlone,mou,\n")},
    )
    assert "Partner institutions: A value is required." in response.context["report"].bad[0].errors
    assert response.context["report"].new == 0


@pytest.mark.parametrize("dangerous", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralized(dangerous):
    assert neutralize(dangerous) == "'" + dangerous
    assert neutralize("Plain title") == "Plain title"


def test_export_neutralizes_formulas_in_csv_and_xlsx(client, officer):
    AgreementFactory(title_en='=HYPERLINK("http://evil.example","x")')
    client.force_login(officer)
    response = client.get("/en/agreements/export/list/?format=csv")
    csv_text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[1][rows[0].index("Title")].startswith("'=")
    response = client.get("/en/agreements/export/list/?format=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    formulas = [cell for cell in cells if str(cell.value or "").startswith("=")]
    assert formulas and all(cell.data_type == "s" and cell.quotePrefix for cell in formulas)
