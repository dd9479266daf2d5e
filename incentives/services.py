"""Writes on incentives: certificates, their verification, and reimbursement claims."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intlaffairs import outbox
from intlaffairs.jalali import to_local_digits
from intlaffairs.models import User
from intlaffairs.roles import Role
from intlaffairs.uploads import validate_document

from .models import MIN_EXAM_BAND, Certificate, Claim, ClaimStep, Policy


@transaction.atomic
def certificate_add(*, certificate: Certificate, upload, by: User) -> Certificate:
    """Record a certificate with its scan (PDF, JPEG or PNG); staff verify it afterwards."""
    validate_document(upload)
    certificate.file = upload
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def certificate_verify(*, certificate: Certificate, by: User) -> None:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.verified_at:
        raise ValidationError(_("This certificate has already been verified."))
    if certificate.person_id == by.pk:
        raise ValidationError(_("Nobody verifies their own certificate."))
    certificate.verified_by = by
    certificate.verified_at = timezone.now()
    certificate.save(update_fields=["verified_by", "verified_at"])


Status = Claim.Status
# step -> (from statuses, roles that may take it)
STEPS = {
    Status.VERIFIED: ({Status.SUBMITTED}, (Role.OFFICER, Role.MANAGER, Role.ADMINISTRATOR)),
    Status.APPROVED: ({Status.VERIFIED}, (Role.MANAGER, Role.ADMINISTRATOR)),
    Status.PAID: ({Status.APPROVED}, (Role.OFFICER, Role.MANAGER, Role.ADMINISTRATOR)),
    Status.REJECTED: (
        {Status.SUBMITTED, Status.VERIFIED},
        (Role.OFFICER, Role.MANAGER, Role.ADMINISTRATOR),
    ),
}


def check_claim_rules(claim: Claim) -> None:
    """The reimbursement rules, checked on submission and again before approval.

    An exam fee needs a verified IELTS certificate of the claimant with an overall band of
    5.0 or more, and is paid once per certificate; a course fee is paid up to the policy's cap.
    """
    errors = []
    if claim.course_fee <= 0 and claim.exam_fee <= 0:
        errors.append(_("Enter the course fee, the exam fee, or both."))
    if claim.exam_fee > 0:
        certificate = claim.certificate
        if certificate is None or certificate.person_id != claim.claimant_id:
            errors.append(_("An exam fee needs one of your own certificates."))
        elif not certificate.is_ielts:
            errors.append(_("Only IELTS exam fees are reimbursed."))
        elif certificate.verified_at is None:
            errors.append(_("The certificate must be verified by the office first."))
        elif certificate.overall < MIN_EXAM_BAND:
            errors.append(
                _("Exam fees are paid from an overall band of 5.0; this one has %(band)s.")
                % {"band": to_local_digits(certificate.overall)}
            )
        elif (
            Claim.objects.filter(certificate=certificate, exam_fee__gt=0)
            .exclude(status=Status.REJECTED)
            .exclude(pk=claim.pk)
            .exists()
        ):
            errors.append(_("The exam fee of this certificate has already been claimed."))
    cap = Policy.current().course_fee_cap
    if claim.course_fee > cap:
        errors.append(
            _("The course fee is reimbursed up to %(cap)s rials.") % {"cap": f"{cap:,.0f}"}
        )
    if errors:
        raise ValidationError(errors)


def _tell_claimant(claim: Claim) -> None:
    outbox.mail_queue(
        to=claim.claimant.email,
        language=claim.claimant.preferred_language,
        template="incentives/email/claim_status",
        context={
            "claim": claim,
            "url": settings.PORTAL_URL + claim.get_absolute_url(),
        },
    )


@transaction.atomic
def claim_submit(*, claim: Claim, upload, by: User) -> Claim:
    validate_document(upload)
    claim.claimant = by
    claim.status = Status.SUBMITTED
    check_claim_rules(claim)
    claim.receipt = upload
    claim.save()
    ClaimStep.objects.create(claim=claim, status=Status.SUBMITTED, by=by)
    _tell_claimant(claim)
    return claim


@transaction.atomic
def claim_advance(
    *, claim: Claim, to_status: str, by: User, note: str = "", paid_on=None, reference: str = ""
) -> Claim:
    """Move a claim one step, by someone allowed to take that step, and tell the claimant."""
    # Lock only the claim row: PostgreSQL cannot lock the nullable side of the certificate join.
    claim = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("certificate", "claimant")
        .get(pk=claim.pk)
    )
    sources, roles = STEPS.get(to_status, (set(), ()))
    if claim.status not in sources:
        raise ValidationError(
            _("A claim cannot go from “%(from)s” to “%(to)s”.")
            % {"from": claim.get_status_display(), "to": Status(to_status).label}
        )
    if not by.has_role(*roles):
        raise ValidationError(_("Only an office manager can approve a claim."))
    if claim.claimant_id == by.pk:
        raise ValidationError(_("Nobody decides on their own claim."))
    if to_status == Status.APPROVED:
        check_claim_rules(claim)
    if to_status == Status.PAID:
        if not paid_on or not reference.strip():
            raise ValidationError(_("Enter the payment date and its reference."))
        claim.paid_on, claim.payment_reference = paid_on, reference.strip()
    if to_status == Status.REJECTED:
        if not note.strip():
            raise ValidationError(_("Say why the claim is rejected."))
        claim.rejection_reason = note.strip()
    claim.status = to_status
    claim.save()
    ClaimStep.objects.create(claim=claim, status=to_status, by=by, note=note.strip())
    _tell_claimant(claim)
    return claim
