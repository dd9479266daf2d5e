"""Reads of the agreements app that several pages share."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Agreement

HISTORY_LIMIT = 50


HISTORY_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class HistoryEntry:
    record: object  # a HistoricalAgreement
    changes: list[tuple[str, str, str]]  # (field label, old value, new value)

    @property
    def kind(self) -> str:
        return str(HISTORY_TYPES[self.record.history_type])


def agreement_history(agreement: Agreement) -> list[HistoryEntry]:
    """The latest changes of an agreement, newest first, each with the fields it changed."""
    records = list(agreement.history.select_related("history_user")[: HISTORY_LIMIT + 1])
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["updated_at"])
            for change in delta.changes:
                field = Agreement._meta.get_field(change.field)
                changes.append(
                    (
                        str(field.verbose_name),
                        _display(change.old, field),
                        _display(change.new, field),
                    )
                )
        entries.append(HistoryEntry(record=newer, changes=changes))
    return entries[:HISTORY_LIMIT]


def _display(value, field) -> str:
    if isinstance(value, list):  # many-to-many: the through rows, as dicts of ids
        target = field.related_model
        column = field.m2m_reverse_field_name()
        ids = [row[column] for row in value]
        names = sorted(str(obj) for obj in target.objects.filter(pk__in=ids))
        return "، ".join(names) or "—"
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    return "—" if value in (None, "") else str(value)
