"""Every importable list reads back what its export writes (intlaffairs.imports): an export
imported again changes nothing, whatever the languages and the format; labels, codes and names
in any language, dates in either calendar and any digits; bad rows listed and offered as a file
while the good ones go in; a preview that writes nothing; hostile files refused."""

import csv
import io
import re
import zipfile
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, Institution
from intlaffairs import imports
from intlaffairs.jalali import to_local_digits
from intlaffairs.models import StateChange
from intlaffairs.roles import Role
from research.models import Alumnus, Scientist
from students.models import Program

from ..factories import AgreementFactory, InstitutionFactory, UserFactory
from ..students.helpers import make_program

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JALALI_DATE = re.compile(r"\d{4}/\d{2}/\d{2}")


# --- Files


def read_rows(content: bytes, file_format: str) -> list[list]:
    if file_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def write_rows(rows: list[list], file_format: str) -> bytes:
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode()
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def upload(client, url: str, content: bytes, name: str):
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def confirm(client, url: str, response):
    return client.post(url, {"confirm": response.context["token"]})


# --- The five lists


def institutions():
    InstitutionFactory(
        name_en="University of Baghdad",
        name_fa="دانشگاه بغداد",
        name_ar="جامعة بغداد",
        country="IQ",
    )
    InstitutionFactory(name_en="Ankara University", name_fa="", name_ckb="", country="TR")
    InstitutionFactory(name_en="=cmd|' /C calc'!A0", website="https://example.org/")


def agreements():
    kufa = InstitutionFactory(name_en="University of Kufa")
    basra = InstitutionFactory(name_en="University of Basra")
    AgreementFactory(
        title_en="Student exchange with Kufa",
        title_ar="اتفاقية تبادل الطلبة مع جامعة الكوفة",
        type="student_exchange",
        partners=[kufa, basra],
        signed_on=date(2026, 3, 21),
        starts_on=date(2026, 4, 1),
        ends_on=date(2029, 3, 31),
        auto_renewal=True,
        owner=UserFactory(role=Role.OFFICER),
    )
    AgreementFactory(title_en="+ research", type="research", partners=[basra], status="active")


def programs():
    make_program()
    make_program(name_en="Nursing (MSc)", name_fa="پرستاری", degree="msc", intake=1404)


def scientists():
    Scientist.objects.create(
        name_latin="Ali Rahimi",
        name_native="علی رحیمی",
        nonresident_iranian=True,
        country="DE",
        field="Cardiology",
        email="ali@example.org",
        link="coauthor",
        consent_to_contact=True,
        consent_given_on=date(2026, 9, 23),
    )
    Scientist.objects.create(name_latin="Mona Saleh", country="IQ", field="Surgery", link="adviser")


def alumni():
    Alumnus.objects.create(
        name_latin="Hawre Aziz", country="IQ", program="MD", graduated_in=1402, email="h@x.org"
    )
    Alumnus.objects.create(name_latin="Sara Kareem", country="IQ", program="MSc", graduated_in=1400)


LISTS = {
    "institutions": (
        institutions,
        Institution,
        "agreements/institutions/export/",
        "agreements/institutions/import/",
    ),
    "agreements": (agreements, Agreement, "agreements/export/list/", "agreements/import/"),
    "programs": (
        programs,
        Program,
        "students/manage/programs/export/",
        "students/manage/programs/import/",
    ),
    "scientists": (
        scientists,
        Scientist,
        "research/scientists/export/",
        "research/scientists/import/",
    ),
    "alumni": (alumni, Alumnus, "research/alumni/export/", "research/alumni/import/"),
}


def snapshot(model) -> list:
    rows = []
    for record in model.objects.order_by("pk"):
        fields = model_to_dict(record)
        fields = {
            k: sorted(v.pk for v in v) if isinstance(v, list) else v for k, v in fields.items()
        }
        # `name` and `title` read the active language's column: the columns are compared.
        fields = {k: v for k, v in fields.items() if f"{k}_fa" not in fields}
        for name in ("created_at", "updated_at"):
            fields[name] = getattr(record, name, None)
        rows.append(fields)
    return [rows, StateChange.objects.count()]


def persian_dates(rows: list[list]) -> list[list]:
    """The Jalali dates of a Persian export in Persian digits, as an office would type them."""
    return [
        [
            to_local_digits(v, "fa") if isinstance(v, str) and JALALI_DATE.fullmatch(v) else v
            for v in row
        ]
        for row in rows
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("exported_in,imported_in", [("fa", "en"), ("en", "fa"), ("ar", "fa")])
@pytest.mark.parametrize("name", list(LISTS))
def test_an_export_imported_again_changes_nothing(
    client, administrator, name, exported_in, imported_in, file_format
):
    make, model, export_path, import_path = LISTS[name]
    make()
    client.force_login(administrator)
    before = snapshot(model)
    content = download(client, f"/{exported_in}/{export_path}?format={file_format}")
    rows = read_rows(content, file_format)
    assert len(rows) == model.objects.count() + 1
    if exported_in == "fa":
        assert any(JALALI_DATE.fullmatch(str(v)) for row in rows for v in row) or name in {
            "institutions",
            "alumni",
        }
        content = write_rows(persian_dates(rows), file_format)

    url = f"/{imported_in}/{import_path}"
    response = upload(client, url, content, f"{name}.{file_format}")
    report = response.context["report"]
    assert [(row.line, row.errors) for row in report.bad] == []
    assert (report.new, report.updated, report.unchanged) == (0, 0, len(rows) - 1)
    confirm(client, url, response)
    assert snapshot(model) == before


# --- Reading what people type


def test_labels_in_any_language_dates_in_either_calendar_and_any_digits(client, officer):
    InstitutionFactory(name_en="University of Kufa", name_ckb="زانکۆی کوفە")
    InstitutionFactory(name_en="University of Basra", name_fa="دانشگاه بصره")
    rows = [
        ["Title", "نوع", "partner institutions", "Signed on", "تاریخ آغاز", "Ends on"],
        ["One", "Student exchange", "زانکۆی کوفە", "۱۴۰۵/۰۷/۰۱", "2026-09-23", "٢٠٢٨-٠٩-٢٢"],
        ["Two", "تبادل دانشجو", "University of Basra; دانشگاه بصره", "", "", ""],
        ["Three", "research", "UNIVERSITY OF KUFA", "1405-07-01", "", ""],
    ]
    client.force_login(officer)
    response = upload(client, "/en/agreements/import/", write_rows(rows, "csv"), "a.csv")
    if response.context["form"].errors:
        pytest.fail(str(response.context["form"].errors))
    report = response.context["report"]
    assert [row.errors for row in report.bad] == [], response.content.decode()
    assert report.new == 3
    assert not Agreement.objects.exists(), "the preview writes nothing"
    confirm(client, "/en/agreements/import/", response)
    one = Agreement.objects.get(title_en="One")
    assert (one.type, one.signed_on, one.starts_on, one.ends_on) == (
        "student_exchange",
        date(2026, 9, 23),
        date(2026, 9, 23),
        date(2028, 9, 22),
    )
    assert list(one.partners.values_list("name_en", flat=True)) == ["University of Kufa"]
    assert Agreement.objects.get(title_en="Two").type == "student_exchange"
    assert all(a.status == "draft" for a in Agreement.objects.all())
    assert StateChange.objects.filter(to_state="draft").count() == 3


def test_a_persian_file_fills_the_persian_name(client, officer):
    client.force_login(officer)
    rows = [["نام", "کشور", "گونه"], ["دانشگاه موصل", "عراق", "دانشگاه"]]
    response = upload(
        client, "/en/agreements/institutions/import/", write_rows(rows, "xlsx"), "i.xlsx"
    )
    confirm(client, "/en/agreements/institutions/import/", response)
    institution = Institution.objects.get()
    assert (institution.name_fa, institution.country.code, institution.kind) == (
        "دانشگاه موصل",
        "IQ",
        "university",
    )


def test_an_arabic_file_fills_the_arabic_name_and_the_search_finds_it(client, officer):
    client.force_login(officer)
    headers = read_rows(download(client, "/ar/agreements/institutions/import/?template=csv"), "csv")
    name, country, _city, kind = headers[0][:4]
    rows = [[name, country, kind], ["جامعة الموصل", "العراق", "university"]]
    url = "/en/agreements/institutions/import/"
    confirm(client, url, upload(client, url, write_rows(rows, "csv"), "i.csv"))
    institution = Institution.objects.get()
    assert institution.name_ar == "جامعة الموصل"
    assert institution.country.code == "IQ"
    html = client.get("/ar/search/", {"q": "الموصل"}).content.decode()
    assert f'href="/ar/agreements/institutions/{institution.pk}/"' in html


def test_a_neutralized_formula_is_read_back_as_the_text_typed(client, officer):
    client.force_login(officer)
    rows = [["Name", "Country"], ["'=1+1", "IQ"], ["'plain", "IQ"]]
    response = upload(
        client, "/en/agreements/institutions/import/", write_rows(rows, "csv"), "i.csv"
    )
    confirm(client, "/en/agreements/institutions/import/", response)
    assert set(Institution.objects.values_list("name_en", flat=True)) == {"=1+1", "'plain"}


# --- Bad rows


def test_valid_rows_go_in_and_bad_rows_come_back_as_a_file_with_the_reason(client, officer):
    rows = [["Name (Latin script)", "Country", "Program", "Year of graduation", "E-mail"]]
    rows += [[f"Alumnus {n}", "IQ", "MD", 1400 + n, f"a{n}@x.org"] for n in range(8)]
    rows.insert(3, ["Bad year", "IQ", "MD", "soon", "b@x.org"])
    rows.insert(6, ["Bad country", "Atlantis", "MD", 1401, "c@x.org"])
    client.force_login(officer)
    url = "/fa/research/alumni/import/"
    response = upload(client, url, write_rows(rows, "xlsx"), "alumni.xlsx")
    report = response.context["report"]
    assert (report.new, [row.line for row in report.bad]) == (8, [4, 7])
    page = response.content.decode()
    assert "\\u200c" not in page and "soon" in page
    assert not Alumnus.objects.exists()

    confirm(client, url, response)
    assert Alumnus.objects.count() == 8
    bad = client.get(f"{url}?errors={response.context['token']}")
    assert bad["Content-Type"] == XLSX
    returned = read_rows(bad.content, "xlsx")
    assert returned[0][-1] == "خطا"
    assert [row[0] for row in returned[1:]] == ["Bad year", "Bad country"]
    assert "عدد" in returned[1][-1]

    returned[1][3], returned[2][1] = "۱۴۰۱", "Iraq"  # corrected, the error column left in
    response = upload(client, url, write_rows(returned, "xlsx"), "alumni-errors.xlsx")
    assert (response.context["report"].new, response.context["report"].bad) == (2, [])


def test_a_file_without_the_first_key_is_matched_by_the_next(client, officer):
    Scientist.objects.create(name_latin="Mona Saleh", country="IQ", field="Surgery", link="adviser")
    rows = [["Name (Latin script)", "Country", "Field", "How they are linked"]]
    rows.append(["Mona Saleh", "Iraq", "Surgery", "adviser"])
    client.force_login(officer)
    response = upload(client, "/en/research/scientists/import/", write_rows(rows, "csv"), "s.csv")
    assert response.context["report"].unchanged == 1


def test_an_import_makes_records_in_their_first_state_only(client, officer):
    InstitutionFactory(name_en="University of Kufa")
    agreement = AgreementFactory(title_en="Kept as it is", status="negotiation")
    rows = [
        ["Title", "Type", "Status", "Partner institutions"],
        ["New and active", "mou", "Active", "University of Kufa"],
        ["Kept as it is", "mou", "Active", "University of Kufa"],
        ["New as a draft", "mou", "پیش‌نویس", "University of Kufa"],
    ]
    client.force_login(officer)
    response = upload(client, "/en/agreements/import/", write_rows(rows, "csv"), "a.csv")
    bad = {row.line: " ".join(row.errors) for row in response.context["report"].bad}
    assert "A new record is imported as “Draft”" in bad[2]
    assert "An import does not change the status" in bad[3]
    confirm(client, "/en/agreements/import/", response)
    agreement.refresh_from_db()
    assert agreement.status == "negotiation"
    assert Agreement.objects.get(title_en="New as a draft").status == "draft"


def test_the_same_record_twice_in_a_file_is_refused_the_second_time(client, officer):
    rows = [["Name", "Country"], ["Kufa", "IQ"], ["kufa", "Iraq"]]
    client.force_login(officer)
    response = upload(
        client, "/en/agreements/institutions/import/", write_rows(rows, "csv"), "i.csv"
    )
    report = response.context["report"]
    assert report.new == 1
    assert "line 2" in report.bad[0].errors[0]


def test_a_changed_row_updates_the_record(client, officer):
    Scientist.objects.create(
        name_latin="Ali Rahimi",
        country="DE",
        field="Cardiology",
        email="ali@example.org",
        link="adviser",
    )
    rows = [["E-mail", "Name (Latin script)", "Country", "Field", "How they are linked"]]
    rows.append(["ALI@example.org", "Ali Rahimi", "Germany", "Cardiac surgery", "Adviser"])
    client.force_login(officer)
    url = "/en/research/scientists/import/"
    response = upload(client, url, write_rows(rows, "csv"), "s.csv")
    assert response.context["report"].updated == 1
    confirm(client, url, response)
    assert Scientist.objects.get().field == "Cardiac surgery"


# --- The file itself


def test_the_template_has_the_exports_headers_in_the_users_language(client, officer):
    client.force_login(officer)
    content = download(client, "/fa/research/alumni/import/?template=xlsx")
    exported = download(client, "/fa/research/alumni/export/?format=xlsx")
    assert read_rows(content, "xlsx") == read_rows(exported, "xlsx")[:1]
    csv_template = download(client, "/en/research/alumni/import/?template=csv")
    assert read_rows(csv_template, "csv")[0][0] == "Name (Latin script)"


def macro_workbook() -> bytes:
    buffer = io.BytesIO(write_rows([["Name", "Country"]], "xlsx"))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 10)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO(write_rows([["Name", "Country"]], "xlsx"))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b" " * (imports.MAX_UNPACKED_BYTES + 1))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("i.xlsx", b"<html></html>", "could not be read"),
        ("i.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "could not be read"),
        ("i.pdf", b"%PDF-1.4", "Upload a CSV or XLSX file"),
        ("i.xlsx", macro_workbook(), "macros"),
        ("i.xlsx", zip_bomb(), "unpacked"),
        ("i.csv", b"Name,Country\n" + b"x,IQ\n" * (imports.MAX_IMPORT_ROWS + 1), "more than"),
        ("i.csv", b"Name,Country\n" + b"x" * imports.MAX_IMPORT_BYTES, "larger than"),
        ("i.csv", b"Name,Colour\nx,red\n", "Unknown columns: Colour"),
    ],
)
def test_a_hostile_or_foreign_file_is_refused_with_a_reason(client, officer, name, content, reason):
    client.force_login(officer)
    response = upload(client, "/en/agreements/institutions/import/", content, name)
    assert reason in " ".join(response.context["form"].errors["file"])
    assert not Institution.objects.exists()


def test_a_refusal_is_in_the_users_language(client, officer):
    client.force_login(officer)
    response = upload(client, "/ckb/agreements/institutions/import/", b"%PDF", "i.pdf")
    message = response.context["form"].errors["file"][0]
    assert "CSV" in message and "Upload" not in message


def test_an_expired_or_foreign_token_imports_nothing(client, officer):
    client.force_login(officer)
    response = client.post("/en/agreements/institutions/import/", {"confirm": "nope"})
    assert response.status_code == 302
    assert client.get("/en/agreements/institutions/import/?errors=nope").status_code == 404


def test_each_list_links_to_its_import(client, officer):
    client.force_login(officer)
    for path, target in [
        ("/en/agreements/", "/en/agreements/import/"),
        ("/en/agreements/institutions/", "/en/agreements/institutions/import/"),
        ("/en/students/manage/programs/", "/en/students/manage/programs/import/"),
        ("/en/research/scientists/", "/en/research/scientists/import/"),
        ("/en/research/alumni/", "/en/research/alumni/import/"),
    ]:
        assert f'href="{target}"' in client.get(path).content.decode(), path


# --- The programs' export (new with its import)


def export_queries(client, file_format: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        download(client, f"/en/students/manage/programs/export/?format={file_format}")
    return len(captured)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_programs_export_costs_the_same_queries_at_5_and_500_rows(client, officer, file_format):
    client.force_login(officer)
    for n in range(5):
        make_program(name_en=f"Program {n}", intake=1300 + n)
    few = export_queries(client, file_format)
    unit, documents = Program.objects.first().unit, Program.objects.first().required_documents.all()
    made = Program.objects.bulk_create(
        Program(
            name_en=f"More {n}",
            name_fa=f"بیشتر {n}",
            unit=unit,
            degree="md",
            duration_years=6,
            tuition=1000,
            intake=1400,
            capacity=10,
            deadline=date(2027, 1, 1),
        )
        for n in range(495)
    )
    Program.required_documents.through.objects.bulk_create(
        Program.required_documents.through(program=program, documenttype=document)
        for program in made
        for document in documents
    )
    assert export_queries(client, file_format) == few
