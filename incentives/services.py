"""Writes on incentives: certificates and their verification."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intlaffairs.models import User
from intlaffairs.uploads import validate_document

from .models import Certificate


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
