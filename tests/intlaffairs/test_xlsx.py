"""The workbook writer of the exports (intlaffairs.xlsx): what it writes reads back as written,
in openpyxl and in the portal's own import, and is a package Excel accepts."""

import io
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest

from intlaffairs import imports, xlsx

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def written(rows, *, title="Applications", widths=(10, 10, 10), right_to_left=False) -> bytes:
    target = io.BytesIO()
    xlsx.write(
        target, rows, title=title, widths=widths, right_to_left=right_to_left, quoted=("=", "+")
    )
    return target.getvalue()


def values(content: bytes) -> list[list]:
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(content)).active.values]


def test_text_numbers_and_empty_cells_read_back_as_written():
    rows = [
        ["Name", "Amount", "Note"],
        ["Sara & <Ali>", 1500, " a space on each side\n"],
        ["سارا احمدی", Decimal("12.50"), ""],
        ["ژیان", 2.25, None],
    ]
    assert values(written(rows)) == [
        ["Name", "Amount", "Note"],
        ["Sara & <Ali>", 1500, " a space on each side\n"],
        ["سارا احمدی", 12.5, None],
        ["ژیان", 2.25, None],
    ]


def test_a_formula_like_text_is_text_with_the_quote_prefix_and_nothing_else_is():
    sheet = openpyxl.load_workbook(
        io.BytesIO(written([["=1+1", "+964 770", "-3", "plain"]]))
    ).active
    assert [cell.value for cell in sheet[1]] == ["=1+1", "+964 770", "-3", "plain"]
    assert [cell.data_type for cell in sheet[1]] == ["s", "s", "s", "s"]
    assert [cell.quotePrefix for cell in sheet[1]] == [True, True, False, False]


def test_what_xml_cannot_hold_is_written_as_excel_writes_it_and_the_import_reads_it_back():
    rows = [["Name"], ["a\x01b\x1fc"], ["_x0041_ is typed"], ["line\r\nbreak\ttab"]]
    content = written(rows)
    assert values(content)[1:] == [
        ["a_x0001_b_x001F_c"],
        ["_x005F_x0041_ is typed"],
        ["line_x000D_\nbreak\ttab"],
    ]
    sheet = imports.read_sheet("back.xlsx", content)
    assert sheet.rows == [["a\x01b\x1fc"], ["_x0041_ is typed"], ["line\r\nbreak\ttab"]]


def test_a_text_longer_than_a_cell_holds_is_cut_and_a_number_that_is_none_is_text():
    [[long, nan, infinite]] = values(written([["x" * 40_000, float("nan"), Decimal("Infinity")]]))
    assert long == "x" * xlsx.MAX_TEXT
    assert (nan, infinite) == ("nan", "Infinity")


def test_the_sheet_is_named_after_its_title_as_excel_allows():
    assert xlsx.sheet_name("Applications") == "Applications"
    assert xlsx.sheet_name("Lists: [a]/b?") == "Lists   a  b"
    assert xlsx.sheet_name("'quoted'") == "quoted"
    long = "درخواست‌های دانشجویان بین‌المللی دانشگاه"
    assert xlsx.sheet_name(long) == long[: xlsx.SHEET_NAME] and len(long) > xlsx.SHEET_NAME
    assert xlsx.sheet_name("") == xlsx.sheet_name("[]") == "Sheet1"
    workbook = openpyxl.load_workbook(io.BytesIO(written([["a"]], title="O'Brien's list")))
    assert workbook.sheetnames == ["O'Brien's list"]


@pytest.mark.parametrize(
    "index,letters", [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index, letters):
    assert xlsx.column_letters(index) == letters


def test_the_header_is_frozen_and_filtered_the_columns_as_wide_as_asked_right_to_left():
    rows = [["a", "b", "c"], *[[str(line), line, ""] for line in range(1, 30)]]
    sheet = openpyxl.load_workbook(
        io.BytesIO(written(rows, widths=(8, 50, 12), right_to_left=True))
    ).active
    assert sheet.sheet_view.rightToLeft is True
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C30"
    assert [sheet.column_dimensions[letter].width for letter in "ABC"] == [8, 50, 12]


def test_a_row_wider_than_the_widths_given_is_written_whole():
    assert values(written([["a"], ["b", "c", "d"]], widths=(10,))) == [
        ["a", None, None],
        ["b", "c", "d"],
    ]


def test_an_empty_sheet_is_a_valid_workbook_without_a_filter():
    content = written([], widths=())
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.active.max_row == 1 and workbook.active.auto_filter.ref is None


def test_every_part_is_well_formed_xml_named_in_the_content_types():
    with zipfile.ZipFile(io.BytesIO(written([["a", 1]], title="A & B <c>"))) as archive:
        names = archive.namelist()
        # The writer's own output, not an upload.
        parts = {name: ElementTree.fromstring(archive.read(name)) for name in names}  # noqa: S314
    assert set(names) == {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
        "xl/workbook.xml",
    }
    overrides = {
        element.get("PartName")
        for element in parts["[Content_Types].xml"]
        if element.tag.endswith("Override")
    }
    assert overrides == {"/xl/workbook.xml", "/xl/worksheets/sheet1.xml", "/xl/styles.xml"}
    # The elements of a sheet in the order the schema requires (Excel refuses another).
    order = [child.tag.removeprefix(MAIN) for child in parts["xl/worksheets/sheet1.xml"]]
    assert order == ["sheetViews", "sheetFormatPr", "cols", "sheetData", "autoFilter"]
    [sheet] = parts["xl/workbook.xml"].iter(f"{MAIN}sheet")
    assert sheet.get("name") == "A & B <c>"
    [filtered] = parts["xl/workbook.xml"].iter(f"{MAIN}definedName")
    assert filtered.text == "'A & B <c>'!$A$1:$B$1"


def test_white_space_at_either_end_is_marked_to_be_kept_and_only_there():
    """Excel drops white space at the ends of a text unless the cell says to keep it (openpyxl
    keeps it either way, so the sheet's XML is read)."""
    with zipfile.ZipFile(io.BytesIO(written([[" a", "b\n", "c\td", "e"]]))) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    kept = sheet.count('<t xml:space="preserve">')
    assert kept == 2 and '<t xml:space="preserve"> a</t>' in sheet and "<t>c\td</t>" in sheet
