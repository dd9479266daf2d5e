"""The thread between an applicant and the office on a record (`intlaffairs.threads` says which
records have one): writing a message and telling the other side, reading a thread, the unread
counts of the menu, and the saved replies filled from the record.

`message_post` is the one way a message is written: the applicant's pages, the office's, the
steps of a workflow (the message that goes with a stage move) and other apps' services (a
replaced document, an offer declined) all call it.
"""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import navigation, outbox, threads
from .models import Message, SavedReply, User
from .roles import Role
from .uploads import original_name, validate_document

MESSAGE_MAX_LENGTH = 4000
# The menu's unread badge may lag this long behind a record newly opened to a person; a
# message written or read anywhere renews UNREAD_CHANGE, and every badge counts afresh.
UNREAD_SECONDS = 60
UNREAD_CHANGE = "unread:change"
APPLICANT = "applicant"
OFFICE = "office"


def side_of(record, user) -> str | None:
    """Which side of `record`'s thread `user` writes and reads on: the applicant of the record,
    the office (staff), or None."""
    if user.is_authenticated and record.applicant_id == user.pk:
        return APPLICANT
    if user.is_authenticated and user.is_office_staff:
        return OFFICE
    return None


def thread_of(record):
    """The messages of `record`'s thread, oldest first."""
    return Message.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )


def thread_url(record, language: str, *, for_office: bool) -> str:
    """The absolute link to the thread, for an e-mail: the record's page of that side (at the
    thread) or the thread's own page, under the reader's language."""
    subject = threads.subject_of(record)
    page = subject.office_page if for_office else subject.applicant_page
    if page:
        return outbox.portal_url(page, language, record.pk) + "#thread"
    return outbox.portal_url("thread", language, subject.label, record.pk)


def office_officers() -> list[User]:
    """The officers who hear of an applicant's message."""
    return list(User.objects.filter(groups__name=Role.OFFICER, is_active=True).distinct())


def _tell(record, message: Message) -> None:
    """E-mail the other side of the thread, each reader in their own language, with the link to
    the thread (never the attachment); a reader without an account reads the message in the
    e-mail itself (the subject's `reply_template`)."""
    if message.from_office:
        subject = threads.subject_of(record)
        reader = subject.reader(record)
        outbox.mail_queue(
            to=reader.email,
            language=reader.language,
            template=subject.reply_template,
            context={
                "record": record,
                "message": message,
                "person": reader,
                "url": thread_url(record, reader.language, for_office=False)
                if reader.has_account
                else "",
            },
        )
        return
    # Who wrote: their account, or a visitor without one (a contact message).
    sender = message.author or threads.subject_of(record).reader(record)
    for person in office_officers():
        language = person.preferred_language
        outbox.mail_queue(
            to=person.email,
            language=language,
            template="intlaffairs/email/message_to_office",
            context={
                "record": record,
                "message": message,
                "sender": sender,
                "person": person,
                "url": thread_url(record, language, for_office=True),
            },
        )


@transaction.atomic
def message_post(
    *,
    subject,
    by: User | None,
    body: str,
    from_office: bool,
    attachment: UploadedFile | None = None,
    tell: bool = True,
) -> Message:
    """Write a message on `subject`'s thread, by its applicant (`from_office=False`) or by a
    member of the office, with an optional PDF, JPEG or PNG attachment (checked by content), and
    e-mail the other side unless `tell` is false (a stage move's own e-mail carries its
    message). The other side sees it unread until they open the thread. `by` is None for a
    visitor without an account writing on their own record (a contact message)."""
    declared = threads.subject_of(subject)
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write the message first."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("The message is longer than %(count)s characters.") % {"count": MESSAGE_MAX_LENGTH}
        )
    if from_office and (by is None or not by.is_office_staff):
        raise ValidationError(_("Only the office writes for the office."))
    if not from_office and subject.applicant_id != (by.pk if by else None):
        raise ValidationError(_("Only the applicant writes on their own application."))
    if from_office and attachment is not None and not declared.reader(subject).has_account:
        raise ValidationError(
            _("The sender has no account on the portal to open a file: write without one.")
        )
    reason = declared.closed(subject)
    if reason:
        raise ValidationError(reason)
    message = Message(subject=subject, author=by, from_office=from_office, body=body)
    if attachment is not None:
        validate_document(attachment)
        message.attachment = attachment
        message.attachment_name = original_name(attachment)
    message.save()
    unread_changed()
    if tell:
        _tell(subject, message)
    return message


def step_message(record, change) -> None:
    """A workflow effect (intlaffairs.workflow) of the office's steps: the message the step
    leaves for the applicant, and what it asks of them (`request`), are a message of the
    record's thread too, as written, so that the applicant's answer there follows the question;
    the step's own e-mail is the one that tells the applicant of it."""
    body = "\n\n".join(part for part in (change.note, change.data.get("request", "")) if part)
    if body:
        message_post(subject=record, by=change.by, body=body, from_office=True, tell=False)


def thread_read(record, *, by: User) -> int:
    """Mark the other side's messages on `record`'s thread read, as `by` opens it; returns how
    many were unread."""
    side = side_of(record, by)
    if side is None:
        return 0
    read = (
        thread_of(record)
        .filter(from_office=side == APPLICANT, read_at__isnull=True)
        .update(read_at=timezone.now())
    )
    if read:
        unread_changed()
    return read


def unread_count(user) -> int:
    """For the menu's badge on every page: `count_unread(user)`, kept in the cache until a
    message is written or read anywhere (the cache's UNREAD_CHANGE, which message_post and
    thread_read renew) or UNREAD_SECONDS pass (a record the person may newly open). Counting
    was the largest query of a bare office page and its building a tenth of the page."""
    if not user.is_authenticated:
        return 0
    return _kept_until_read("unread", user, count_unread)


def unread_thread_count(user) -> int:
    """For the desk's queue of threads with unread messages: how many of the threads `user`
    may read hold messages they have not read (`unread_threads`), counted no further than a
    badge shows and kept as `unread_count` is. Its building and planning were a sixth of the
    desk's time, and nothing but a message written or read changes it."""
    return _kept_until_read("unread-threads", user, _count_unread_threads)


def _count_unread_threads(user) -> int:
    rows = unread_threads(Message.objects.visible_to(user), user).order_by()
    return rows[: navigation.BADGE_MOST + 1].count()


def _kept_until_read(name: str, user, count) -> int:
    """`count(user)`, from the cache while no message was written or read since it was counted
    (the mark UNREAD_CHANGE is the one it was counted under) and for UNREAD_SECONDS at most."""
    key = f"{name}:{user.pk}"
    known = cache.get_many([UNREAD_CHANGE, key])
    change = known.get(UNREAD_CHANGE)
    if key in known and known[key][0] == change:
        return known[key][1]
    value = count(user)
    cache.set(key, (change, value), UNREAD_SECONDS)
    return value


def unread_changed() -> None:
    """Every badge counts afresh: now, and again once the transaction commits (a page counting
    in between would otherwise keep the old number under the new mark). message_post and
    thread_read call it; so must any other writer of messages that should show at once."""

    def renew() -> None:
        cache.set(UNREAD_CHANGE, secrets.token_hex(8), None)

    renew()
    transaction.on_commit(renew)


def count_unread(user) -> int:
    """In one query: for the office, the unread messages of applicants on the records the
    person may open, counted no further than the badge's most (`navigation.BADGE_MOST`), so
    that the query reads at most that many rows of the unread index however many wait; for an
    applicant, their unread messages from the office, a UNION of one arm per kind of record so
    that each arm reads the index for their few records."""
    if user.is_office_staff:
        unread = Message.objects.visible_to(user).unread_by_office().order_by()
        return unread[: navigation.BADGE_MOST + 1].count()
    unread = Message.objects.unread_by_applicant().order_by().values("pk")
    first, *rest = [unread.filter(records) for records in threads.visible_records_each(user)]
    return first.union(*rest, all=True).count()


def reply_fill(reply: SavedReply, record) -> str:
    """The saved reply's text with its placeholders filled from `record`, in the applicant's
    language (dates in their calendar and digits)."""
    with translation.override(threads.subject_of(record).reader(record).language):
        values = threads.subject_of(record).placeholders(record)
        return threads.placeholders_fill(reply.body, {k: str(v) for k, v in values.items()})


def replies_for(record, user) -> tuple[list[SavedReply], list[SavedReply]]:
    """The active saved replies `user` may use: those in the reader's language, the rest."""
    language = threads.subject_of(record).reader(record).language
    mine, others = [], []
    for reply in SavedReply.objects.visible_to(user).filter(is_active=True):
        (mine if reply.language == language else others).append(reply)
    return mine, others


def _unread_for(user) -> Q:
    """The messages of the other side that `user` has not read yet."""
    return Q(from_office=not user.is_office_staff, read_at__isnull=True)


def unread_threads(messages, user):
    """The threads of `messages` that hold messages `user` has not read, one row a thread
    (the "unread messages" queue of the desk counts them: intlaffairs/queues.py)."""
    return messages.filter(_unread_for(user)).values("content_type", "object_id").distinct()


def threads_of(user, *, unread_only: bool = False):
    """The threads `user` may read that have messages, as rows (content_type, object_id,
    last: the newest message's time, unread: the other side's unread messages), the ones with
    unread messages first, then the most recent; `unread_only`: those with unread messages."""
    rows = (
        Message.objects.visible_to(user)
        .order_by()
        .values("content_type", "object_id")
        .annotate(last=Max("sent_at"), unread=Count("pk", filter=_unread_for(user)))
    )
    if unread_only:
        rows = rows.filter(unread__gt=0)
    return rows.order_by("-unread", "-last", "object_id")


def with_records(rows) -> list[dict]:
    """The rows of `threads_of` with their record (`record`, its applicant fetched with it) and
    thread page (`label`): one query per kind of record."""
    rows = list(rows)
    wanted: dict[int, list[int]] = {}
    for row in rows:
        wanted.setdefault(row["content_type"], []).append(row["object_id"])
    records = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        subject = threads.subject_of(model)
        found = model._default_manager.filter(pk__in=ids)
        for record in found.select_related("applicant", *subject.related):
            records[content_type_id, record.pk] = (record, subject.label)
    shown = []
    for row in rows:
        record, label = records.get((row["content_type"], row["object_id"]), (None, ""))
        if record is not None:
            shown.append({**row, "record": record, "label": label})
    return shown
