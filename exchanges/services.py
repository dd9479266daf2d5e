"""Writes on exchanges: mobility statuses and quotas, course applications within capacity,
certificates of attendance, follow-up reminders.

Each service is atomic, takes keyword-only arguments and raises ValidationError with a
translated message when a rule forbids the change.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.models import Quota
from intlaffairs import outbox, pdf, security
from intlaffairs.jalali import academic_year_bounds, to_local_digits
from intlaffairs.models import SecurityEvent, User
from intlaffairs.roles import Role
from intlaffairs.uploads import validate_document, validate_pdf

from .models import (
    AttendanceCertificate,
    CourseApplication,
    CourseDocument,
    FollowUp,
    Mobility,
    ShortCourse,
)

Status = Mobility.Status

MOBILITY_STEPS: dict[str, set[str]] = {
    Status.PLANNED: {Status.APPROVED, Status.CANCELLED},
    Status.APPROVED: {Status.ONGOING, Status.CANCELLED},
    Status.ONGOING: {Status.COMPLETED, Status.CANCELLED},
    Status.COMPLETED: {Status.REPORT_RECEIVED},
    Status.REPORT_RECEIVED: set(),
    Status.CANCELLED: set(),
}


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


# Approving commits the university's money and leave: office managers only.
MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)


def allowed_statuses(mobility: Mobility, user: User) -> list[str]:
    return [
        s
        for s in Status.values
        if s in MOBILITY_STEPS[mobility.status]
        and (s != Status.APPROVED or user.has_role(*MANAGERS))
    ]


@transaction.atomic
def mobility_transition(*, mobility: Mobility, to_status: str, by: User) -> Mobility:
    mobility = Mobility.objects.select_for_update().get(pk=mobility.pk)
    if to_status not in MOBILITY_STEPS[mobility.status]:
        raise ValidationError(
            _("A mobility cannot go from “%(from)s” to “%(to)s”.")
            % {"from": mobility.get_status_display(), "to": Status(to_status).label}
        )
    if to_status == Status.APPROVED and not by.has_role(*MANAGERS):
        raise ValidationError(_("Only an office manager can approve a mobility."))
    if to_status == Status.REPORT_RECEIVED and not mobility.report:
        raise ValidationError(_("Upload the final report first."))
    mobility.status = to_status
    mobility.save(update_fields=["status"])
    return mobility


@transaction.atomic
def mobility_report_add(*, mobility: Mobility, upload: UploadedFile) -> Mobility:
    """Attach the final report (a PDF); a completed mobility then counts as report received."""
    validate_pdf(upload)
    mobility = Mobility.objects.select_for_update().get(pk=mobility.pk)
    if mobility.status not in (Status.ONGOING, Status.COMPLETED, Status.REPORT_RECEIVED):
        raise ValidationError(_("The final report comes once the mobility has started."))
    mobility.report.save(f"{mobility.pk}-report.pdf", upload, save=False)
    mobility.report_name = upload.name[:255]
    if mobility.status == Status.COMPLETED:
        mobility.status = Status.REPORT_RECEIVED
    mobility.save()
    return mobility


# --- Short courses


def _tell_applicant(application: CourseApplication, template: str) -> None:
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


@transaction.atomic
def course_apply(
    *, course: ShortCourse, applicant: User, data: dict, documents: list[tuple[str, UploadedFile]]
) -> CourseApplication:
    """Apply to an open course with a short form and at least one document (checked by content)."""
    course = ShortCourse.objects.select_for_update().get(pk=course.pk)
    if not course.is_open:
        raise ValidationError(_("This course no longer accepts applications."))
    if CourseApplication.objects.filter(course=course, applicant=applicant).exists():
        raise ValidationError(_("You have already applied to this course."))
    if not documents:
        raise ValidationError(_("Attach your CV or another document."))
    kinds = [validate_document(upload) for _title, upload in documents]
    application = CourseApplication.objects.create(course=course, applicant=applicant, **data)
    for (title, upload), kind in zip(documents, kinds, strict=True):
        CourseDocument.objects.create(
            application=application,
            title=title,
            file=upload,
            kind=kind,
            original_name=upload.name[:255],
            size=upload.size,
        )
    _tell_applicant(application, "course_received")
    return application


DECISIONS = {
    CourseApplication.Status.ACCEPTED,
    CourseApplication.Status.WAITLISTED,
    CourseApplication.Status.REJECTED,
}


def places_left(course: ShortCourse) -> int:
    accepted = course.applications.filter(status=CourseApplication.Status.ACCEPTED).count()
    return max(course.capacity - accepted, 0)


@transaction.atomic
def course_decide(
    *, application: CourseApplication, status: str, by: User, note: str = ""
) -> CourseApplication:
    """Accept, waitlist or reject; accepting never takes a course past its capacity."""
    # Lock the course: two officers accepting the last place at once get one each in turn.
    course = ShortCourse.objects.select_for_update().get(pk=application.course_id)
    application = CourseApplication.objects.select_for_update().get(pk=application.pk)
    if status not in DECISIONS:
        raise ValidationError(_("Choose accept, waitlist or reject."))
    if application.status == CourseApplication.Status.WITHDRAWN:
        raise ValidationError(_("The applicant has withdrawn."))
    if hasattr(application, "certificate"):
        raise ValidationError(_("A certificate has been issued; the decision stands."))
    if (
        status == CourseApplication.Status.ACCEPTED
        and application.status != CourseApplication.Status.ACCEPTED
        and places_left(course) == 0
    ):
        raise ValidationError(
            _("The course is full (%(capacity)s places). Waitlist the applicant instead.")
            % {"capacity": to_local_digits(course.capacity)}
        )
    application.status = status
    application.note = note
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save()
    security.log(
        SecurityEvent.Kind.DECISION, user=by, course_application=application.pk, decision=status
    )
    _tell_applicant(application, "course_decision")
    return application


@transaction.atomic
def course_withdraw(*, application: CourseApplication, by: User) -> CourseApplication:
    application = CourseApplication.objects.select_for_update().get(pk=application.pk)
    if application.applicant_id != by.pk:
        raise ValidationError(_("Only the applicant can withdraw."))
    if hasattr(application, "certificate"):
        raise ValidationError(_("A certificate has been issued; the decision stands."))
    application.status = CourseApplication.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def certificates_issue(*, course: ShortCourse, by: User, today: date | None = None) -> int:
    """Issue a certificate to every accepted participant of a course that has ended; the PDFs
    are rendered by a task after commit and e-mailed. Returns how many were issued now."""
    today = today or timezone.localdate()
    if course.ends_on > today:
        raise ValidationError(_("Certificates are issued once the course has ended."))
    issued = 0
    for application in course.applications.filter(
        status=CourseApplication.Status.ACCEPTED, certificate__isnull=True
    ):
        certificate = AttendanceCertificate.objects.create(application=application, issued_by=by)
        from .tasks import certificate_render

        transaction.on_commit(lambda pk=certificate.pk: certificate_render.delay(pk))
        issued += 1
    return issued


def certificate_render(*, certificate_id: int) -> AttendanceCertificate:
    """Render the English and Persian PDFs of a certificate (once) and mail them to its holder."""
    certificate = AttendanceCertificate.objects.select_related(
        "application__course__unit", "application__applicant"
    ).get(pk=certificate_id)
    if certificate.file_en and certificate.file_fa:
        return certificate
    files = {}
    for language in ("en", "fa"):
        with translation.override(language):
            context = {
                "certificate": certificate,
                "application": certificate.application,
                "course": certificate.application.course,
                "verify_url": settings.PORTAL_URL
                + reverse("exchanges:certificate_verify")
                + f"?code={certificate.code}",
                "report_title": _("Certificate of attendance"),
            }
            html = pdf.render_html("exchanges/pdf/certificate.html", context, language=language)
        files[language] = pdf.html_to_pdf(html)[0]
    with transaction.atomic():
        locked = AttendanceCertificate.objects.select_for_update().get(pk=certificate_id)
        if locked.file_en and locked.file_fa:
            return locked
        locked.file_en.save(f"{locked.code}-en.pdf", ContentFile(files["en"]), save=False)
        locked.file_fa.save(f"{locked.code}-fa.pdf", ContentFile(files["fa"]), save=False)
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
    overdue = FollowUp.objects.filter(done_on__isnull=True, due_on__lt=today).select_related(
        "owner", "delegation"
    )
    for follow_up in overdue:
        with transaction.atomic():
            locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
            if locked.reminded_on and (today - locked.reminded_on).days < 7:
                continue
            locked.reminded_on = today
            locked.save(update_fields=["reminded_on"])
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
