"""Writes on exchanges: mobility quotas and reports, course applications, certificates of
attendance, follow-up reminders. The statuses move through the workflows declared in
workflows.py (`intlaffairs.workflow.move`).

Each service is atomic, takes keyword-only arguments and raises ValidationError with a
translated message when a rule forbids the change.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Quota
from intlaffairs import documents, outbox, workflow
from intlaffairs.jalali import academic_year_bounds, format_date, to_local_digits
from intlaffairs.models import User
from intlaffairs.uploads import original_name, validate_document, validate_pdf

from .models import (
    AttendanceCertificate,
    CourseApplication,
    CourseDocument,
    FollowUp,
    Mobility,
    ShortCourse,
)

Status = Mobility.Status


# --- Mobilities and quotas


@dataclass(frozen=True)
class QuotaUse:
    quota: Quota | None
    used: int  # mobilities (not cancelled) counted against it, this one included

    @property
    def over(self) -> bool:
        return self.quota is not None and self.used > self.quota.people


def quota_use(mobility: Mobility) -> QuotaUse:
    """The agreement's quota for the mobility's academic year and direction, and its use."""
    if mobility.agreement_id is None:
        return QuotaUse(None, 0)
    year = mobility.academic_year
    quota = Quota.objects.filter(
        agreement_id=mobility.agreement_id,
        academic_year=year,
        direction=mobility.quota_direction,
    ).first()
    first, last = academic_year_bounds(year)
    same = Mobility.objects.filter(
        agreement_id=mobility.agreement_id,
        starts_on__range=(first, last),
        direction=mobility.direction,
    ).exclude(status=Status.CANCELLED)
    if mobility.person_kind == Mobility.PersonKind.STUDENT:
        same = same.filter(person_kind=Mobility.PersonKind.STUDENT)
    else:
        same = same.exclude(person_kind=Mobility.PersonKind.STUDENT)
    used = same.exclude(pk=mobility.pk).count() + (mobility.status != Status.CANCELLED)
    return QuotaUse(quota, used)


def quota_warning(mobility: Mobility) -> str:
    """A translated warning when the mobility takes the agreement past its quota, else ""."""
    use = quota_use(mobility)
    if not use.over:
        return ""
    return _(
        "This goes over the agreement's quota: %(used)s of %(people)s places "
        "(%(direction)s, academic year %(year)s)."
    ) % {
        "used": to_local_digits(use.used),
        "people": to_local_digits(use.quota.people),
        "direction": use.quota.get_direction_display(),
        "year": to_local_digits(use.quota.academic_year),
    }


def mobility_report_add(*, mobility: Mobility, upload: UploadedFile, by: User) -> Mobility:
    """Attach the final report (a PDF); a completed mobility then moves to report received."""
    with transaction.atomic():
        validate_pdf(upload)
        mobility = Mobility.objects.select_for_update().get(pk=mobility.pk)
        if mobility.status not in (Status.ONGOING, Status.COMPLETED, Status.REPORT_RECEIVED):
            raise ValidationError(_("The final report comes once the mobility has started."))
        # UploadField names the file by its content (the name given here is dropped), and the
        # row is saved once below: saving it with the file too writes the same
        mobility.report.save(
            f"{mobility.pk}-report.pdf",  # pragma: no mutate
            upload,
            save=False,  # pragma: no mutate
        )
        mobility.report_name = original_name(upload)
        mobility.save()
        if mobility.status == Status.COMPLETED:
            mobility = workflow.move(
                mobility, "receive_report", by=by, note=_("The final report has been added.")
            )
        return mobility


# --- Short courses


def tell_applicant(application: CourseApplication, template: str) -> None:
    person = application.applicant
    outbox.mail_queue(
        to=person.email,
        language=person.preferred_language,
        template=f"exchanges/email/{template}",
        context={
            "application": application,
            "person": person,
            "url": outbox.portal_url("exchanges:my_courses", person.preferred_language),
        },
    )


def message_placeholders(application: CourseApplication) -> dict[str, str]:
    """What a saved reply's placeholders say of a course application, in the active language
    (a course asks for no checklist of documents: nothing is missing)."""
    return {
        "name": application.name_latin,
        "reference": to_local_digits(f"#{application.pk}"),
        "program": application.course.title,
        "deadline": format_date(application.course.deadline),
        "missing_documents": _("none"),
    }


def course_apply(
    *, course: ShortCourse, applicant: User, data: dict, documents: list[tuple[str, UploadedFile]]
) -> CourseApplication:
    """Apply to an open course with a short form and at least one document (checked by content)."""
    with transaction.atomic():
        course = ShortCourse.objects.select_for_update().get(pk=course.pk)
        if not course.is_open:
            raise ValidationError(_("This course no longer accepts applications."))
        if CourseApplication.objects.filter(course=course, applicant=applicant).exists():
            raise ValidationError(_("You have already applied to this course."))
        if not documents:
            raise ValidationError(_("Attach your CV or another document."))
        kinds = [validate_document(upload) for _title, upload in documents]
        application = CourseApplication.objects.create(course=course, applicant=applicant, **data)
        for (title, upload), kind in zip(
            documents,
            kinds,
            strict=True,  # pragma: no mutate (kinds is made from documents, one for one)
        ):
            CourseDocument.objects.create(
                application=application,
                title=title,
                file=upload,
                kind=kind,
                original_name=original_name(upload),
                size=upload.size,
            )
        workflow.created(application, by=applicant)
        tell_applicant(application, "course_received")
        return application


def places_left(course: ShortCourse) -> int:
    """Places not yet taken by an accepted application (the office's decisions: workflows.py)."""
    accepted = course.applications.filter(status=CourseApplication.Status.ACCEPTED).count()
    return max(course.capacity - accepted, 0)


Attendance = CourseApplication.Attendance


def attendance_record(
    *,
    application: CourseApplication,
    attendance: str,
    hours: int | None,
    by: User,
    today: date | None = None,
) -> CourseApplication:
    """Record whether an accepted participant attended the whole course, part of it (with the
    hours) or not at all. Attendance decides who gets a certificate and the hours printed on it,
    so it is fixed once the certificate is issued."""
    with transaction.atomic():
        today = today or timezone.localdate()
        application = (
            CourseApplication.objects.select_for_update()
            # select_related saves the course's query (and also locks the course's row, which
            # this does not write): the rows read are the same without it
            .select_related("course")  # pragma: no mutate
            .get(pk=application.pk)
        )
        course = application.course
        if application.status != CourseApplication.Status.ACCEPTED:
            raise ValidationError(_("Attendance is recorded for accepted participants only."))
        if course.starts_on > today:
            raise ValidationError(_("Attendance is recorded once the course has started."))
        if AttendanceCertificate.objects.filter(application=application).exists():
            raise ValidationError(
                _("The certificate has been issued; the attendance can no longer change.")
            )
        if attendance == Attendance.ATTENDED:
            hours = hours or course.hours
            if not hours:
                raise ValidationError(_("Enter the hours attended."))
        elif attendance == Attendance.PARTLY:
            if not hours or (course.hours and hours >= course.hours):
                raise ValidationError(
                    _("Enter the hours attended (fewer than the course's %(hours)s).")
                    % {"hours": to_local_digits(course.hours)}
                    if course.hours
                    else _("Enter the hours attended.")
                )
        elif attendance == Attendance.NO_SHOW:
            hours = None
        else:
            raise ValidationError(_("Choose the attendance."))
        application.attendance = attendance
        application.hours_attended = hours
        application.attendance_recorded_by = by
        application.attendance_recorded_at = timezone.now()
        application.save(
            # the row was just read under its lock: saving every field writes the same values
            update_fields=[  # pragma: no mutate
                "attendance",
                "hours_attended",
                "attendance_recorded_by",
                "attendance_recorded_at",
            ]
        )
        return application


def certificates_issue(*, course: ShortCourse, by: User, today: date | None = None) -> int:
    """Issue a certificate to every accepted participant of a course that has ended who attended
    all or part of it; the PDFs are rendered by a task after commit and e-mailed. Attendance must
    be recorded for every accepted participant first. Returns how many were issued now."""
    with transaction.atomic():
        today = today or timezone.localdate()
        if course.ends_on > today:
            raise ValidationError(_("Certificates are issued once the course has ended."))
        accepted = course.applications.filter(status=CourseApplication.Status.ACCEPTED)
        if accepted.filter(attendance="").exists():
            raise ValidationError(_("Record the attendance of every accepted participant first."))
        issued = 0
        for application in accepted.filter(
            attendance__in=(Attendance.ATTENDED, Attendance.PARTLY), certificate__isnull=True
        ):
            certificate = AttendanceCertificate.objects.create(
                application=application, issued_by=by
            )
            from .tasks import certificate_render

            transaction.on_commit(lambda pk=certificate.pk: certificate_render.delay(pk))
            issued += 1
        return issued


def certificate_render(*, certificate_id: int) -> AttendanceCertificate:
    """Issue the English and the Persian certificate as documents of record (each numbered, with
    its code and QR code; once), keep copies on the certificate and mail them to its holder."""
    # select_related only saves the queries the documents' drafts would make
    related = AttendanceCertificate.objects.select_related(  # pragma: no mutate
        "application__course__unit", "application__applicant"
    )
    certificate = related.get(pk=certificate_id)
    if certificate.file_en and certificate.file_fa:
        return certificate
    files = {}
    for language in ("en", "fa"):
        document = documents.document_issue(
            kind=documents.Kind.ATTENDANCE_CERTIFICATE,
            record=certificate,
            scope=language,
            language=language,
            by=certificate.issued_by,
        )
        with document.file.open("rb") as handle:
            files[language] = handle.read()
    with transaction.atomic():
        locked = AttendanceCertificate.objects.select_for_update().get(pk=certificate_id)
        if locked.file_en and locked.file_fa:
            return locked
        english, persian = ContentFile(files["en"]), ContentFile(files["fa"])
        # the row is saved once below; saving it with each file too writes the same
        locked.file_en.save(f"{locked.code}-en.pdf", english, save=False)  # pragma: no mutate
        locked.file_fa.save(f"{locked.code}-fa.pdf", persian, save=False)  # pragma: no mutate
        locked.save()
        person = locked.application.applicant
        outbox.mail_queue(
            to=person.email,
            language=person.preferred_language,
            template="exchanges/email/certificate",
            context={
                "certificate": locked,
                "person": person,
                "course": locked.application.course,
                "url": outbox.portal_url("exchanges:my_courses", person.preferred_language),
            },
            attachment=(f"certificate-{locked.code}.pdf", files["en"]),
        )
    return locked


# --- Delegations


def follow_up_reminders_send(*, today: date | None = None) -> int:
    """E-mail the owner of each overdue follow-up action once (then again a week later)."""
    today = today or timezone.localdate()
    sent = 0
    overdue = FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_on__lt=today)
    # select_related saves a query per row; the rows are the same without it
    overdue = overdue.select_related("owner", "delegation")  # pragma: no mutate
    for follow_up in overdue:
        with transaction.atomic():
            locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
            if locked.reminded_on and (today - locked.reminded_on).days < 7:
                continue
            locked.reminded_on = today
            # the row was just read under its lock: saving every field writes the same values
            locked.save(update_fields=["reminded_on"])  # pragma: no mutate
            owner = follow_up.owner
            outbox.mail_queue(
                to=owner.email,
                language=owner.preferred_language,
                template="exchanges/email/follow_up_overdue",
                context={
                    "follow_up": follow_up,
                    "person": owner,
                    "url": outbox.portal_url(
                        "exchanges:delegation_detail",
                        owner.preferred_language,
                        follow_up.delegation_id,
                    ),
                },
            )
            sent += 1
    return sent
