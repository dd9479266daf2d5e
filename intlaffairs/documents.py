"""Documents of record: the letters, certificates and statements the portal issues.

Each is numbered like the office's own letters (ADM-1405-0012: kind, Solar Hijri year, a
sequence per kind and year), stored as issued (downloading it again gives the same file) and
carries a short code that the public page /verify/<code>/ checks. Apps say how to draw a kind
of document for one of their records with `register`; the core numbers, renders (through
pdf.py, with the letterhead and a QR code of the verification URL), stores and revokes.
"""

import base64
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import codes, jalali, pdf
from .models import DocumentCounter, IssuedDocument, Letterhead
from .roles import Role

Kind = IssuedDocument.Kind
MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)  # who revoke and replace documents

# The number's first part: which register the document is in.
NUMBER_PREFIXES = {
    Kind.ADMISSION_LETTER: "ADM",
    Kind.IA_LETTER: "IAL",
    Kind.ATTENDANCE_CERTIFICATE: "CRT",
    Kind.POINTS_STATEMENT: "PPS",
    Kind.PAYMENT_RECEIPT: "RCP",
}


@dataclass(frozen=True)
class Draft:
    """What an app gives for a document about one of its records: the PDF template (which
    extends pdf/letter.html or includes pdf/_of_record.html) and its context, and the holder."""

    template: str
    context: dict = field(default_factory=dict)
    holder_name: str = ""
    holder_name_native: str = ""
    holder: object = None  # the user who holds the document and may download it, if any


# kind -> prepare(record, scope) -> Draft; runs inside the document's language.
_drafts: dict[str, Callable[[models.Model, str], Draft]] = {}


def register(kind: str, prepare: Callable[[models.Model, str], Draft]) -> None:
    _drafts[kind] = prepare


def document_number_next(*, kind: str, on) -> tuple[int, int, str]:
    """(year, sequence, number) for the next `kind` document issued on `on`, counted per kind
    and Solar Hijri year under a row lock (two issues at once get two numbers, no gap)."""
    year = jalali.solar_year(on)
    with transaction.atomic():
        try:
            with transaction.atomic():
                DocumentCounter.objects.get_or_create(kind=kind, year=year)
        except IntegrityError:
            pass  # another issue created this year's counter first
        counter = DocumentCounter.objects.select_for_update().get(kind=kind, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return year, counter.last, f"{NUMBER_PREFIXES[kind]}-{year}-{counter.last:04d}"


def verify_url(code: str, language: str) -> str:
    """The full address of the public page that checks `code`, in `language`."""
    with translation.override(language):
        return settings.PORTAL_URL + reverse("document_verify_code", kwargs={"code": code})


def qr_svg(url: str) -> bytes:
    """A QR code of `url` as an SVG drawing (vector: sharp at any print size)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def data_uri(content: bytes, content_type: str) -> str:
    """Content inline in the PDF's HTML (pdf.py fetches nothing but data: URIs and static files)."""
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def _image_uri(stored) -> str:
    if not stored:
        return ""
    with stored.open("rb") as handle:
        content = handle.read()
    return data_uri(content, "image/png" if content.startswith(b"\x89PNG") else "image/jpeg")


def letterhead_context(letterhead: Letterhead) -> dict:
    """The letterhead's images as data: URIs, and the signatory in the active language. Until a
    logo is uploaded a document carries the portal's emblem (no letter goes out without a mark
    of the university); without a signature or stamp it has none."""
    return {
        "logo": _image_uri(letterhead.logo) or pdf.asset_url("img/emblem.svg"),
        "signature": _image_uri(letterhead.signature),
        "stamp": _image_uri(letterhead.stamp),
        "signatory_name": letterhead.signatory_name or "",
        "signatory_title": letterhead.signatory_title or "",
    }


def _new_code() -> str:
    while True:
        code = codes.new_code()
        if not IssuedDocument.objects.filter(code=code).exists():
            return code


def _lock(record: models.Model) -> None:
    """Two offices issuing for the same record at once: the second waits, then finds the first's."""
    type(record)._default_manager.select_for_update().filter(pk=record.pk).exists()


@transaction.atomic
def document_issue(
    *,
    kind: str,
    record: models.Model,
    language: str,
    by=None,
    scope: str = "",
    reissue: bool = False,
) -> IssuedDocument:
    """The valid `kind` document about `record`: the one already issued, or a new one, numbered,
    rendered in `language` and stored. With `reissue`, a valid one is revoked ("replaced") and a
    new one issued. `by` is None when the portal issues it itself (on admission)."""
    _lock(record)
    existing = IssuedDocument.objects.about(record).valid().filter(kind=kind, scope=scope).first()
    if existing is not None and not reissue:
        return existing
    if existing is not None and by is not None and not by.has_role(*MANAGERS):
        # Replacing revokes the document in the holder's hands, like revoking it does.
        raise ValidationError(_("Only a manager can replace a document that has been issued."))
    now = timezone.now()
    if existing is not None:
        _revoke(existing, by=by, at=now, reason=_replaced_reason())
    year, sequence, number = document_number_next(kind=kind, on=now)
    document = IssuedDocument(
        kind=kind,
        number=number,
        year=year,
        sequence=sequence,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        scope=scope,
        language=language,
        issued_at=now,
        issued_by=by,
        code=_new_code(),
    )
    with translation.override(language):
        draft = _drafts[kind](record, scope)
        document.holder = draft.holder
        document.holder_name = draft.holder_name
        document.holder_name_native = draft.holder_name_native
        context = {
            "report_title": document.get_kind_display(),
            **draft.context,
            "document": document,
            "letterhead": letterhead_context(Letterhead.current()),
            "verify_url": verify_url(document.code, language),
            "grouped_code": codes.grouped(document.code),
        }
        context["qr"] = data_uri(qr_svg(context["verify_url"]), "image/svg+xml")
        content, _pages = pdf.render_pdf(draft.template, context, language=language)
    document.file.save(f"{number}.pdf", ContentFile(content), save=False)
    document.save()
    if existing is not None:
        existing.replaced_by = document
        existing.save(update_fields=["replaced_by"])
    return document


def _replaced_reason() -> str:
    # Kept in the portal's language, like a note in the register.
    with translation.override(settings.LANGUAGE_CODE):
        return _("Replaced by a new issue of the document.")


def _revoke(document: IssuedDocument, *, by, at, reason: str) -> None:
    document.revoked_at = at
    document.revoked_by = by
    document.revocation_reason = reason
    document.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])


@transaction.atomic
def document_revoke(*, document: IssuedDocument, by, reason: str) -> IssuedDocument:
    """Revoke a valid document with a reason; the public check says so from now on."""
    locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if not locked.is_valid:
        raise ValidationError(_("This document has already been revoked."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking the document."))
    _revoke(locked, by=by, at=timezone.now(), reason=reason)
    return locked


def document_reissue(*, document: IssuedDocument, by) -> IssuedDocument:
    """A new document in place of a revoked one (a valid one is replaced), in its language."""
    record = document.record
    if record is None:
        raise ValidationError(_("The record this document was about no longer exists."))
    return document_issue(
        kind=document.kind,
        record=record,
        language=document.language,
        by=by,
        scope=document.scope,
        reissue=True,
    )


def ascii_name(text: str) -> str:
    """`text` for a file name: Latin letters and digits, other runs as one dash, case kept
    ("Ali Hassan" -> "Ali-Hassan", "Zoë Öz" -> "Zoe-Oz")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")


def download_name(document: IssuedDocument) -> str:
    """ADM-1405-0012_Letter-of-admission_Ali-Hassan.pdf: the number, the kind in English and the
    holder's Latin name."""
    with translation.override("en"):
        kind = ascii_name(document.get_kind_display())
    parts = [document.number, kind[:1].upper() + kind[1:], ascii_name(document.holder_name)]
    return "_".join(part for part in parts if part) + ".pdf"


def document_response(document: IssuedDocument) -> FileResponse:
    """The stored PDF as an attachment under its download name (filename and filename*)."""
    name = download_name(document)
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, content_type="application/pdf"
    )
    response["Content-Disposition"] = f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
