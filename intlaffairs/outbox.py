"""The e-mail outbox: every message the portal sends is first a row, written in the same
transaction as the change that causes it, and sent by a Celery task after that transaction
commits. A rolled-back change sends nothing; a task that runs twice sends once.
"""

import mimetypes
import smtplib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMail
from .timezones import office_zone


class TransientMailError(Exception):
    """Worth trying again later: the server is down, busy or said 4xx."""


def portal_url(name: str, language: str, *args) -> str:
    """The absolute URL of a named page, under the prefix of the mail reader's language."""
    from django.urls import reverse

    with translation.override(language):
        return settings.PORTAL_URL + reverse(name, args=args)


def mail_queue(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    attachment: tuple[str, bytes] | None = None,
    time_zone: str | None = None,
) -> OutgoingMail:
    """Write an e-mail in `language` from `template`_subject.txt, `template`.txt and
    `template`.html, and queue it; it leaves when the current transaction commits. Its times
    are in `time_zone` (the reader's, where the sender knows it: an interview's e-mails) or
    else the office's, whoever's request writes it: an applicant's request reads in their own
    zone (ReaderTimeZoneMiddleware), which is not the office's reader's. The templates have
    the zone's name as `time_zone`."""
    zone = time_zone or office_zone().key
    context = {**context, "time_zone": zone}
    with translation.override(language), timezone.override(zone):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    mail = OutgoingMail(
        to=to,
        language=language,
        subject=" ".join(subject.split())[:255],
        body_text=text,
        body_html=html,
    )
    if attachment:
        name, content = attachment
        mail.attachment_name = name
        mail.attachment.save(name, ContentFile(content), save=False)
    mail.save()
    from .tasks import outbox_send  # tasks import this module

    transaction.on_commit(lambda: outbox_send.delay(mail.pk))
    return mail


def mail_queue_rendered(*, to: str, language: str, subject: str, text: str, html: str = "") -> None:
    """Queue a message rendered elsewhere (allauth renders its own)."""
    mail = OutgoingMail.objects.create(
        to=to, language=language, subject=subject[:255], body_text=text, body_html=html
    )
    from .tasks import outbox_send

    transaction.on_commit(lambda: outbox_send.delay(mail.pk))


def _mimetype(name: str) -> str:
    """A letter's PDF, an interview's .ics (text/calendar, which mail programs offer to add)."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _deliver(mail: OutgoingMail) -> None:
    message = EmailMultiAlternatives(
        mail.subject, mail.body_text, settings.DEFAULT_FROM_EMAIL, [mail.to]
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    if mail.attachment:
        with mail.attachment.open("rb") as attached:
            message.attach(mail.attachment_name, attached.read(), _mimetype(mail.attachment_name))
    try:
        message.send()
    except (TimeoutError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as error:
        raise TransientMailError(str(error)) from error
    except ConnectionError as error:
        raise TransientMailError(str(error)) from error
    except smtplib.SMTPResponseException as error:
        if 400 <= error.smtp_code < 500:
            raise TransientMailError(str(error)) from error
        raise


def outbox_deliver(*, mail_id: int) -> str:
    """Send one queued message unless it went already; returns its status. A sent message
    keeps its recipient, subject and status for the outbox page, not its body.

    The row stays locked while the message is handed to the mail server, so a second run of
    the same task waits and then finds it sent. A transient error is recorded and raised for
    the task to retry (until OUTBOX_MAX_ATTEMPTS); a permanent one is recorded on the row for
    the office to see.
    """
    retry = None
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != OutgoingMail.Status.PENDING:
            return mail.status if mail else "missing"
        mail.attempts += 1
        try:
            _deliver(mail)
        except TransientMailError as error:
            mail.last_error = str(error)[:2000]
            if mail.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                mail.status = OutgoingMail.Status.FAILED
            else:
                retry = error
        except Exception as error:
            mail.status = OutgoingMail.Status.FAILED
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            mail.status = OutgoingMail.Status.SENT
            mail.sent_at = timezone.now()
            mail.last_error = ""
            # Bodies hold password-reset and confirmation links: once sent, nothing needs them,
            # and anyone reading the table (a backup, the admin) could use them.
            mail.body_text = mail.body_html = ""
        mail.save(
            update_fields=["attempts", "status", "sent_at", "last_error", "body_text", "body_html"]
        )
    if retry is not None:
        raise retry
    return mail.status
