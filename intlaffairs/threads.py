"""The records that carry a thread between their applicant and the office (an application, a
course application; later the public contact form), registered by their apps, and the
placeholders a saved reply may name.

A record with a thread names its applicant in `applicant`. Who may read a thread is who may
open its record: `visible_records(user)` builds that from each model's own `visible_to`, so
the thread, its attachments and the unread counts cannot disagree with the record's page.
The writes are in `intlaffairs.messaging`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def _always_open(record) -> None:
    return None


@dataclass(frozen=True, kw_only=True)
class Reader:
    """Who reads the office's messages on a record's thread, by e-mail and in which language.
    `display_name` greets them; `has_account` says whether they can open the portal's pages
    (the thread, an attached file)."""

    email: str
    language: str
    display_name: str
    has_account: bool = True


def applicant_reader(record) -> Reader:
    applicant = record.applicant
    return Reader(
        email=applicant.email,
        language=applicant.preferred_language,
        display_name=applicant.display_name,
    )


@dataclass(frozen=True, kw_only=True)
class Subject:
    model: type[models.Model]
    # The values of the saved replies' placeholders for a record, in the active language
    # (the messaging service switches to the applicant's): a key for each of PLACEHOLDERS.
    placeholders: Callable[[models.Model], dict[str, str]]
    # The URL names (taking the record's pk) of the record's page for each side, which shows
    # the thread; "" for the thread's own page.
    applicant_page: str = ""
    office_page: str = ""
    # Why the thread takes no message now (a draft the office cannot see yet), or None.
    closed: Callable[[models.Model], "str | Promise | None"] = _always_open
    # What the record's name needs (select_related), for lists of threads.
    related: tuple[str, ...] = ()
    # Who reads the office's messages: the record's applicant, or (a contact message) a
    # visitor who may have no account.
    reader: Callable[[models.Model], Reader] = applicant_reader
    # The e-mail (outbox template) that brings them an office message, when it is not the
    # portal's link to the thread: a visitor without an account reads it in the e-mail itself.
    reply_template: str = "intlaffairs/email/message_to_applicant"

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_SUBJECTS: dict[type[models.Model], Subject] = {}


def register(subject: Subject) -> None:
    """Give `subject.model` a thread; apps call this from their AppConfig.ready()."""
    _SUBJECTS[subject.model] = subject


def subject_of(obj_or_model) -> Subject:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    try:
        return _SUBJECTS[model._meta.concrete_model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no thread") from None


def subject_for_label(label: str) -> Subject | None:
    """The registered subject of the model "app_label.model_name", or None."""
    return next((s for s in _SUBJECTS.values() if s.label == label), None)


def subjects() -> list[Subject]:
    return list(_SUBJECTS.values())


def visible_records_each(user) -> list[Q]:
    """`visible_records` one model at a time.

    An applicant's records are few: an IN subquery, which PostgreSQL joins to the message index
    when it stands alone. The office's are most of the table, and under OR PostgreSQL cannot
    hash an IN whose records outgrow work_mem: it rescanned them for every message (minutes
    for the menu's count at 500,000 applications), so for the office each message probes its
    record (EXISTS, one index lookup)."""
    each = []
    for subject in _SUBJECTS.values():
        records = subject.model._default_manager.visible_to(user)
        content_type = ContentType.objects.get_for_model(subject.model)
        if user.is_office_staff:
            records = Q(Exists(records.filter(pk=OuterRef("object_id"))))
        else:
            records = Q(object_id__in=records.values("pk"))
        each.append(Q(content_type=content_type) & records)
    return each


def visible_records(user) -> Q:
    """A filter on a model with `content_type`/`object_id` (a message) for the records `user`
    may open: one subquery per model with a thread."""
    condition = Q(pk__in=[])
    for records in visible_records_each(user):
        condition |= records
    return condition


# --- Placeholders of saved replies

PLACEHOLDERS = {
    "name": _("the applicant's name"),
    "reference": _("the application's reference"),
    "program": _("the program or course"),
    "deadline": _("the application deadline, in the applicant's calendar"),
    "missing_documents": _("the documents still missing or to upload again"),
}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def unknown_placeholders(text: str) -> list[str]:
    """The braces in `text` that name no placeholder, e.g. ["{nmae}"]."""
    return sorted({f"{{{name}}}" for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def known_placeholders() -> str:
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def placeholders_fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known placeholder replaced by its value (a plain substitution: the
    text is never evaluated as a format string)."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match[1], match[0])), text)
