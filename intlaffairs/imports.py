"""Import of a list from the CSV or XLSX file its export writes (`intlaffairs.spreadsheets`).

Each app declares a `ListImport`: the model, the export's columns, the natural key that finds
the record a row describes, and how a new record is made. This module does the rest, the same
way for every list, on one page (`import_view`):

- headers are the export's, in any interface language (the language the headers are in is the
  language of the file: a translated name in a Persian file is the Persian name);
- a choice is read from its code or its label in any language; a related record from its name
  in any language, its code, or (a country) its code or name; yes/no in any language;
- dates in either calendar (a year before 1700 is Solar Hijri) and numbers in any digits;
- a cell the export neutralized (a leading apostrophe before = + - @) is read back as typed;
- the user sees a preview (new, updated, unchanged, bad) first, and nothing is written until
  they confirm; then the valid rows go in, each on its own, and the bad ones come back as a
  file in the same format with an extra column saying what is wrong;
- a record of a workflow is created in its first state (`workflow.created`) and the state
  column may only repeat the record's state: states change by `move()` on the record's page.
"""

import csv
import functools
import io
import re
import secrets
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from django_countries.fields import CountryField
from openpyxl.utils.escape import unescape

from . import workflow
from .access import roles_required
from .format_controls import strip_format_controls
from .jalali import parse_date, to_local_digits
from .normalize import normalize_text
from .numerals import number_text
from .spreadsheets import (
    FORMULA_STARTS,
    XLSX_TYPE,
    Column,
    _header,
    csv_response,
    csv_text,
    write_xlsx,
    xlsx_response,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
# An XLSX file is a zip: a small file may unpack to gigabytes (a "zip bomb").
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
LIST_SEPARATOR = ";"
JALALI_BEFORE = 1700  # a year below this is a Solar Hijri year


@dataclass(frozen=True)
class ListImport:
    """What a list imports.

    `columns` are the export's (their headers are what a file carries); a column computed by
    a `value` function, or named in `read_only`, is read and ignored. `keys` are the natural
    keys, tried in order: the first whose columns all have a value in the row finds the record.
    `create(instance, relations, by)` saves a new record (a service of the app); without it the
    instance is saved and its many-to-many relations set.
    """

    name: str
    title: Promise | str
    model: type[models.Model]
    columns: Sequence[Column]
    keys: Sequence[Sequence[str]]
    list_url: str
    read_only: Sequence[str] = ()
    create: Callable[..., Any] | None = None


class UnreadableFile(ValueError):
    """A file that cannot be imported at all, with a translated reason."""


# --- Reading the file


@dataclass
class Sheet:
    format: str  # "csv" or "xlsx"
    headers: list[str]
    rows: list[list[Any]]


def _clean_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        value = strip_format_controls(value).strip()
        # The export's neutralized formula, read back as the text that was typed.
        if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
            value = value[1:]
    return value


def _xlsx_rows(content: bytes) -> Iterator[tuple]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile(_("The file could not be read as CSV (UTF-8) or XLSX.")) from error
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(_("The file could not be read as CSV (UTF-8) or XLSX."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UnreadableFile(_("The file contains macros. Save it as a plain XLSX or CSV file."))
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(_("The file is too large once unpacked."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            # Excel writes a control character (a line's \r) as _xHHHH_, and _x005F_ before a
            # text that looks like one; openpyxl leaves both as they are written.
            yield tuple(unescape(value) if isinstance(value, str) else value for value in row)
        workbook.close()
    except (KeyError, ValueError, OSError, IndexError, zipfile.BadZipFile) as error:
        raise UnreadableFile(_("The file could not be read as CSV (UTF-8) or XLSX.")) from error


def _csv_rows(content: bytes) -> Iterator[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file could not be read as CSV (UTF-8) or XLSX.")) from error
    if "\x00" in text:
        raise UnreadableFile(_("The file could not be read as CSV (UTF-8) or XLSX."))
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as error:
        raise UnreadableFile(_("The file could not be read as CSV (UTF-8) or XLSX.")) from error


def read_sheet(name: str, content: bytes) -> Sheet:
    """The header and rows of a CSV (UTF-8) or XLSX file, told apart by their content;
    UnreadableFile with a translated reason for anything else, too large or too long."""
    if len(content) > MAX_IMPORT_BYTES:
        raise UnreadableFile(
            _("The file is larger than %(size)s MB.")
            % {"size": to_local_digits(MAX_IMPORT_BYTES // (1024 * 1024))}
        )
    lowered = name.lower()
    if not lowered.endswith((".csv", ".xlsx")):
        raise UnreadableFile(_("Upload a CSV or XLSX file."))
    file_format = "xlsx" if content.startswith(b"PK") else "csv"
    if lowered.endswith(".xlsx") != (file_format == "xlsx"):
        raise UnreadableFile(_("The file could not be read as CSV (UTF-8) or XLSX."))
    source = _xlsx_rows(content) if file_format == "xlsx" else _csv_rows(content)
    rows: list[list] = []
    for row in source:
        cells = [_clean_cell(value) for value in row]
        if not any(cell != "" for cell in cells):
            continue
        rows.append(cells)
        if len(rows) > MAX_IMPORT_ROWS + 1:
            raise UnreadableFile(
                _("The file has more than %(count)s rows.")
                % {"count": to_local_digits(MAX_IMPORT_ROWS)}
            )
    if not rows:
        raise UnreadableFile(_("The file has no header row."))
    headers = [str(cell) for cell in rows[0]]
    width = len(headers)
    body = [(row + [""] * width)[:width] for row in rows[1:]]
    return Sheet(format=file_format, headers=headers, rows=body)


# --- Reading a cell


class BadCell(ValueError):
    """A cell that says nothing the column can hold; the message is translated."""


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _key(text: Any) -> str:
    return normalize_text(str(text)).casefold()


def _in_every_language(text: Callable[[], Any]) -> list[str]:
    found = []
    for language in _languages():
        with translation.override(language):
            found.append(str(text()))
    return found


def _translated_names(model, name: str) -> list[str]:
    """The columns of a field translated with modeltranslation (name_fa, name_en...), or none."""
    names = [f"{name}_{language}" for language in _languages()]
    existing = {f.name for f in model._meta.get_fields()}
    return [n for n in names if n in existing]


@functools.cache
def _choice_codes(model_field) -> dict[str, str]:
    """Every way a choice may be written (its code, its label in each language), normalized,
    to its code. Labels are the code's: read once per process."""
    codes = {}
    for code, label in model_field.flatchoices:
        for text in _in_every_language(lambda label=label: label):
            codes.setdefault(_key(text), code)
    for code, _label in model_field.flatchoices:
        codes[_key(code)] = code
    return codes


def _read_choice(model_field, value: Any) -> str:
    text = _key(value)
    if not text:
        return ""
    try:
        return _choice_codes(model_field)[text]
    except KeyError:
        raise BadCell(_("“%(value)s” is not one of the choices.") % {"value": value}) from None


def _read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _key(value)
    yes = {"1", "true", *(_key(t) for t in _in_every_language(lambda: _("Yes")))}
    no = {"", "0", "false", *(_key(t) for t in _in_every_language(lambda: _("No")))}
    if text in yes:
        return True
    if text in no:
        return False
    raise BadCell(_("“%(value)s” is neither yes nor no.") % {"value": value})


def read_date(value: Any) -> date | None:
    """A date in either calendar, in any digits, year first or (as Arabic writes it) day
    first: a year before 1700 is Solar Hijri."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    # The year is the four digits at either end: year first as fa, ckb and en write dates,
    # or day first as ar does (an export in Arabic reads back so).
    parts = re.split(r"\D+", number_text(text))
    year = next((part for part in (parts[0], parts[-1]) if len(part) == 4), "")
    jalali = year.isdigit() and int(year) < JALALI_BEFORE
    try:
        return parse_date(text, "fa" if jalali else "ar")
    except ValueError:
        raise BadCell(
            _("“%(value)s” is not a date (year/month/day, e.g. 1405/07/01 or 2026-09-23).")
            % {"value": value}
        ) from None


def _read_number(model_field, value: Any) -> int | Decimal | None:
    if value == "" or value is None:
        return None
    text = number_text(str(value))
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise BadCell(_("“%(value)s” is not a number.") % {"value": value}) from None
    if isinstance(model_field, models.DecimalField):
        return number
    if number != number.to_integral_value():
        raise BadCell(_("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


@functools.cache
def _country_codes() -> dict[str, str]:
    """Every country's code and its name in each language, normalized, to its code."""
    codes = {}
    for language in _languages():
        with translation.override(language):
            for code, name in countries:
                codes.setdefault(_key(name), code)
    for code, _name in countries:
        codes[_key(code)] = code
    return codes


def _read_country(value: Any) -> str:
    text = _key(value)
    if not text:
        return ""
    try:
        return _country_codes()[text]
    except KeyError:
        raise BadCell(_("“%(value)s” is not a country.") % {"value": value}) from None


def _find_related(model, value: Any):
    """The record of `model` named by `value`: its code, or its name or title in any language,
    or its text as shown."""
    text = str(value).strip()
    names = {f.name for f in model._meta.get_fields()}
    query = Q()
    if "code" in names:
        query |= Q(code__iexact=text)
    for base in ("name", "title"):
        for column in _translated_names(model, base) or ([base] if base in names else []):
            query |= Q(**{f"{column}__iexact": text})
    found = list(model._default_manager.filter(query)[:2]) if query else []
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise BadCell(
            _("“%(value)s” names more than one %(kind)s.")
            % {"value": text, "kind": model._meta.verbose_name}
        )
    raise BadCell(
        _("There is no %(kind)s “%(value)s”.") % {"value": text, "kind": model._meta.verbose_name}
    )


def read_cell(model_field, value: Any) -> Any:
    """The value for `model_field` that `value` (a cell) says; BadCell if none."""
    if model_field.many_to_many:
        parts = [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]
        return [_find_related(model_field.related_model, part) for part in parts]
    if model_field.is_relation:
        if str(value).strip() == "":
            return None
        return _find_related(model_field.related_model, value)
    if isinstance(model_field, CountryField):
        return _read_country(value)
    if model_field.choices:
        return _read_choice(model_field, value)
    if isinstance(model_field, models.BooleanField):
        return _read_bool(value)
    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        return read_date(value)
    if isinstance(model_field, models.IntegerField | models.DecimalField):
        return _read_number(model_field, value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


# --- Checking and writing the rows


@dataclass
class Row:
    line: int  # the line in the file; the header is line 1
    cells: list[Any]
    action: str = ""  # "new", "updated", "unchanged" or "bad"
    errors: list[str] = field(default_factory=list)
    instance: models.Model | None = None
    relations: dict[str, list] = field(default_factory=dict)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    written: bool = False

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def imported(self) -> int:
        return self.new + self.updated if self.written else 0

    @property
    def bad(self) -> list[Row]:
        return [row for row in self.rows if row.action == "bad"]


@dataclass
class _Mapping:
    language: str
    columns: dict[int, Column]  # position in the file -> the column it holds


def _headers_of(spec: ListImport, column: Column) -> dict[str, str]:
    """language -> the column's header in that language."""
    found = {}
    for language in _languages():
        with translation.override(language):
            found[language] = _header(spec.model, column)
    return found


def _error_headers() -> set[str]:
    return {_key(t) for t in _in_every_language(lambda: _("Error"))}


def map_headers(spec: ListImport, headers: Sequence[str]) -> _Mapping:
    """Which column each header names, and the language the headers are written in."""
    names = {column: _headers_of(spec, column) for column in spec.columns}
    votes = dict.fromkeys(_languages(), 0)
    mapping: dict[int, Column] = {}
    unknown = []
    for position, header in enumerate(headers):
        text = _key(header)
        if not text:
            continue
        if text in _error_headers():
            continue  # the reason a returned bad row gave: read again, it is not data
        for column, by_language in names.items():
            languages = [lang for lang, name in by_language.items() if _key(name) == text]
            if languages or (column.path and text == _key(column.path)):
                mapping[position] = column
                for language in languages:
                    votes[language] += 1
                break
        else:
            unknown.append(str(header))
    if unknown:
        raise UnreadableFile(
            _("Unknown columns: %(columns)s. Start from the template of this list.")
            % {"columns": ", ".join(unknown)}
        )
    present = {column.path for column in mapping.values()}
    if not any(set(key) <= present for key in spec.keys):
        missing = [
            _header(spec.model, column)
            for column in spec.columns
            if column.path in spec.keys[0] and column.path not in present
        ]
        raise UnreadableFile(
            _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    current = translation.get_language()
    best = max(votes.values())
    language = current if votes.get(current) == best else max(votes, key=votes.get)
    return _Mapping(language=language, columns=mapping)


def _writable(spec: ListImport, column: Column) -> bool:
    return bool(column.path) and "__" not in column.path and column.path not in spec.read_only


def _state_field(model) -> str | None:
    try:
        return workflow.workflow_of(model).field
    except LookupError:
        return None


def _field_label(spec: ListImport, name: str) -> str:
    for column in spec.columns:
        if column.path == name:
            return _header(spec.model, column)
    return str(spec.model._meta.get_field(name).verbose_name)


def _validation_messages(spec: ListImport, error: ValidationError) -> list[str]:
    """The reasons of a model's validation, each named by its column, in the user's language;
    Django's generic wording of a missing or too long value is replaced by ours."""
    reasons = []
    for name, errors in error.error_dict.items() if hasattr(error, "error_dict") else []:
        for item in errors:
            if item.code in {"blank", "null", "required"}:
                message = _("A value is required.")
            elif item.code == "max_length":
                message = _("The text is too long.")
            elif item.code == "invalid":
                message = _("The value is not valid.")
            else:
                message = " ".join(item.messages)
            if name == "__all__":
                reasons.append(message)
            else:
                reasons.append(f"{_field_label(spec, name)}: {message}")
    if not hasattr(error, "error_dict"):
        reasons.extend(error.messages)
    return reasons


def _find_existing(spec: ListImport, values: dict[str, Any], language: str):
    model = spec.model
    for key in spec.keys:
        if not all(values.get(name) not in (None, "", []) for name in key):
            continue
        query = Q()
        for name in key:
            value = values[name]
            translated = _translated_names(model, name)
            if translated:
                query &= Q(
                    *[Q(**{f"{column}__iexact": value}) for column in translated],
                    _connector=Q.OR,
                )
            elif isinstance(value, str):
                query &= Q(**{f"{name}__iexact": value})
            else:
                query &= Q(**{name: value})
        found = list(model._default_manager.filter(query)[:2])
        if len(found) > 1:
            raise BadCell(_("The row matches more than one existing record."))
        return found[0] if found else None, key
    return None, None


def _current(instance, name: str, language: str) -> Any:
    model_field = instance._meta.get_field(name)
    if model_field.many_to_many:
        return {item.pk for item in getattr(instance, name).all()} if instance.pk else set()
    if model_field.is_relation:
        return getattr(instance, model_field.attname)
    with translation.override(language):
        return getattr(instance, name)


def check_row(spec: ListImport, mapping: _Mapping, row: Row, seen: dict) -> None:
    """Fill in `row`: what it would do (new, updated, unchanged) and its instance, or why it is
    bad. Nothing is written."""
    model = spec.model
    values: dict[str, Any] = {}
    for position, column in mapping.columns.items():
        if column.value is not None or "__" in column.path or column.path in spec.read_only:
            continue
        model_field = model._meta.get_field(column.path)
        try:
            values[column.path] = read_cell(model_field, row.cells[position])
        except BadCell as error:
            row.errors.append(f"{_header(model, column)}: {error}")
    if row.errors:
        row.action = "bad"
        return
    try:
        existing, key = _find_existing(spec, values, mapping.language)
    except BadCell as error:
        row.errors.append(str(error))
        row.action = "bad"
        return
    if key is None:
        labels = [_field_label(spec, name) for name in spec.keys[0]]
        row.errors.append(
            _("A value is required in: %(columns)s.") % {"columns": ", ".join(labels)}
        )
        row.action = "bad"
        return
    identity = (tuple(key), tuple(_key(values[name]) for name in key))
    if identity in seen:
        row.errors.append(
            _("The same record as line %(line)s.") % {"line": to_local_digits(seen[identity])}
        )
        row.action = "bad"
        return
    seen[identity] = row.line

    state = _state_field(model)
    if state and state in values:
        declared = workflow.workflow_of(model)
        given = values.pop(state)
        expected = declared.state(existing) if existing else declared.initial
        if given and given != expected:
            if existing:
                row.errors.append(
                    _(
                        "An import does not change the status: this record is “%(state)s”, "
                        "the file says “%(given)s”. Change it on the record's page."
                    )
                    % {"state": declared.label(expected), "given": declared.label(given)}
                )
            else:
                row.errors.append(
                    _(
                        "A new record is imported as “%(state)s”; the file says “%(given)s”. "
                        "Import it without a status and move it on its page."
                    )
                    % {"state": declared.label(expected), "given": declared.label(given)}
                )
            row.action = "bad"
            return

    instance = existing or model()
    changed = existing is None
    for column in mapping.columns.values():
        if not _writable(spec, column) or column.path == state or column.path not in values:
            continue
        name = column.path
        model_field = model._meta.get_field(name)
        value = values[name]
        if model_field.many_to_many:
            if not value and not model_field.blank:
                row.errors.append(f"{_header(model, column)}: {_('A value is required.')}")
            if {item.pk for item in value} != _current(instance, name, mapping.language):
                changed = True
            row.relations[name] = value
            continue
        if value is None and not model_field.null and not model_field.is_relation:
            value = "" if isinstance(model_field, models.CharField | models.TextField) else None
        current = _current(instance, name, mapping.language)
        compared = value.pk if isinstance(value, models.Model) else value
        if existing is not None and compared == current:
            continue
        changed = True
        translated = _translated_names(model, name)
        if translated:
            setattr(instance, f"{name}_{mapping.language}", value)
            if existing is None:
                # The default language's column may not stay empty: a new record's name in
                # another language stands in for it until it is typed.
                for sibling in translated:
                    if not model._meta.get_field(sibling).blank and not getattr(instance, sibling):
                        setattr(instance, sibling, value)
        elif model_field.is_relation:
            setattr(instance, model_field.attname, compared)
        else:
            setattr(instance, name, value)
    if not row.errors and changed:
        try:
            instance.full_clean(exclude=[f.name for f in model._meta.many_to_many])
        except ValidationError as error:
            row.errors.extend(_validation_messages(spec, error))
    if row.errors:
        row.action = "bad"
        return
    row.instance = instance
    row.action = "unchanged" if not changed else ("new" if existing is None else "updated")


def import_sheet(*, spec: ListImport, sheet: Sheet, commit: bool, by) -> Report:
    """Check every row of `sheet`; with `commit`, write the valid new and changed ones (each on
    its own, so that one that fails at the last moment leaves the others), as `by`."""
    mapping = map_headers(spec, sheet.headers)
    report = Report(
        rows=[Row(line=number + 2, cells=cells) for number, cells in enumerate(sheet.rows)]
    )
    seen: dict = {}
    for row in report.rows:
        check_row(spec, mapping, row, seen)
        if commit and row.action in {"new", "updated"}:
            _write(spec, row, by)
    report.written = commit
    return report


def _write(spec: ListImport, row: Row, by) -> None:
    try:
        with transaction.atomic():
            instance = row.instance
            if instance.pk is None and spec.create is not None:
                spec.create(instance, row.relations, by)
                return
            created = instance.pk is None
            instance.save()
            for name, items in row.relations.items():
                getattr(instance, name).set(items)
            if created and _state_field(spec.model):
                workflow.created(instance, by=by, note=_("Imported from a spreadsheet."))
    except ValidationError as error:
        row.errors.extend(error.messages)
        row.action = "bad"


# --- Files offered: the template and the bad rows


def header_row(spec: ListImport) -> list[str]:
    return [_header(spec.model, column) for column in spec.columns]


def bad_rows_file(sheet: Sheet, report: Report) -> bytes:
    """The bad rows of `sheet` as a file of its format, with an extra column saying why."""
    rows = [[*sheet.headers, _("Error")]]
    rows += [[*row.cells, " ".join(row.errors)] for row in report.bad]
    if sheet.format == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(rows, buffer)
        return buffer.getvalue()
    return csv_text(rows).encode()


# --- The page


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8) or XLSX, at most 5 MB and 5,000 rows."),
    )


SESSION_KEY = "imports"


def _pending(request: HttpRequest) -> dict:
    return request.session.get(SESSION_KEY, {})


KEPT_IMPORTS = 5  # a session keeps its last few checked files; older ones are deleted


def _remember(request: HttpRequest, token: str, entry: dict) -> None:
    pending = dict(_pending(request))
    pending.pop(token, None)
    pending[token] = entry
    while len(pending) > KEPT_IMPORTS:
        old = pending.pop(next(iter(pending)))
        for path in (old["path"], old["errors"]):
            if path:
                default_storage.delete(path)
    request.session[SESSION_KEY] = pending


def import_view(spec: ListImport, *roles: str) -> Callable:
    """The import page of `spec` for `roles`: GET shows the form (?template=csv|xlsx downloads
    the template, ?errors=<token> the bad rows of a checked file); POST with a file shows the
    preview; POST with `confirm` imports the checked file."""

    @roles_required(*roles)
    def view(request):
        if request.method == "GET" and "template" in request.GET:
            return _template(spec, request.GET["template"])
        if request.method == "GET" and "errors" in request.GET:
            return _bad_rows(request, spec)
        if request.method == "POST" and "confirm" in request.POST:
            return _confirm(request, spec)
        form = ImportForm(request.POST or None, request.FILES or None)
        context = {"spec": spec, "form": form}
        if request.method == "POST" and form.is_valid():
            context.update(_preview(request, spec, form))
        return render(request, "imports/import.html", context)

    view.__name__ = f"{spec.name}_import"
    return view


def _template(spec: ListImport, file_format: str):
    rows = iter([header_row(spec)])
    if file_format == "xlsx":
        return xlsx_response(rows, f"{spec.name}-template", str(spec.title))
    return csv_response(rows, f"{spec.name}-template")


def _preview(request: HttpRequest, spec: ListImport, form: ImportForm) -> dict:
    upload = form.cleaned_data["file"]
    content = upload.read(MAX_IMPORT_BYTES + 1)  # enough to know it is too large
    try:
        sheet = read_sheet(upload.name, content)
        report = import_sheet(spec=spec, sheet=sheet, commit=False, by=request.user)
    except UnreadableFile as error:
        form.add_error("file", str(error))
        return {}
    token = secrets.token_urlsafe(16)
    path = default_storage.save(f"imports/{token}", ContentFile(content))
    errors_path = ""
    if report.bad:
        errors_path = default_storage.save(
            f"imports/{token}-errors", ContentFile(bad_rows_file(sheet, report))
        )
    _remember(
        request,
        token,
        {
            "list": spec.name,
            "path": path,
            "name": upload.name,
            "format": sheet.format,
            "errors": errors_path,
        },
    )
    return {"report": report, "token": token}


def _confirm(request: HttpRequest, spec: ListImport):
    token = request.POST["confirm"]
    entry = _pending(request).get(token)
    if not entry or entry["list"] != spec.name or not entry["path"]:
        messages.error(request, _("This import has expired. Upload the file again."))
        return redirect(request.path)
    with default_storage.open(entry["path"], "rb") as stored:
        content = stored.read()
    default_storage.delete(entry["path"])
    _remember(request, token, {**entry, "path": ""})
    try:
        sheet = read_sheet(entry["name"], content)
        report = import_sheet(spec=spec, sheet=sheet, commit=True, by=request.user)
    except UnreadableFile as error:
        messages.error(request, str(error))
        return redirect(request.path)
    if report.bad:
        if entry["errors"]:
            default_storage.delete(entry["errors"])
        errors_path = default_storage.save(
            f"imports/{token}-errors", ContentFile(bad_rows_file(sheet, report))
        )
        _remember(request, token, {**entry, "path": "", "errors": errors_path})
    return render(
        request,
        "imports/import.html",
        {"spec": spec, "form": ImportForm(), "report": report, "token": token},
    )


def _bad_rows(request: HttpRequest, spec: ListImport):
    entry = _pending(request).get(request.GET["errors"])
    if not entry or entry["list"] != spec.name or not entry["errors"]:
        raise Http404
    with default_storage.open(entry["errors"], "rb") as stored:
        content = stored.read()
    name = f"{spec.name}-errors.{entry['format']}"
    content_type = "text/csv; charset=utf-8" if entry["format"] == "csv" else XLSX_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
