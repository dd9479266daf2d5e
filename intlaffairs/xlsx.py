"""The workbooks the exports write: one sheet of text and numbers, streamed into the file.

An export's sheet is the simplest spreadsheet there is (ECMA-376 SpreadsheetML): text cells
held in the sheet itself (inline strings, no shared-string table to build first), numbers, one
cell format (Excel's quote prefix, for a text that looks like a formula), the sheet's direction,
its header row frozen and filtered, and its column widths. XlsxWriter wrote the same sheet of
94 rows and 17 columns in 7.1 ms against 2.2 here (most of it its bookkeeping per cell, for
what an export never uses: the XLSX export was the one page over its `make bench` target) and
needed two ways of working, in memory for a short list and through a temporary file for a long
one; this writes every file the same way, into the zip archive a block at a time, so that a
50,000-row export holds one block of its text. The parts, and the order of a sheet's elements,
are the schema's (ECMA-376 Part 1, 18.3.1.99): openpyxl and LibreOffice read the files, and
the portal's imports read them back (tests/intlaffairs/test_xlsx.py).
"""

import itertools
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

MAX_ROWS = 1_048_576  # Excel's last row: rows past it are not written
MAX_TEXT = 32_767  # the longest text a cell may hold: a longer one is cut
SHEET_NAME = 31  # the longest sheet name
BLOCK = 64 * 1024  # characters of the sheet written to the archive at a time
NUMBERS = (int, float, Decimal)  # written as numbers (not bool, a subclass of int)
COMPRESSION = 1  # zlib's fastest: 94 rows in 14.1 KB and 2.2 ms (level 6: 10.5 KB, 2.8 ms)

# Characters XML 1.0 cannot carry (and \r, which a reader of XML turns into \n) are written as
# Excel writes them (_xHHHH_), and a text that already holds such a sequence gets its
# underscore escaped, so that it reads back as typed.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_TO_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x")  # most texts have none
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
PACKAGE_RELATIONSHIPS = (
    _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELATIONSHIPS = (
    _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# The default font, the two fills and the border Excel expects in every workbook, and two
# cell formats: the default (0) and text with the quote prefix (1).
STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
QUOTED = 1  # the cell format of a text kept as text


def column_letters(index: int) -> str:
    """The letters of the column at `index` (0: A, 25: Z, 26: AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def sheet_name(title: str) -> str:
    """`title` as Excel accepts a sheet's name: without []:*?/\\, not beginning or ending with
    an apostrophe, at most 31 characters; "Sheet1" if nothing is left."""
    name = _NOT_IN_SHEET_NAMES.sub(" ", title).strip().strip("'")[:SHEET_NAME].strip("' ")
    return name or "Sheet1"


def _writable(text: str) -> str:
    return _UNWRITABLE.sub(lambda match: f"_x{ord(match.group()):04X}_", text)


class Sheet:
    """The sheet of a workbook being written into `archive` (a zipfile.ZipFile open for
    writing): `widths` are the columns' widths in characters, a text that starts with one of
    `quoted` gets the quote prefix. The first row is the header, which stays in view and
    carries the filters."""

    def __init__(
        self, archive, *, widths: Sequence[int], right_to_left: bool, quoted: tuple[str, ...]
    ) -> None:
        self.archive = archive
        self.widths = widths
        self.right_to_left = right_to_left
        self.quoted = quoted
        self.letters = [column_letters(index) for index in range(len(widths))]

    def write(self, rows: Iterable[Sequence]) -> tuple[int, int]:
        """Writes `rows` a block at a time; answers how many rows and columns it wrote."""
        height = width = 0
        with self.archive.open("xl/worksheets/sheet1.xml", "w") as part:
            block, size = [self._start()], 0
            for height, row in enumerate(itertools.islice(rows, MAX_ROWS), start=1):
                width = max(width, len(row))
                line = self._row(height, row)
                block.append(line)
                size += len(line)
                if size >= BLOCK:
                    part.write("".join(block).encode())
                    block, size = [], 0
            block.append("</sheetData>")
            if height and width:
                block.append(f'<autoFilter ref="A1:{self.letters[width - 1]}{height}"/>')
            block.append("</worksheet>")
            part.write("".join(block).encode())
        return height, width

    def _start(self) -> str:
        direction = ' rightToLeft="1"' if self.right_to_left else ""
        columns = "".join(
            f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>'
            for index, width in enumerate(self.widths, start=1)
        )
        return (
            f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
            f'<sheetViews><sheetView{direction} tabSelected="1" workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            "</sheetView></sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{columns}</cols>" if columns else "")
            + "<sheetData>"
        )

    def _row(self, number: int, row: Sequence) -> str:
        if len(row) > len(self.letters):
            self.letters += map(column_letters, range(len(self.letters), len(row)))
        cells = "".join(
            self._cell(f"{letter}{number}", value)
            for letter, value in zip(self.letters, row, strict=False)
        )
        return f'<row r="{number}">{cells}</row>'

    def _cell(self, reference: str, value) -> str:
        """A text (none if empty), a number, or anything else as its text."""
        kind = type(value)
        if kind is str:
            if not value:
                return ""
            text = value if len(value) <= MAX_TEXT else value[:MAX_TEXT]
            if _TO_ESCAPE.search(text):
                text = escape(_writable(text))
            # A reader drops white space at either end unless told to keep it.
            space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
            style = f' s="{QUOTED}"' if value.startswith(self.quoted) else ""
            return f'<c r="{reference}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
        if kind is int or (kind in NUMBERS and math.isfinite(value)):
            return f'<c r="{reference}"><v>{value}</v></c>'
        if value is None:
            return ""
        return self._cell(reference, str(value))


def write(
    target,
    rows: Iterable[Sequence],
    *,
    title: str,
    widths: Sequence[int],
    right_to_left: bool,
    quoted: tuple[str, ...],
) -> None:
    """A workbook of one sheet named after `title` holding `rows`, written to the file object
    `target`."""
    name = sheet_name(title)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS)
        archive.writestr("xl/styles.xml", STYLES)
        sheet = Sheet(archive, widths=widths, right_to_left=right_to_left, quoted=quoted)
        height, width = sheet.write(rows)
        archive.writestr("xl/workbook.xml", _workbook(name, height, width))


def _workbook(name: str, height: int, width: int) -> str:
    filtered = ""
    if height and width:
        quoted = name.replace("'", "''")
        cells = f"'{quoted}'!$A$1:${column_letters(width - 1)}${height}"
        filtered = (
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" '
            f'hidden="1">{escape(cells)}</definedName></definedNames>'
        )
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        "<bookViews><workbookView/></bookViews>"
        f'<sheets><sheet name={quoteattr(name)} sheetId="1" r:id="rId1"/></sheets>'
        f"{filtered}</workbook>"
    )
