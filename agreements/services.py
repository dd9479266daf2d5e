"""Writes on agreements: creation, renewal, signed files, reminders. The lifecycle itself is
declared in workflows.py and moved by `intlaffairs.workflow.move`.

Each service is atomic, takes keyword-only arguments, raises ValidationError with a translated
message when a rule forbids the change, and leaves a record of who did what.
"""

from datetime import date

import jdatetime
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intlaffairs import outbox, reports, workflow
from intlaffairs.models import ReportRequest, User
from intlaffairs.roles import Role

from .models import Agreement, RenewalReminder, SignedFile

Status = Agreement.Status
MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)

REMINDER_DAYS = (180, 90, 30)
# What a successor takes over from the agreement it renews (dates and files are its own).
RENEWAL_COPIES = [
    *(
        f"{field}_{code}"
        for field in ("title", "description")
        for code, _name in settings.LANGUAGES
    ),
    "type",
    "auto_renewal",
    "signatories",
]


def agreement_create(*, agreement: Agreement, partners, scopes, initiators, by: User) -> Agreement:
    """Save a new agreement as a draft. A faculty member proposing one is among its initiators."""
    with transaction.atomic():
        if agreement.owner_id is None and by.is_office_staff:
            agreement.owner = by
        agreement.save()
        agreement.partners.set(partners)
        agreement.scopes.set(scopes)
        agreement.initiators.set(initiators)
        if by.has_role(Role.FACULTY) and not by.is_office_staff:
            agreement.initiators.add(by)
        workflow.created(agreement, by=by)
        return agreement


# The steps an agreement signed outside the portal has already been through, in order.
SIGNED_STEPS = ("negotiate", "send_for_signature", "activate")


def agreement_record_signed(
    *,
    agreement: Agreement,
    partners,
    scopes,
    initiators,
    upload: UploadedFile,
    file_title: str,
    by: User,
) -> Agreement:
    """Record an agreement that is already signed: create it, attach the signed copy and take
    it through the workflow to active, one `move()` (with its checks and history row) a step.
    Only a manager may, as only a manager activates; anything refused undoes it all."""
    with transaction.atomic():
        if not by.has_role(*MANAGERS):
            raise ValidationError(
                _("Only an office manager can activate or terminate an agreement.")
            )
        agreement = agreement_create(
            agreement=agreement, partners=partners, scopes=scopes, initiators=initiators, by=by
        )
        signed_file_add(agreement=agreement, upload=upload, title=file_title, by=by)
        note = _("Recorded as already signed.")
        for step in SIGNED_STEPS:
            agreement = workflow.move(agreement, step, by=by, note=note)
        return agreement


def agreement_renew(*, agreement: Agreement, by: User) -> Agreement:
    """Start the successor of an active or expired agreement, as a draft linked to it."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status not in (Status.ACTIVE, Status.EXPIRED):
            raise ValidationError(_("Only an active or expired agreement can be renewed."))
        if Agreement.objects.filter(predecessor=agreement).exists():
            raise ValidationError(_("This agreement has already been renewed."))
        successor = Agreement.objects.create(
            **{field: getattr(agreement, field) for field in RENEWAL_COPIES},
            predecessor=agreement,
            owner=agreement.owner or by,
            starts_on=agreement.ends_on,
        )
        successor.partners.set(agreement.partners.all())
        successor.scopes.set(agreement.scopes.all())
        successor.initiators.set(agreement.initiators.all())
        workflow.created(
            successor, by=by, note=_("Renewal of agreement #%(id)s") % {"id": agreement.pk}
        )
        return successor


def agreements_expire(*, today: date | None = None) -> int:
    """Mark active agreements whose end date has passed as expired; returns how many."""
    today = today or timezone.localdate()
    expired = 0
    for agreement in Agreement.objects.filter(status=Status.ACTIVE, ends_on__lt=today):
        try:
            workflow.move(agreement, "expire", by=None, note=_("Ended on its end date."))
        except ValidationError:
            continue  # another run got there first
        expired += 1
    return expired


def signed_file_add(
    *, agreement: Agreement, upload: UploadedFile, title: str, by: User
) -> SignedFile:
    """Attach a signed copy; only a real PDF of at most 20 MB is accepted."""
    with transaction.atomic():
        return SignedFile.store(upload=upload, title=title, by=by, agreement=agreement)


def _recipients(agreement: Agreement) -> list[User]:
    managers = User.objects.filter(is_active=True, groups__name=Role.MANAGER)
    people = {user.pk: user for user in managers}
    if agreement.owner and agreement.owner.is_active:
        people[agreement.owner.pk] = agreement.owner
    return list(people.values())


def _queue_reminder(agreement: Agreement, days_before: int, recipient: User) -> None:
    outbox.mail_queue(
        to=recipient.email,
        language=recipient.preferred_language,
        template="agreements/email/renewal_reminder",
        context={
            "agreement": agreement,
            "days_before": days_before,
            "recipient": recipient,
            "url": settings.PORTAL_URL + agreement.get_absolute_url(),
        },
    )


def reminders_due(today: date) -> list[tuple[Agreement, int]]:
    """Active agreements that reached a reminder threshold and have not had it yet."""
    due = []
    candidates = Agreement.objects.filter(
        status=Status.ACTIVE,
        ends_on__gte=today,
        # only narrows the query: the thresholds below leave out anything further away
        ends_on__lte=today + timezone.timedelta(days=max(REMINDER_DAYS)),  # pragma: no mutate
    )
    for agreement in candidates:
        days_left = (agreement.ends_on - today).days
        # The nearest threshold already reached; earlier ones missed are not sent late.
        reached = [days for days in REMINDER_DAYS if days_left <= days]
        if reached:
            due.append((agreement, min(reached)))
    return due


def renewal_reminders_send(*, today: date | None = None) -> int:
    """Send each due reminder exactly once, even when two workers run this at the same time.

    The reminder row and its e-mails (outbox rows) are written in one transaction; the
    reminder's unique constraint lets only one run commit it, the other's is rolled back.
    """
    today = today or timezone.localdate()
    sent = 0
    for agreement, days_before in reminders_due(today):
        try:
            with transaction.atomic():
                RenewalReminder.objects.create(
                    agreement=agreement, days_before=days_before, ends_on=agreement.ends_on
                )
                for recipient in _recipients(agreement):
                    _queue_reminder(agreement, days_before, recipient)
        except IntegrityError:
            continue  # another run claimed this reminder first
        sent += 1
    return sent


def monthly_report_send(*, today: date | None = None) -> int:
    """On the first day of a Jalali month, e-mail each manager last month's agreements report
    in their own language, once per manager and day, even when a run dies half-way.

    The scheduled request row is unique, so a second run finds the first run's request rather
    than making another; the rendering is idempotent; and the mail is queued under the
    request's row lock together with a `mailed` mark, so it is queued exactly once. (Skipping a
    request that exists would lose the mail of a run killed between claim and mail.)"""
    today = today or timezone.localdate()
    jtoday = jdatetime.date.fromgregorian(date=today)
    if jtoday.day != 1:
        return 0
    last_month_end = today - timezone.timedelta(days=1)
    jlast = jdatetime.date.fromgregorian(date=last_month_end)
    period = (jdatetime.date(jlast.year, jlast.month, 1).togregorian(), last_month_end)
    sent = 0
    managers = User.objects.filter(is_active=True, groups__name=Role.MANAGER).distinct()
    for manager in managers:
        # get_or_create itself takes the row another run inserted between its read and insert.
        request, _created = ReportRequest.objects.get_or_create(
            kind="agreements",
            requested_by=manager,
            scheduled_for=today,
            defaults={
                "language": manager.preferred_language,
                "period_start": period[0],
                "period_end": period[1],
            },
        )
        if request.params.get("mailed"):
            continue
        request = reports.report_render(request_id=request.pk)
        with request.file.open("rb") as rendered:
            content = rendered.read()
        with transaction.atomic():
            locked = ReportRequest.objects.select_for_update().get(pk=request.pk)
            if locked.params.get("mailed"):
                continue  # another run mailed it while we rendered
            outbox.mail_queue(
                to=manager.email,
                language=manager.preferred_language,
                template="agreements/email/monthly_report",
                context={"recipient": manager, "request": locked},
                attachment=(f"agreements-{jlast.year}-{jlast.month:02d}.pdf", content),
            )
            locked.params = {**locked.params, "mailed": True}
            # Saving every field would write back the very values just read (the row is locked
            # since): naming the one changed only writes less.
            locked.save(update_fields=["params"])  # pragma: no mutate - equivalent, see above
        sent += 1
    return sent
