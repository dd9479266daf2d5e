"""Writes on incentives: certificates and reimbursement claims. Their checks and decisions are
the workflows declared in workflows.py, taken with `intlaffairs.workflow.move`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intlaffairs import outbox, workflow
from intlaffairs.jalali import to_local_digits
from intlaffairs.models import User
from intlaffairs.uploads import validate_document

from .models import MIN_EXAM_BAND, Certificate, Claim, Policy


def certificate_add(*, certificate: Certificate, upload, by: User) -> Certificate:
    """Record a certificate with its scan (PDF, JPEG or PNG); staff check it afterwards."""
    with transaction.atomic():
        validate_document(upload)
        certificate.file = upload
        certificate.full_clean()
        certificate.save()
        workflow.created(certificate, by=by)
        return certificate


Status = Claim.Status


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
        elif certificate.status != Certificate.Status.VERIFIED:
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


def claim_tell_claimant(claim: Claim) -> None:
    """Mail the claimant where their claim stands, in their language."""
    outbox.mail_queue(
        to=claim.claimant.email,
        language=claim.claimant.preferred_language,
        template="incentives/email/claim_status",
        context={
            "claim": claim,
            "url": settings.PORTAL_URL + claim.get_absolute_url(),
        },
    )


def claim_submit(*, claim: Claim, upload, by: User) -> Claim:
    """Submit a new claim for `by`, checked against the reimbursement rules."""
    with transaction.atomic():
        validate_document(upload)
        claim.claimant = by
        check_claim_rules(claim)
        claim.receipt = upload
        claim.save()
        workflow.created(claim, by=by)
        claim_tell_claimant(claim)
        return claim
