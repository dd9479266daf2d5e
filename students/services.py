"""Writes on applications: drafts, uploads, reminders, retention; and what the workflows
(students/workflows.py: submission, the pipeline, the document check) ask: the checklist,
what a draft lacks, the reference, the e-mails.

Each service is atomic, takes keyword-only arguments, raises ValidationError with a translated
message when a rule forbids the change, records who did what, and e-mails the applicant in
their own language.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intlaffairs import documents, jalali, messaging, outbox, pdf, workflow
from intlaffairs.format_controls import strip_format_controls
from intlaffairs.jalali import to_local_digits
from intlaffairs.models import IssuedDocument, User
from intlaffairs.normalize import refresh_search_text
from intlaffairs.roles import Role
from intlaffairs.uploads import original_name, validate_document

from .models import (
    PERSON_FIELDS,
    REFERENCE_PREFIX,
    Application,
    ArrivalItem,
    Document,
    DocumentType,
    ReferenceCounter,
    Reminder,
    Stage,
)

MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)
OFFICE = (Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER)

# Stages after which nothing moves any more (students/workflows.py): no upload is taken then.
FINAL = {
    Stage.ENROLLED,
    Stage.REJECTED,
    Stage.WITHDRAWN,
    Stage.OFFER_DECLINED,
    Stage.OFFER_LAPSED,
}
# Closed without a place (Application.is_closed): anonymized after CLOSED_KEPT_DAYS.
CLOSED = [Stage.REJECTED, Stage.WITHDRAWN, Stage.OFFER_DECLINED, Stage.OFFER_LAPSED]
# How long an admitted applicant has to answer the offer when the admit step names no date.
OFFER_DAYS = 21
# Stages whose applications the office is working on (the reminder watches these).
OFFICE_STAGES = [
    Stage.SUBMITTED,
    Stage.DOCUMENT_CHECK,
    Stage.FACULTY_REVIEW,
    Stage.INTERVIEW,
    Stage.WAITLISTED,
    Stage.OFFER_ACCEPTED,
    Stage.FEES_RECEIVED,
]
STALLED_AFTER_DAYS = 14
RESIDENCE_WARNING_DAYS = 60

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_MIN_SIZE = (300, 400)  # width, height in pixels
PHOTO_MAX_SIZE = (2000, 3000)


def _link(application: Application, language: str, *, for_applicant: bool) -> str:
    name = "students:my_application" if for_applicant else "students:application_detail"
    return outbox.portal_url(name, language, application.pk)


def tell_applicant(
    application: Application,
    template: str,
    *,
    attachment: tuple[str, bytes] | None = None,
    time_zone: str | None = None,
    **context,
) -> None:
    """E-mail the applicant in their own language, with the link to their page (and the
    file `attachment`, (name, content), if given; its times in `time_zone`, see
    outbox.mail_queue)."""
    person = application.applicant
    language = person.preferred_language
    outbox.mail_queue(
        to=person.email,
        language=language,
        attachment=attachment,
        time_zone=time_zone,
        template=f"students/email/{template}",
        context={
            "application": application,
            "person": person,
            "url": _link(application, language, for_applicant=True),
            "receipt_url": outbox.portal_url(
                "students:application_receipt", language, application.pk
            )
            if application.reference
            else "",
            **context,
        },
    )


def listed(items: list[str]) -> str:
    """Items joined with the comma of the active language's script."""
    return ("، " if translation.get_language_bidi() else ", ").join(items)


def next_reference(on: date) -> str:
    """KUMS-<Jalali year>-<5 digits>, counted per year under a row lock (no gaps from races)."""
    year = jalali.academic_year(on)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReferenceCounter.objects.get_or_create(year=year)
        except IntegrityError:
            pass  # another submission created this year's counter first
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])  # pragma: no mutate - its only other field is the year
    return f"{REFERENCE_PREFIX}{year}-{counter.last:05d}"


# The languages the letters are written in; the portal's own letter is in English.
LETTER_LANGUAGES = ("en", "fa")


def application_letter_issue(
    *, application: Application, kind: str, language: str, by: User | None, reissue: bool = False
) -> IssuedDocument:
    """The application's valid `kind` letter (issued now if there is none, or again with
    `reissue`), if the application's stage allows that letter."""
    if kind not in application.letter_kinds:
        raise ValidationError(_("This letter cannot be issued at the application's stage."))
    if language not in LETTER_LANGUAGES:
        raise ValidationError(_("Letters are written in English or Persian."))
    return documents.document_issue(
        kind=kind, record=application, language=language, by=by, reissue=reissue
    )


def admission_letter_issue(*, application_id: int) -> IssuedDocument | None:
    """The letter of admission, issued by the portal after the decision, in the applicant's
    language if letters are written in it (else English); None if no longer admitted."""
    applications = Application.objects.select_related("applicant")  # pragma: no mutate - a join
    application = applications.get(pk=application_id)
    if "admission_letter" not in application.letter_kinds:
        return None
    language = application.applicant.preferred_language
    return application_letter_issue(
        application=application,
        kind="admission_letter",
        language=language if language in LETTER_LANGUAGES else "en",
        by=None,
    )


def application_start(*, applicant: User, program=None) -> Application:
    """A new draft, prefilled with the person's data from their last application."""
    with transaction.atomic():
        previous = applicant.applications.order_by("-created_at").first()
        carried = {}
        if previous is not None:
            carried = {field: getattr(previous, field) for field in PERSON_FIELDS}
        application = Application.objects.create(applicant=applicant, program=program, **carried)
        if previous is not None:
            for row in previous.education.all():
                row.pk = None
                row.application = application
                row.save()
        return application


def current_documents(application: Application) -> dict[int, Document]:
    """The latest document of each type, by type id."""
    latest: dict[int, Document] = {}
    current = application.documents.filter(replaced=False)
    # uploaded_at is set on creation, so it runs with the id, which breaks a tie: either key
    # alone gives the same order.
    for document in current.order_by("uploaded_at", "id"):  # pragma: no mutate
        latest[document.type_id] = document
    return latest


def checklist(application: Application) -> list[tuple[DocumentType, Document | None]]:
    """The required documents of the chosen program, each with its current upload (or None)."""
    if application.program is None:
        return []
    latest = current_documents(application)
    return [
        (doc_type, latest.get(doc_type.pk))
        for doc_type in application.program.required_documents.all()
    ]


# Which fields each step of the applicant's form fills (the progress list marks a step done
# when none of them is missing).
STEP_FIELDS = {
    1: ["given_name", "family_name", "native_name", "sex", "birth_date", "nationality"],
    2: ["passport_number", "passport_expires_on", "phone"],
    3: ["education"],
    4: ["program", "channel", "referrer"],
}


def missing_fields(application: Application) -> list[str]:
    """The names of what a draft still lacks: fields, "education", "referrer", "documents"."""
    missing = [
        field
        for fields in STEP_FIELDS.values()
        for field in fields
        # (the education's related manager is always true: the tuple only names what is skipped)
        if field not in ("education", "referrer")  # pragma: no mutate
        and not getattr(application, field)
    ]
    if not application.education.exists():
        missing.append("education")
    if application.channel in (Application.Channel.AGENT, Application.Channel.INTRODUCER) and not (
        application.agent_id or application.referrer_name
    ):
        missing.append("referrer")
    if any(document is None for _type, document in checklist(application)):
        missing.append("documents")
    return missing


def missing_for_submission(application: Application) -> list[str]:
    """What still stops a draft from being submitted, in the user's language."""
    labels = {
        "given_name": _("your given name in Latin letters"),
        "family_name": _("your family name in Latin letters"),
        "native_name": _("your name in your own script"),
        "sex": _("your sex"),
        "birth_date": _("your date of birth"),
        "nationality": _("your nationality"),
        "passport_number": _("your passport number"),
        "passport_expires_on": _("your passport's expiry date"),
        "phone": _("a phone number"),
        "program": _("the program"),
        "channel": _("how you heard of us"),
    }
    missing = missing_fields(application)
    problems = [_("Enter %(what)s.") % {"what": labels[f]} for f in missing if f in labels]
    if "education" in missing:
        problems.append(_("Add at least one school or university you attended."))
    if "referrer" in missing:
        problems.append(_("Name the agent or introducer who referred you."))
    for doc_type, document in checklist(application):
        if document is None:
            problems.append(_("Upload: %(document)s.") % {"document": doc_type.name})
    if application.program is not None and not application.program.is_open:
        problems.append(_("This program no longer accepts applications."))
    return problems


# --- What the applicant sees: the time left, the steps ahead, the receipt

# The way an application usually goes once submitted (the interview for graduate programs only).
MAIN_PATH = [
    Stage.SUBMITTED,
    Stage.DOCUMENT_CHECK,
    Stage.FACULTY_REVIEW,
    Stage.INTERVIEW,
    Stage.ADMITTED,
    Stage.OFFER_ACCEPTED,
    Stage.FEES_RECEIVED,
    Stage.ENROLLED,
]
# How long the step into each stage usually takes, in days, as the office tells applicants. The
# figures are the office's own service targets, set by the office manager, not measured: change
# them here when the office changes its procedure. The answer to an offer is the applicant's,
# within OFFER_DAYS.
USUAL_DAYS = {
    Stage.DOCUMENT_CHECK: 7,
    Stage.FACULTY_REVIEW: 10,
    Stage.INTERVIEW: 14,
    Stage.ADMITTED: 21,
    Stage.OFFER_ACCEPTED: OFFER_DAYS,
    Stage.FEES_RECEIVED: 30,
    Stage.ENROLLED: 14,
}


def time_left(deadline: date, *, today: date | None = None) -> str:
    """ "12 days left", "1 day left", "the last day is today" or "the deadline has passed"."""
    days = (deadline - (today or timezone.localdate())).days
    if days < 0:
        return _("the deadline has passed")
    if days == 0:
        return _("today is the last day")
    return ngettext("%(count)s day left", "%(count)s days left", days) % {
        "count": to_local_digits(days)
    }


def next_steps(application: Application) -> list[dict]:
    """The stages still ahead on the usual way, each with its label and usual duration
    ("usually about 7 days"); empty once the application has left that way."""
    path = [
        stage
        for stage in MAIN_PATH
        if stage != Stage.INTERVIEW or (application.program and application.program.interviews)
    ]
    if application.stage not in path and application.stage != Stage.DRAFT:
        return []
    ahead = path if application.is_draft else path[path.index(application.stage) + 1 :]
    steps = []
    for stage in ahead:
        days = USUAL_DAYS.get(stage)
        steps.append(
            {
                "stage": stage,
                "label": Stage(stage).label,
                "duration": ngettext(
                    "usually about %(count)s day", "usually about %(count)s days", days
                )
                % {"count": to_local_digits(days)}
                if days
                else "",
            }
        )
    return steps


def receipt_pdf(application: Application, *, language: str) -> bytes:
    """The receipt of a submitted application in `language`: the personal data as sent, the
    education, the documents by name with their state, when it was sent, the reference."""
    with translation.override(language):
        documents = [
            {
                "type": doc_type.name,
                "file": strip_format_controls(document.original_name) if document else "",
                "status": document.get_status_display() if document else _("Missing"),
            }
            for doc_type, document in checklist(application)
        ]
        content, _pages = pdf.render_pdf(
            "pdf/application_receipt.html",
            {
                "application": application,
                "education": application.education.all(),
                "documents": documents,
                "report_title": _("Receipt of your application"),
                "generated_at": timezone.now(),
            },
            language=language,
        )
    return content


def tell_officers(application: Application, template: str = "new_application", **context) -> None:
    """E-mail every officer about `application` (a new one, an answer to an offer), each in
    their own language, with the link to the office's page."""
    for person in _officers():
        language = person.preferred_language
        outbox.mail_queue(
            to=person.email,
            language=language,
            template=f"students/email/{template}",
            context={
                "application": application,
                "person": person,
                # for_applicant=None would read as False too
                "url": _link(application, language, for_applicant=False),  # pragma: no mutate
                **context,
            },
        )


def offers_lapse() -> int:
    """Admitted applications whose offer deadline has passed lapse (the office hears of each);
    returns how many. Running it twice lapses nothing the second time."""
    lapsed = 0
    # move() refuses a lapse from another stage or before the deadline: the filter only saves
    # work (a mutant of it changes nothing).
    for application in Application.objects.filter(
        stage=Stage.ADMITTED,  # pragma: no mutate
        offer_deadline__lt=timezone.localdate(),  # pragma: no mutate
    ).order_by("pk"):
        try:
            workflow.move(application, "lapse_offer", by=None)
        except ValidationError:
            continue  # answered, withdrawn or lapsed by another run meanwhile
        lapsed += 1
    return lapsed


def _photo_checked(upload: UploadedFile) -> None:
    from PIL import Image

    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo must be at most 2 MB."))
    with Image.open(upload) as image:
        width, height = image.size
    upload.seek(0)  # pragma: no mutate - the storage reads from the start anyway (File.chunks)
    if width < PHOTO_MIN_SIZE[0] or height < PHOTO_MIN_SIZE[1]:
        raise ValidationError(
            _(
                "The photo must be at least %(w)s × %(h)s pixels; "
                "this one is %(width)s × %(height)s."
            )
            % {
                "w": to_local_digits(PHOTO_MIN_SIZE[0]),
                "h": to_local_digits(PHOTO_MIN_SIZE[1]),
                "width": to_local_digits(width),
                "height": to_local_digits(height),
            }
        )
    if width > PHOTO_MAX_SIZE[0] or height > PHOTO_MAX_SIZE[1]:
        raise ValidationError(_("The photo must be at most 2000 × 3000 pixels."))
    if width >= height:
        raise ValidationError(_("The photo must be a portrait: taller than it is wide."))


def can_upload(application: Application, doc_type: DocumentType) -> bool:
    """A draft takes any upload; later, only a document the office rejected can be replaced."""
    if application.stage == Stage.DRAFT:
        return True
    if application.stage in FINAL:
        return False
    current = current_documents(application).get(doc_type.pk)
    return current is None or current.status == Document.Status.REJECTED


def document_add(
    *, application: Application, doc_type: DocumentType, upload: UploadedFile, by: User
) -> Document:
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if application.applicant_id != by.pk:
            raise ValidationError(_("Only the applicant uploads their documents."))
        if not can_upload(application, doc_type):
            raise ValidationError(
                _(
                    "This document is with the office; "
                    "it can be replaced only if the office rejects it."
                )
            )
        kind = validate_document(upload)
        if doc_type.is_photo:
            if kind == "pdf":
                raise ValidationError(_("The photo must be a JPEG or PNG image."))
            _photo_checked(upload)
        previous = current_documents(application).get(doc_type.pk)
        if previous is not None:
            previous.replaced = True
            previous.save(update_fields=["replaced"])
        document = Document.objects.create(
            application=application,
            type=doc_type,
            file=upload,
            kind=kind,
            original_name=original_name(upload),
            size=upload.size,
        )
        if previous is not None and not application.is_draft:
            # The office is checking this application: a new file is news for it (the officers'
            # e-mail, the thread's unread), written as the applicant's message in their language.
            with translation.override(by.preferred_language):
                body = _("I have uploaded a new file for “%(document)s”.") % {
                    "document": doc_type.name
                }
            messaging.message_post(subject=application, by=by, body=body, from_office=False)
        return document


# --- The thread with the applicant (intlaffairs.messaging)


def thread_closed(application: Application) -> str | None:
    """A draft is the applicant's alone: the office sees it, and its thread, once submitted."""
    if application.is_draft:
        return _("Submit the application first; then you can write to the office here.")
    return None


def to_do_documents(application: Application) -> list[str]:
    """The names of the required documents missing or rejected, in the active language."""
    return [
        str(doc_type.name)
        for doc_type, document in checklist(application)
        if document is None or document.status == Document.Status.REJECTED
    ]


def message_placeholders(application: Application) -> dict[str, str]:
    """What a saved reply's placeholders say of `application`, in the active language."""
    english = translation.get_language() == "en"
    name = application.name_latin if english else application.native_name
    program = application.program
    return {
        "name": name or application.name_latin or application.applicant.display_name,
        "reference": str(application),
        "program": program.name if program else "",
        "deadline": jalali.format_date(program.deadline) if program else "",
        "missing_documents": listed(to_do_documents(application)) or _("none"),
    }


def _officers() -> list[User]:
    return list(User.objects.filter(groups__name=Role.OFFICER, is_active=True).distinct())


# --- After admission: the checklist the office keeps and the student sees

# Stages in which the checklist is kept (and its overdue items reminded of).
ARRIVAL_STAGES = [Stage.ADMITTED, Stage.OFFER_ACCEPTED, Stage.FEES_RECEIVED, Stage.ENROLLED]


def arrival_items(application: Application) -> list[ArrivalItem]:
    """Every item of the checklist in its order: the saved ones, and the others as pending."""
    saved = {item.kind: item for item in application.arrival_items.all()}
    return [
        saved.get(kind) or ArrivalItem(application=application, kind=kind)
        for kind in ArrivalItem.Kind.values
    ]


def arrival_checklist_save(
    *, application: Application, items: list[ArrivalItem], values: dict, by: User
) -> None:
    """Save the checklist (`items` as edited) and the values some items record (`values`:
    registration_code, residence_permit_number, residence_expires_on). An item marked done
    needs its value; nothing is saved when anything is wrong."""
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if application.stage not in ARRIVAL_STAGES:
            raise ValidationError(_("The checklist is kept once the applicant is admitted."))
        done = {item.kind for item in items if item.state == ArrivalItem.State.DONE}
        problems = []
        if ArrivalItem.Kind.REGISTRATION in done and not values.get("registration_code"):
            problems.append(_("Enter the registration code before marking it done."))
        if ArrivalItem.Kind.RESIDENCE in done and not values.get("residence_permit_number"):
            problems.append(_("Enter the residence permit's number before marking it done."))
        dates = {item.kind: item.date for item in items}
        letter, visa = dates.get(ArrivalItem.Kind.VISA_LETTER), dates.get(ArrivalItem.Kind.VISA)
        if letter and visa and visa < letter:
            problems.append(_("The visa cannot be granted before the visa letter was sent."))
        if problems:
            raise ValidationError(problems)
        for field, value in values.items():
            setattr(application, field, value)
        # Saving every field would write back what was read under the lock above.
        application.save(update_fields=[*values, "updated_at"])  # pragma: no mutate - as read
        saved = {item.kind: item for item in application.arrival_items.all()}
        for item in items:
            before = saved.get(item.kind) or ArrivalItem()  # never saved: pending, no date, no note
            if (item.state, item.date, item.note) == (before.state, before.date, before.note):
                continue  # unchanged: who last changed it stays who did
            item.pk = before.pk
            item.application = application
            item.updated_by = by
            item.save()


def _overdue_items(today: date):
    overdue = ArrivalItem.objects.filter(
        application__stage__in=ARRIVAL_STAGES, state=ArrivalItem.State.PENDING, date__lt=today
    )
    # The joins only save queries.
    joined = ("application__applicant", "application__program")  # pragma: no mutate
    return overdue.select_related(*joined)  # pragma: no mutate


def _midnight(day: date):
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


def stalled(applications, *, now=None):
    """Those of `applications` waiting in one of the office's stages for more than
    STALLED_AFTER_DAYS: the dashboard's figure, its list's filter and the officers' reminder."""
    since = (now or timezone.now()) - timedelta(days=STALLED_AFTER_DAYS)
    return applications.filter(stage__in=OFFICE_STAGES, stage_since__lt=since)


def residence_ending(applications, *, today: date | None = None):
    """Those of `applications` whose residence permit ends within RESIDENCE_WARNING_DAYS."""
    today = today or timezone.localdate()
    return applications.filter(
        residence_expires_on__gte=today,
        residence_expires_on__lte=today + timedelta(days=RESIDENCE_WARNING_DAYS),
    )


def reminders_send(*, today: date | None = None) -> int:
    """E-mail the officers about applications waiting in one stage for more than 14 days,
    residence permits ending within 60 days (also the student), and after-admission items
    whose date has passed and that are not done. Each goes out once (an item once per date)."""
    today = today or timezone.localdate()
    sent = 0
    # The joins only save queries.
    waiting = stalled(Application.objects)
    waiting = waiting.select_related("applicant", "program")  # pragma: no mutate
    expiring = residence_ending(Application.objects, today=today)
    expiring = expiring.select_related("applicant", "program")  # pragma: no mutate
    officers = _officers()
    jobs = (
        [(a, Reminder.Kind.STALLED, a.stage_since, None) for a in waiting]
        + [(a, Reminder.Kind.RESIDENCE, _midnight(a.residence_expires_on), None) for a in expiring]
        + [
            (item.application, Reminder.Kind.ARRIVAL_ITEM, _midnight(item.date), item)
            for item in _overdue_items(today)
        ]
    )
    for application, kind, about, item in jobs:
        try:
            with transaction.atomic():
                Reminder.objects.create(application=application, kind=kind, about=about, item=item)
                for person in officers:
                    outbox.mail_queue(
                        to=person.email,
                        language=person.preferred_language,
                        template=f"students/email/reminder_{kind}",
                        context={
                            "application": application,
                            "person": person,
                            "days": (today - application.stage_since.date()).days,
                            "item": item,
                            "url": _link(
                                application,
                                person.preferred_language,
                                for_applicant=False,  # pragma: no mutate - None reads as False
                            ),
                        },
                    )
                if kind == Reminder.Kind.RESIDENCE:
                    tell_applicant(application, "residence_expiring")
        except IntegrityError:
            continue  # sent already
        sent += 1
    return sent


# --- Retention of applicants' personal data

DRAFT_KEPT_DAYS = 365  # a draft nobody touched for a year is deleted
CLOSED_KEPT_DAYS = 2 * 365  # a rejected or withdrawn file is anonymized two years on
PERSONAL_FIELDS = {
    "given_name": "",
    "father_name": "",
    "grandfather_name": "",
    "family_name": "",
    "native_given_name": "",
    "native_father_name": "",
    "native_grandfather_name": "",
    "native_family_name": "",
    "native_name": "",
    "birth_date": None,
    "passport_number": "",
    "passport_expires_on": None,
    "phone": "",
    "address": "",
    "statement": "",
    "request_to_applicant": "",
}


def _delete_documents(application: Application) -> None:
    # save=False: the row is deleted next, saving it first would change nothing.
    for document in application.documents.all():
        document.file.delete(save=False)  # pragma: no mutate
        document.delete()
    # The thread was written to and by one person, and its files are theirs. (The filter only
    # saves work: deleting a message's missing file does nothing.)
    for message in application.thread.exclude(attachment=""):  # pragma: no mutate
        message.attachment.delete(save=False)  # pragma: no mutate
    application.thread.all().delete()


def personal_data_expire(*, today: date | None = None, dry_run: bool = False) -> dict:
    """Apply the retention policy: delete stale drafts; anonymize rejected and withdrawn
    applications (their documents deleted) while keeping the figures the reports count."""
    now = (
        timezone.now()
        if today is None
        else timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    )
    drafts = Application.objects.filter(
        stage=Stage.DRAFT, updated_at__lt=now - timedelta(days=DRAFT_KEPT_DAYS)
    )
    closed = Application.objects.filter(
        stage__in=CLOSED,
        stage_since__lt=now - timedelta(days=CLOSED_KEPT_DAYS),
    ).exclude(given_name="", family_name="", passport_number="")
    counts = {"drafts_deleted": drafts.count(), "applications_anonymized": closed.count()}
    if dry_run:
        return counts
    for application in drafts:
        with transaction.atomic():
            _delete_documents(application)
            application.education.all().delete()
            application.delete()
    for application in closed:
        with transaction.atomic():
            _delete_documents(application)
            application.education.all().delete()
            application.notes.all().delete()
            erased = Application.objects.filter(pk=application.pk)
            erased.update(**PERSONAL_FIELDS)
            refresh_search_text(erased)  # the names and passport number it held go too
            application.history.all().delete()  # the field history holds the same data
            # The moves stay for the figures (who decided what, when); the messages and requests
            # they carried were written to one person and may name them.
            application.moves.update(note="", data={})
    return counts
