"""Import of institutions and agreements from CSV/XLSX, and export of the agreements list.

django-import-export does the row work. An import is checked whole in a dry run first; rows are
written only when every row is valid, in one transaction, so a bad file changes nothing.
"""

from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from intlaffairs.format_controls import strip_format_controls
from intlaffairs.jalali import to_local_digits
from intlaffairs.spreadsheets import neutralized
from intlaffairs.workflow import FirstStateOnly

from .models import Agreement, Institution

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


class BlankCellsMixin:
    """An empty XLSX cell arrives as None; text columns store it as an empty string."""

    blank_text_columns: tuple[str, ...] = ()

    def before_import_row(self, row, **kwargs):
        for column in self.blank_text_columns:
            if column in row and row[column] is None:
                row[column] = ""


class InstitutionResource(BlankCellsMixin, resources.ModelResource):
    blank_text_columns = ("name_ckb", "city", "website", "notes")

    class Meta:
        model = Institution
        fields = ["name_fa", "name_en", "name_ckb", "country", "city", "kind", "website", "notes"]
        import_id_fields = ["name_en"]
        clean_model_instances = True
        skip_unchanged = True

    def dehydrate_country(self, institution):
        return institution.country.code


class AgreementResource(FirstStateOnly, BlankCellsMixin, resources.ModelResource):
    blank_text_columns = ("title_ckb",)

    partners = fields.Field(
        attribute="partners",
        column_name="partners",
        widget=widgets.ManyToManyWidget(Institution, field="name_en", separator=";"),
    )
    signed_on = fields.Field("signed_on", "signed_on", widget=widgets.DateWidget("%Y-%m-%d"))
    starts_on = fields.Field("starts_on", "starts_on", widget=widgets.DateWidget("%Y-%m-%d"))
    ends_on = fields.Field("ends_on", "ends_on", widget=widgets.DateWidget("%Y-%m-%d"))

    class Meta:
        model = Agreement
        fields = [
            "title_fa",
            "title_en",
            "title_ckb",
            "type",
            "partners",
            "signed_on",
            "starts_on",
            "ends_on",
            "auto_renewal",
        ]
        import_id_fields = ["title_en"]
        clean_model_instances = True
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        names = [name.strip() for name in str(row.get("partners") or "").split(";") if name.strip()]
        known = set(Institution.objects.filter(name_en__in=names).values_list("name_en", flat=True))
        unknown = [name for name in names if name not in known]
        if not names:
            raise ValueError(_("Name at least one partner institution."))
        if unknown:
            raise ValueError(
                _("Unknown partner institution: %(names)s") % {"names": ", ".join(unknown)}
            )


class ExportResource(AgreementResource):
    """The export: readable labels instead of codes, and the status (which an import reads
    back only when it repeats the record's)."""

    status = fields.Field(attribute="status", column_name="status")

    class Meta(AgreementResource.Meta):
        fields = [*AgreementResource.Meta.fields[:4], "status", *AgreementResource.Meta.fields[4:]]

    def dehydrate_type(self, agreement):
        return agreement.get_type_display()

    def dehydrate_status(self, agreement):
        return agreement.get_status_display()


RESOURCES = {"institutions": InstitutionResource, "agreements": AgreementResource}


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    new: int = 0
    updated: int = 0
    imported: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def read_dataset(name: str, content: bytes) -> tablib.Dataset:
    """A dataset from CSV (UTF-8) or XLSX bytes; ValueError with a translated reason otherwise."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ValueError(_("The file is larger than 5 MB."))
    lowered = name.lower()
    try:
        if lowered.endswith(".xlsx") and content.startswith(b"PK"):
            dataset = tablib.Dataset().load(content, format="xlsx")
        elif lowered.endswith(".csv"):
            dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        else:
            raise ValueError(_("Upload a CSV or XLSX file."))
    except (UnicodeDecodeError, tablib.UnsupportedFormat, KeyError, OSError) as error:
        raise ValueError(_("The file could not be read as CSV (UTF-8) or XLSX.")) from error
    if len(dataset) > MAX_IMPORT_ROWS:
        raise ValueError(
            _("The file has more than %(count)s rows.")
            % {"count": to_local_digits(MAX_IMPORT_ROWS)}
        )
    if not dataset.headers:
        raise ValueError(_("The file has no header row."))
    # A spreadsheet is typed text like a form's, and loses the same invisible characters.
    rows = (
        tuple(strip_format_controls(c) if isinstance(c, str) else c for c in row) for row in dataset
    )
    return tablib.Dataset(*rows, headers=[strip_format_controls(h) for h in dataset.headers])


def _check(resource, dataset: tablib.Dataset) -> ImportReport:
    result = resource.import_data(dataset, dry_run=True, raise_errors=False)
    report = ImportReport()
    for number, errors in result.row_errors():
        for error in errors:
            report.errors.append((number, str(error.error)))
    for invalid in result.invalid_rows:
        for field_name, messages in invalid.error_dict.items():
            for message in messages:
                report.errors.append((invalid.number, f"{field_name}: {message}"))
    for error in result.base_errors:
        report.errors.append((0, str(error.error)))
    report.errors.sort()
    report.new = result.totals.get("new", 0)
    report.updated = result.totals.get("update", 0)
    return report


def import_dataset(*, kind: str, dataset: tablib.Dataset, commit: bool, by=None) -> ImportReport:
    """Check every row; with `commit`, and only when all are valid, write them all, as `by`."""
    resource = RESOURCES[kind](by=by) if kind == "agreements" else RESOURCES[kind]()
    report = _check(resource, dataset)
    if report.ok and commit:
        with transaction.atomic():
            resource.import_data(dataset, dry_run=False, raise_errors=True)
        report.imported = report.new + report.updated
    return report


def export_agreements(queryset, file_format: str) -> tuple[bytes | str, str]:
    dataset = neutralized(ExportResource().export(queryset))
    if file_format == "xlsx":
        return (
            dataset.export("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return "\ufeff" + dataset.export("csv"), "text/csv; charset=utf-8"
