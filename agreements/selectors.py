"""Reads of the agreements app that several pages share."""

from dataclasses import dataclass

from .models import Agreement

HISTORY_LIMIT = 50


@dataclass
class HistoryEntry:
    record: object  # a HistoricalAgreement
    changes: list[tuple[str, str, str]]  # (field label, old value, new value)


def agreement_history(agreement: Agreement) -> list[HistoryEntry]:
    """The latest changes of an agreement, newest first, each with the fields it changed."""
    records = list(agreement.history.select_related("history_user")[: HISTORY_LIMIT + 1])
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["updated_at"])
            for change in delta.changes:
                label = str(Agreement._meta.get_field(change.field).verbose_name)
                changes.append((label, _display(change.old), _display(change.new)))
        entries.append(HistoryEntry(record=newer, changes=changes))
    return entries[:HISTORY_LIMIT]


def _display(value) -> str:
    if isinstance(value, list):  # many-to-many: a list of through-rows as dicts
        return ", ".join(str(item) for item in value) or "—"
    return "—" if value in (None, "") else str(value)
