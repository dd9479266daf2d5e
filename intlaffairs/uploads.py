"""Uploaded files: checked by content and size, stored outside the static tree, and served only
as attachments by views that have checked the user's right to them."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

MAX_PDF_BYTES = 20 * 1024 * 1024


def validate_pdf(upload: UploadedFile, *, max_bytes: int = MAX_PDF_BYTES) -> None:
    """Accept a real PDF only: the extension and the browser's type are not trusted."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if not head.startswith(b"%PDF-"):
        raise ValidationError(_("The file is not a PDF document."))


def file_response(stored_file, *, filename: str, content_type: str) -> FileResponse:
    """An attachment that browsers neither render inline nor sniff, sandboxed if they do."""
    response = FileResponse(
        stored_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
