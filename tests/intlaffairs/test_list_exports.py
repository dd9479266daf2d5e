"""Every list exports its rows as CSV and XLSX (intlaffairs.spreadsheets): the list's filters, only
the rows the person may see, headers and labels in their language, dates in their calendar with
Latin digits, formulas defused, streamed a chunk at a time."""

import csv
import io
import os
import resource
import tempfile
import tracemalloc
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver
from django.utils import timezone, translation

from agreements.models import Agreement, Institution
from exchanges.models import Mobility
from intlaffairs import spreadsheets, xlsx
from intlaffairs.roles import Role
from students import fees
from students.models import Application

from ..factories import AgreementFactory, InstitutionFactory
from ..students.helpers import make_program

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    assert response["Content-Type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


def a_mobility(**kwargs) -> Mobility:
    fields = {
        "person_name": "Sara Ahmadi",
        "person_kind": "student",
        "direction": "outgoing",
        "kind": "student_exchange",
        "institution": InstitutionFactory(),
        "starts_on": date(2026, 12, 5),
        "ends_on": date(2027, 3, 1),
        **kwargs,
    }
    return Mobility.objects.create(**fields)


def test_headers_and_labels_are_in_the_users_language(client, officer):
    AgreementFactory(
        title_en="Baghdad exchange", title_fa="تبادل بغداد", signed_on=date(2026, 12, 5)
    )
    client.force_login(officer)

    english = csv_rows(client.get("/en/agreements/export/list/"))
    assert english[0][:5] == ["Title", "Type", "Status", "Partner institutions", "Signed on"]
    assert english[1][:3] == ["Baghdad exchange", "Memorandum of understanding", "Draft"]
    assert english[1][4] == "2026-12-05"

    persian = csv_rows(client.get("/fa/agreements/export/list/"))
    assert persian[0][:5] == ["عنوان", "نوع", "وضعیت", "مؤسسه‌های همکار", "تاریخ امضا"]
    assert persian[1][:3] == ["تبادل بغداد", "تفاهم‌نامه", "پیش‌نویس"]
    # the Solar Hijri date, in Latin digits so that the office's import reads it back
    assert persian[1][4] == "1405/09/14"


def test_a_filtered_export_has_exactly_the_filtered_rows(client, officer):
    a_mobility(person_name="Incoming one", direction="incoming")
    a_mobility(person_name="Incoming two", direction="incoming")
    a_mobility(person_name="Outgoing one", direction="outgoing")
    client.force_login(officer)

    for file_format, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        response = client.get(
            "/en/exchanges/mobilities/export/",
            {"direction": "incoming", "sort": "name", "format": file_format},
        )
        names = [row[0] for row in read(response)[1:]]
        assert names == ["Incoming one", "Incoming two"]


def test_the_list_links_to_its_export_with_its_current_filters(client, officer):
    client.force_login(officer)
    page = client.get("/en/exchanges/mobilities/", {"direction": "incoming", "page": "1"})
    html = page.content.decode()
    assert 'href="/en/exchanges/mobilities/export/?direction=incoming&amp;format=csv"' in html
    assert 'href="/en/exchanges/mobilities/export/?direction=incoming&amp;format=xlsx"' in html


def test_a_cell_that_looks_like_a_formula_is_defused(client, officer):
    """In CSV with an apostrophe; in XLSX as a text cell with Excel's quote prefix, which
    shows it as typed (a phone number "+964 …" without an apostrophe before it)."""
    a_mobility(person_name='=HYPERLINK("http://evil.example","x")', funding_source="@SUM(A1)")
    client.force_login(officer)
    url = "/en/exchanges/mobilities/export/"
    row = csv_rows(client.get(url, {"format": "csv"}))[1]
    assert row[0] == '\'=HYPERLINK("http://evil.example","x")'
    assert "'@SUM(A1)" in row
    response = client.get(url, {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    cells = sheet[2]
    assert cells[0].value == '=HYPERLINK("http://evil.example","x")'
    defused = [cell for cell in cells if str(cell.value or "").startswith(("=", "@"))]
    assert len(defused) == 2
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in defused)
    assert not any(cell.quotePrefix for cell in cells if cell not in defused)


def test_another_persons_rows_never_appear(client, faculty, make_user):
    mine = AgreementFactory(title_en="Mine")
    mine.initiators.add(faculty)
    other = AgreementFactory(title_en="A colleague's")
    other.initiators.add(make_user(Role.FACULTY))
    AgreementFactory(title_en="Nobody's")
    client.force_login(faculty)

    rows = csv_rows(client.get("/en/agreements/export/list/"))
    assert [row[0] for row in rows[1:]] == ["Mine"]
    # a filter cannot widen what the person sees
    rows = xlsx_rows(
        client.get("/en/agreements/export/list/", {"q": "A colleague", "format": "xlsx"})
    )
    assert rows[1:] == []


def test_an_applicant_cannot_export_an_office_list(client, applicant):
    client.force_login(applicant)
    assert client.get("/en/students/applications/export/").status_code == 403


def test_the_xlsx_file_opens_with_its_sheet_right_to_left_in_persian(client, officer):
    a_mobility(amount=1500, currency="USD")
    client.force_login(officer)
    response = client.get("/fa/exchanges/mobilities/export/", {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="mobilities.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    sheet = workbook.active
    assert sheet.sheet_view.rightToLeft is True
    header, row = list(sheet.iter_rows(values_only=True))
    assert header[0] == "نام"
    assert row[header.index("مبلغ")] == 1500  # a number the spreadsheet can add up
    # The header stays in view and filters the columns; each column is as wide as its
    # longest text and two characters more (the name: "Sara Ahmadi"), 8 at least.
    assert sheet.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(header))
    assert sheet.auto_filter.ref == f"A1:{last}2"
    for letter, texts in (("A", [header[0], row[0]]), (last, [header[-1], row[-1]])):
        wanted = max(8, *(len(str(text or "")) + 2 for text in texts))
        assert int(sheet.column_dimensions[letter].width) == wanted  # and Excel's padding


def test_each_column_is_converted_by_its_fields_kind(officer):
    """A column's conversion is chosen once from its field: a choice's label (or its code, a
    choice since removed), a country's name, a day in the calendar with Latin digits, a moment
    in the university's time, Yes/No, a number as a number, a formula defused, "" for none
    and for a relation that is not there."""
    institution = InstitutionFactory(country="IQ")
    Institution.objects.filter(pk=institution.pk).update(
        created_at=datetime(2026, 12, 5, 20, 45, tzinfo=UTC)  # 00:15 the next day in Tehran
    )
    agreement = AgreementFactory(partners=[institution])
    with_all = a_mobility(
        person_name="=SUM(A1)",
        person=officer,
        institution=institution,
        amount=1500,
        agreement=agreement,
    )
    bare = a_mobility(person_name="Ali Karimi", kind="staff_training", institution=institution)
    Mobility.objects.filter(pk=bare.pk).update(person_kind="gone")
    columns = [
        spreadsheets.Column(path)
        for path in (
            "person_name",
            "person_kind",
            "starts_on",
            "amount",
            "institution__country",
            "institution__created_at",
            "person__is_active",
            "agreement__title",
            "agreement__partners",
        )
    ]
    rows = Mobility.objects.filter(pk__in=[with_all.pk, bare.pk]).order_by("pk")
    with translation.override("fa"):
        _header, first, second = spreadsheets.export_rows(rows, columns)
    assert first == [
        "=SUM(A1)",  # as it is: each file's writer defuses it its own way
        "دانشجو",
        "1405/09/14",
        Decimal("1500"),
        "عراق",
        "1405/09/15 00:15",
        "بله",
        agreement.title,
        str(institution),
    ]
    assert second == ["Ali Karimi", "gone", "1405/09/14", "", "عراق", first[5], "", "", ""]
    with translation.override("en"):
        _header, first, _second = spreadsheets.export_rows(rows, columns)
    assert first[1:7] == [
        "Student",
        "2026-12-05",
        Decimal("1500"),
        "Iraq",
        "2026-12-06 00:15",
        "Yes",
    ]


def test_rows_are_read_as_values_related_rows_once_and_each_records_own_many(
    monkeypatch, officer, manager
):
    """Rows are read as the columns' values, not as model instances: a related row is read
    once for every record of the chunk that names it (and kept for the next chunk); the rows
    related many to a record are its own, in their model's order, shared or not; an
    annotation is a column of its own."""
    monkeypatch.setattr(spreadsheets, "CHUNK_SIZE", 2)
    basra, erbil, mosul = (InstitutionFactory(name_en=name) for name in ("Basra", "Erbil", "Mosul"))
    made = [
        AgreementFactory(title_en=title, owner=owner, partners=partners)
        for title, owner, partners in (
            ("Both", officer, [mosul, basra]),
            ("One", None, [basra]),
            ("Bare", manager, []),
            ("Third", officer, [erbil]),
            ("Fourth", officer, [erbil]),
        )
    ]
    rows = (
        Agreement.objects.filter(pk__in=[agreement.pk for agreement in made])
        .annotate(partner_count=Count("partners"))
        .order_by("pk")
    )
    columns = [
        spreadsheets.Column("title"),
        spreadsheets.Column("partners"),
        spreadsheets.Column("owner"),
        spreadsheets.Column(label="Partners", value="partner_count"),
    ]
    with translation.override("en"):
        with CaptureQueriesContext(connection) as captured:
            _header, *cells = spreadsheets.export_rows(rows, columns)
        officer, manager = str(officer), str(manager)  # as named in English
    assert cells == [
        ["Both", "Basra; Mosul", officer, 2],
        ["One", "Basra", "", 1],
        ["Bare", "", manager, 0],
        ["Third", "Erbil", officer, 1],
        ["Fourth", "Erbil", officer, 1],
    ]
    # The officer is read with the first chunk, the manager with the second, no one with
    # the third.
    owners = [query for query in captured if 'FROM "intlaffairs_user"' in query["sql"]]
    assert len(owners) == 2


def test_a_reverse_relation_exports_each_records_own_rows(monkeypatch):
    """A column may read a relation from the other side: an institution's agreements (the
    agreements' many-to-many field; newest first, their model's order) and its mobilities
    (the mobilities' foreign key)."""
    basra, erbil = InstitutionFactory(name_en="Basra"), InstitutionFactory(name_en="Erbil")
    AgreementFactory(title_en="Exchange", partners=[basra, erbil])
    AgreementFactory(title_en="Research", partners=[basra])
    a_mobility(person_name="Sara Ahmadi", institution=basra)
    columns = [
        spreadsheets.Column("name"),
        spreadsheets.Column("agreements", label="Agreements"),
        spreadsheets.Column("mobilities", label="Mobilities"),
    ]
    rows = Institution.objects.filter(pk__in=[basra.pk, erbil.pk]).order_by("name_en")
    with translation.override("en"):
        _header, *cells = spreadsheets.export_rows(rows, columns)
        mobility = str(Mobility.objects.get())
    assert cells == [["Basra", "Research; Exchange", mobility], ["Erbil", "Exchange", ""]]
    # A model without an order of its own gives its rows in the order they were added (by
    # key: without an ORDER BY a database may give them in any order).
    monkeypatch.setattr(Agreement._meta, "ordering", [])
    with translation.override("en"), CaptureQueriesContext(connection) as captured:
        _header, first, _second = spreadsheets.export_rows(rows, columns)
    assert first[1] == "Exchange; Research"
    [agreements] = [
        query["sql"] for query in captured if "agreements_agreement_partners" in query["sql"]
    ]
    assert agreements.endswith('ORDER BY "agreements_agreement"."id" ASC')


def test_the_ministrys_year_of_study_counts_from_the_intake_for_enrolled_students_only():
    program = make_program(intake=1403)
    owner = Application._meta.get_field("applicant").related_model
    for number, stage in enumerate(["enrolled", "admitted"]):
        Application.objects.create(
            applicant=owner.objects.create(email=f"year{number}@test.example"),
            program=program,
            stage=stage,
            reference=f"KUMS-Y-{number}",
        )
    # 1 Mehr 1405 is in the academic year 1405: the third since the intake of 1403.
    students = fees.ministry_students(today=date(2026, 10, 1)).order_by("reference")
    assert [row.year_of_study for row in students] == [3, None]
    assert fees.ministry_students(today=date(2024, 9, 1)).get(stage="enrolled").year_of_study == 1


def every_list_export() -> list[spreadsheets.ListExport]:
    exports = []

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            elif hasattr(pattern.callback, "export"):
                exports.append(pattern.callback.export)

    walk(get_resolver().url_patterns)
    return exports


def test_every_exports_headers_are_in_every_language():
    """A header is the field's verbose name (or the column's label): one the field never got
    stays English in every language ("Created at" in a Kurdish file)."""
    exports = every_list_export()
    assert len(exports) >= 17
    untranslated = []
    for export in exports:
        model = export.filterset._meta.model
        for column in export.columns:
            with translation.override("en"):
                english = spreadsheets._header(model, column)
            for language in ("fa", "ckb", "ar"):
                with translation.override(language):
                    if spreadsheets._header(model, column) == english:
                        untranslated.append((export.filename, column.path, language))
    assert untranslated == []


def test_a_csv_export_is_sent_in_blocks_that_hold_every_line(client, officer, monkeypatch):
    for name in ("Sara Ahmadi", "Ali Karimi", "Zahra Rahimi"):
        a_mobility(person_name=name)
    client.force_login(officer)
    url = "/en/exchanges/mobilities/export/"
    whole = csv_rows(client.get(url))
    monkeypatch.setattr(spreadsheets, "CSV_BLOCK", 10)  # a block a line
    response = client.get(url)
    blocks = list(response.streaming_content)
    assert len(blocks) == len(whole) + 1  # a line a block, and what is left (nothing)
    text = b"".join(blocks).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == whole and len(whole) == 4


def test_an_xlsx_export_is_written_a_block_at_a_time_with_the_same_cells(
    client, officer, monkeypatch
):
    """The sheet goes into the file a block of text at a time (a 50,000-row export holds one
    block): a block a row gives the same workbook as one block, right to left in Persian,
    the header frozen and filtered, a formula-like text kept as text with the quote prefix."""
    for name in ("Sara Ahmadi", "=1+1", "Ali Karimi"):
        a_mobility(person_name=name, amount=1500, currency="USD")
    client.force_login(officer)
    url = "/fa/exchanges/mobilities/export/"
    whole = xlsx_rows(client.get(url, {"format": "xlsx"}))
    written = []
    monkeypatch.setattr(xlsx, "BLOCK", 1)
    original = zipfile.ZipFile.open

    def counting_open(archive, name, *args, **kwargs):
        part = original(archive, name, *args, **kwargs)
        if getattr(name, "filename", name) == "xl/worksheets/sheet1.xml":
            write = part.write
            part.write = lambda data: written.append(len(data)) or write(data)
        return part

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    response = client.get(url, {"format": "xlsx"})
    assert len(written) == 1 + 3 + 1  # the sheet's start with the header, each row, its end
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    sheet = workbook.active
    assert sheet.sheet_view.rightToLeft is True
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.endswith("4")
    rows = [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert rows == whole and len(rows) == 4
    formula = [cell for row in sheet.iter_rows() for cell in row if cell.value == "=1+1"]
    assert len(formula) == 1 and formula[0].quotePrefix
    assert not any(
        cell.quotePrefix for row in sheet.iter_rows() for cell in row if cell.value != "=1+1"
    )


def test_a_filter_the_list_refuses_exports_nothing_and_says_why(client, officer):
    a_mobility()
    client.force_login(officer)
    response = client.get("/en/exchanges/mobilities/export/", {"year": "99999"})
    assert response.status_code == 302
    assert response["Location"] == "/en/exchanges/mobilities/?year=99999"
    page = client.get(response["Location"]).content.decode()
    assert "Correct the filters before exporting the list." in page

    response = client.get("/en/exchanges/mobilities/export/", {"format": "pdf"})
    assert response["Location"] == "/en/exchanges/mobilities/"
    assert "Choose CSV or XLSX for the export." in client.get(response["Location"]).content.decode()


def test_course_applicants_export_is_404_for_a_course_the_person_cannot_see(client, officer):
    client.force_login(officer)
    assert client.get("/en/exchanges/courses/999999/applications/export/").status_code == 404


def add_applications(count: int) -> None:
    program = make_program()
    owner = Application._meta.get_field("applicant").related_model.objects.create(
        email=f"bulk{count}@test.example"
    )
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            applicant=owner,
            program=program,
            reference=f"KUMS-{count}-{number}",
            stage="submitted",
            submitted_at=now,
            given_name="Zahraa",
            family_name=f"Jaber {number}",
            nationality="IQ",
            birth_date=date(2004, 5, 1),
        )
        for number in range(count)
    )


@pytest.mark.parametrize(("file_format", "read"), [("csv", csv_rows), ("xlsx", xlsx_rows)])
def test_the_export_of_a_desk_queue_holds_the_rows_waiting_for_the_person(
    client, manager, file_format, read
):
    add_applications(3)
    Application.objects.filter(family_name="Jaber 1").update(stage="interview")
    client.force_login(manager)
    response = client.get(
        "/en/students/applications/export/",
        {"waiting": "students.decisions", "format": file_format},
    )
    header, *rows = read(response)
    family = header.index("Family name (Latin letters)")
    assert [row[family] for row in rows] == ["Jaber 1"]


def export_queries(client, url: str, file_format: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        body(client.get(url, {"format": file_format}))
    return len(captured)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_applications_and_agreements_exports_cost_the_same_queries_at_5_and_500_rows(
    client, officer, file_format
):
    client.force_login(officer)
    add_applications(5)
    Agreement.objects.bulk_create(Agreement(title_en=f"A{n}", type="mou") for n in range(5))
    few = [export_queries(client, url, file_format) for url in EXPORT_URLS]
    add_applications(495)
    partner = InstitutionFactory()
    made = Agreement.objects.bulk_create(
        Agreement(title_en=f"B{n}", type="mou") for n in range(495)
    )
    Agreement.partners.through.objects.bulk_create(
        Agreement.partners.through(agreement=agreement, institution=partner) for agreement in made
    )
    assert [export_queries(client, url, file_format) for url in EXPORT_URLS] == few


EXPORT_URLS = ("/en/students/applications/export/", "/en/agreements/export/list/")


@pytest.mark.skipif(not os.environ.get("EXPORT_MEMORY"), reason="slow: set EXPORT_MEMORY=1")
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_50000_rows_export_without_holding_them_in_memory(client, officer, file_format):
    """Measures and prints the peak memory of a 50,000-row export (the README gives the
    figures); the bound is far below what 50,000 model instances take."""
    add_applications(50_000)
    client.force_login(officer)
    tracemalloc.start()
    response = client.get("/en/students/applications/export/", {"format": file_format})
    with tempfile.TemporaryFile() as saved:  # not in memory, where it would count
        for part in response.streaming_content:
            saved.write(part)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = saved.tell()
        saved.seek(0)
        if file_format == "csv":
            lines = io.TextIOWrapper(saved, encoding="utf-8-sig", newline="")
            rows = sum(1 for _line in lines)
        else:
            # The sheet is streamed, so it states no dimension: its rows are counted.
            sheet = openpyxl.load_workbook(saved, read_only=True).active
            rows = sum(1 for _row in sheet.iter_rows())
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{file_format}: {size} bytes, peak Python memory {peak / 2**20:.1f} MiB,"
        f" max RSS {max_rss / 1024:.0f} MiB"
    )
    assert rows == 50_001  # the header and every row
    assert peak < 40 * 2**20
