"""Spreadsheet safety shared by every export: no cell is read as a formula; and the one
streaming export that every list offers (`export_view`, below).

A cell that starts with = + - @ or a tab or carriage return can run as a formula when the file
is opened in Excel or LibreOffice (CSV injection). The writers defuse it as their format allows:
in CSV it gets a leading apostrophe (`neutralize`); in XLSX, where a text cell never runs but
an apostrophe would show ("'+964 …" in every phone number), it is a text cell with Excel's
quote prefix, which keeps it text when someone edits it, and shows it as typed.
"""

import csv
import io
import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db import models
from django.db.models import F, ForeignObjectRel
from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries.fields import CountryField

from . import xlsx
from .access import roles_required
from .countries import country_names
from .jalali import format_numeric, to_ascii_digits
from .paging import paginate

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# --- Exports of the lists
#
# Every list page offers its rows as CSV and XLSX through one view made by `export_view`: the
# list's own queryset (through `visible_to`) and FilterSet, so a file holds exactly the rows the
# page shows; headers in the user's language (the fields' verbose names), choices as their
# labels, dates in the user's calendar. Digits stay Latin: the office reads these files back in.
# Rows are streamed in chunks, so that a large list never sits in memory as model instances.

CHUNK_SIZE = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
WIDTH_ROWS = 100  # the rows (with the header) an XLSX column's width is measured on
CSV_BLOCK = 64 * 1024  # characters of a CSV export sent at a time
WIDTHS = (8, 50)  # the narrowest and the widest column of an XLSX export, in characters


@dataclass(frozen=True)
class Column:
    """A column of an export: a field path ("owner__full_name", "partners") whose header is
    the last field's verbose name unless `label` is given, or a `label` and the name of an
    annotation the list's rows carry as its `value` (a count, a balance: what no field
    holds, and no import writes)."""

    path: str = ""
    label: Promise | str = ""
    value: str | None = None


def _fields(model, path: str) -> list:
    fields = []
    for name in path.split("__"):
        fields.append(model._meta.get_field(name))
        model = fields[-1].related_model
    return fields


def _header(model, column: Column) -> str:
    if column.label:
        return str(column.label)
    return capfirst(str(_fields(model, column.path)[-1].verbose_name))


class Cells:
    """Values as spreadsheet cells, for one export: dates in the user's calendar with Latin
    digits, yes/no translated, numbers as numbers, choices as their labels, everything else
    as text (each file's writer defuses what could run as a formula). The language, the time
    zone and the words are read once, and a column's conversion is chosen once from its field
    (`for_field`): asking the thread for them, or the type of every value, at every cell was
    most of an export's time."""

    def __init__(self) -> None:
        self.language = translation.get_language()
        self.zone = timezone.get_current_timezone()
        self.yes, self.no = _("Yes"), _("No")
        self.days: dict[date, str] = {}

    def __call__(self, value: Any) -> Any:
        """A value that is not None, by its type: an annotation's, or a field's of a kind
        `for_field` has no conversion for."""
        if isinstance(value, bool):
            return self.yes if value else self.no
        if isinstance(value, datetime):
            return self._moment(value)
        if isinstance(value, date):
            return self._day(value)
        if isinstance(value, int | float | Decimal):
            return value
        return str(value)

    def for_field(self, field) -> Callable[[Any], Any]:
        """How a value of `field` that is not None (as stored: a choice's code, a country's)
        becomes a cell."""
        if isinstance(field, CountryField):
            return _labelled(country_names())
        if field.choices:
            return _labelled({value: str(label) for value, label in field.flatchoices})
        if isinstance(field, models.BooleanField):
            return lambda value: self.yes if value else self.no
        if isinstance(field, models.DateTimeField):
            return self._moment
        if isinstance(field, models.DateField):
            return self._day
        if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
            return lambda value: value
        if isinstance(field, models.CharField | models.TextField):
            return str
        return self

    def _moment(self, value: datetime) -> str:
        if value.tzinfo is not None:  # aware (what the database gives, USE_TZ)
            value = value.astimezone(self.zone)
        return f"{self._day(value.date())} {value.hour:02}:{value.minute:02}"

    def _day(self, value: date) -> str:
        text = self.days.get(value)
        if text is None:
            text = self.days[value] = to_ascii_digits(format_numeric(value, self.language))
        return text


def _labelled(labels: Mapping) -> Callable[[Any], str]:
    """The cell of a stored code: its label, the code itself if it has none (a choice since
    removed)."""
    return lambda code: labels.get(code, str(code))


class _Values:
    """A column of stored values (a field's, an annotation's): each cell converted from its
    value, "" for none."""

    def __init__(self, selected: str, convert: Callable[[Any], Any]) -> None:
        self.selected = selected
        self.convert = convert

    def cells(self, values: list) -> list:
        convert = self.convert
        return ["" if value is None else convert(value) for value in values]


class _Related(_Values):
    """A column of related rows by their keys, each shown as its str(): the rows a chunk
    names are read once (a program named by a thousand applications is read once), and
    kept for the next chunk."""

    def __init__(self, selected: str, model) -> None:
        super().__init__(selected, self.label)
        self.model = model
        self.labels: dict[Any, str] = {}

    def cells(self, values: list) -> list:
        missing = {value for value in values if value is not None} - self.labels.keys()
        if missing:
            rows = self.model._base_manager.filter(pk__in=missing)
            self.labels.update((row.pk, str(row)) for row in rows)
        return super().cells(values)

    def label(self, key) -> str:
        return self.labels.get(key, "")


class _Many(_Values):
    """A column of the rows related many to one record (an agreement's partners), joined
    with "; " in their model's order (or the order they were added, for a model without
    one); `selected` is the key of the record that holds them."""

    def __init__(self, selected: str, field) -> None:
        super().__init__(selected, self.label)
        self.model = field.related_model
        # How the related rows name the record that holds them: a reverse relation by their
        # own field, a many-to-many field by the name it gives them.
        if isinstance(field, ForeignObjectRel):
            self.owner = field.field.name
        else:
            self.owner = field.related_query_name()
        self.joined: dict[Any, str] = {}

    def cells(self, values: list) -> list:
        owners = {value for value in values if value is not None}
        found: dict[Any, list[str]] = {owner: [] for owner in owners}
        rows = self.model._default_manager.filter(**{f"{self.owner}__in": owners}).annotate(
            exported_for=F(self.owner)
        )
        if not rows.ordered:  # a model without an order of its own: the order they were added
            rows = rows.order_by("pk")
        for row in rows:
            found[row.exported_for].append(str(row))
        self.joined = {owner: "; ".join(labels) for owner, labels in found.items()}
        return super().cells(values)

    def label(self, key) -> str:
        return self.joined.get(key, "")


def _column(model, column: Column, cell: Cells) -> _Values:
    """How `column` is read: what the query selects for it, and how that becomes cells."""
    if column.value is not None:
        return _Values(column.value, cell)
    fields = _fields(model, column.path)
    for position, step in enumerate(fields):
        if step.many_to_many or step.one_to_many:
            holder = "__".join(earlier.name for earlier in fields[:position]) or "pk"
            return _Many(holder, step)
    last = fields[-1]
    if last.is_relation:
        return _Related(column.path, last.related_model)
    return _Values(column.path, cell.for_field(last))


def export_rows(queryset, columns: Sequence[Column]) -> Iterator[list]:
    """The header row, then one row per record. The rows are read as the values the columns
    select (not as model instances: 90 applications with their programs took 4.9 ms as
    instances, 1.8 as values), a chunk at a time, and converted a column at a time."""
    model = queryset.model
    yield [_header(model, column) for column in columns]
    cell = Cells()
    readers = [_column(model, column, cell) for column in columns]
    # The key first: a list made distinct stays a row per record.
    selected = list(dict.fromkeys(["pk", *(reader.selected for reader in readers)]))
    positions = [selected.index(reader.selected) for reader in readers]
    rows = queryset.values_list(*selected).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(itertools.islice(rows, CHUNK_SIZE)):
        cells = [
            reader.cells([row[position] for row in chunk])
            for reader, position in zip(readers, positions, strict=True)
        ]
        yield from map(list, zip(*cells, strict=True))


def _csv_blocks(rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV text of `rows` in blocks of about CSV_BLOCK characters: a line at a time, each
    was a write to the network of its own (an export of 90 rows took a third longer over
    HTTP than in the process)."""
    # The byte-order mark makes Excel read the file as UTF-8 (Persian and Kurdish text).
    block = io.StringIO()
    block.write("\ufeff")
    writer = csv.writer(block)
    for row in rows:
        writer.writerow([neutralize(value) for value in row])
        if block.tell() >= CSV_BLOCK:
            yield block.getvalue()
            block.seek(0)
            block.truncate()
    yield block.getvalue()


def csv_text(rows: Iterable[Sequence]) -> str:
    """`rows` as the text of a CSV file (a file kept, not sent: an import's bad rows)."""
    return "".join(_csv_blocks(rows))


def csv_response(rows: Iterable[Sequence], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_blocks(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def write_xlsx(rows: Iterable[Sequence], target, title: str = "") -> None:
    """`rows` as a workbook of one sheet (named after `title`), right to left in a
    right-to-left language, written to the file object `target` row by row (`intlaffairs.xlsx`),
    so that a 50,000-row export holds a block of its text at a time. Cells are written as they
    are: a text beginning with "=" is text (with Excel's quote prefix, see above), an address
    is no link and digits in a text are no number. The header row stays in view and carries
    the spreadsheet's filters; each column is as wide as its header and first rows' texts."""
    rows = iter(rows)
    first = list(itertools.islice(rows, WIDTH_ROWS))
    xlsx.write(
        target,
        itertools.chain(first, rows),
        title=title,
        widths=_widths(first),
        right_to_left=translation.get_language_bidi(),
        quoted=FORMULA_STARTS,
    )


def _widths(rows: Sequence[Sequence]) -> list[int]:
    """Each column's width in characters: its longest text among `rows` (the header and the
    first rows), within WIDTHS."""
    narrowest, widest = WIDTHS
    return [
        min(max(narrowest, *(len(str(value)) + 2 for value in column)), widest)
        for column in zip(*rows, strict=False)
    ]


def xlsx_response(rows: Iterable[Sequence], filename: str, title: str) -> FileResponse:
    # The file is made in a temporary file, which FileResponse reads in blocks and closes
    # (removing it) when the response is done.
    target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    write_xlsx(rows, target, title)
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE
    )


@dataclass(frozen=True)
class ListExport:
    """A list and what it exports: `rows(request)` is the list page's queryset (through
    visible_to), `filterset` its FilterSet, `list_url` the page's URL name (for a bad request).
    The page draws `page(request)` and the export the same rows, so a file holds what the page
    shows."""

    filename: str
    title: Promise | str
    filterset: type
    rows: Callable[[HttpRequest], Any]
    columns: Sequence[Column]
    list_url: str
    filterset_kwargs: Callable[[HttpRequest], dict] = field(default=lambda request: {})
    url_kwargs: Sequence[str] = ()

    def filters(self, request, data, *, tell_when_cut: bool = False, **kwargs):
        """The list's FilterSet over its rows, bound to `data`. Its filters may read the person
        (a desk queue's `waiting`); only a page (`tell_when_cut`), not a file, says that a long
        search was cut."""
        filters = self.filterset(
            data,
            queryset=self.rows(request, **kwargs),
            request=request,
            **self.filterset_kwargs(request),
        )
        filters.tell_when_cut = tell_when_cut
        return filters

    def page(self, request, **kwargs) -> dict:
        """The list page's context: `filter` and the `page` of rows it asked for."""
        filters = self.filters(request, request.GET, tell_when_cut=True, **kwargs)
        return {**paginate(request, filters.qs), "filter": filters}


def export_view(export: ListExport, *roles: str, scoped: tuple[str, ...] = ()) -> Callable:
    """The view of `export`, for the list's `roles`: `?format=csv` (the default) or `xlsx`,
    with the list's filters from the same query string."""

    @roles_required(*roles, scoped=scoped)
    def view(request, **kwargs):
        file_format = request.GET.get("format", "csv")
        params = request.GET.copy()
        params.pop("format", None)
        filters = export.filters(request, params, **kwargs)
        bad_format = file_format not in FORMATS
        if bad_format or (filters.is_bound and not filters.form.is_valid()):
            if bad_format:
                messages.error(request, _("Choose CSV or XLSX for the export."))
            else:
                messages.error(request, _("Correct the filters before exporting the list."))
            url = reverse(export.list_url, kwargs=kwargs)
            return redirect(f"{url}?{params.urlencode()}" if params else url)
        rows = export_rows(filters.qs, export.columns)
        if file_format == "xlsx":
            return xlsx_response(rows, export.filename, str(export.title))
        return csv_response(rows, export.filename)

    view.__name__ = f"{export.filename}_export"
    view.export = export  # what it exports (the tests read every list's columns)
    return view
