"""Uploaded files: checked by content and size, stored outside the static tree, and served only
as attachments by views that have checked the user's right to them."""

import io
import re
import secrets
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from .jalali import to_local_digits

MAX_PDF_BYTES = 20 * 1024 * 1024


def too_large_message(max_bytes: int = MAX_PDF_BYTES) -> str:
    """What a form, and the front server's too-large page, say of a file over `max_bytes`, with
    the number in the page's digits."""
    return _("The file is larger than %(size)s MB.") % {
        "size": to_local_digits(max_bytes // (1024 * 1024))
    }


def validate_pdf(upload: UploadedFile, *, max_bytes: int = MAX_PDF_BYTES) -> None:
    """Accept a real PDF only: the extension and the browser's type are not trusted."""
    if upload.size > max_bytes:
        raise ValidationError(too_large_message(max_bytes))
    upload.seek(0)
    # Only the first five bytes are compared: reading more or fewer than 1024 cannot differ.
    head = upload.read(1024)  # pragma: no mutate
    upload.seek(0)
    if not head.startswith(b"%PDF-"):
        raise ValidationError(_("The file is not a PDF document."))
    _refuse_active_pdf(upload)


# PDF names that run code or carry other files: refused wherever they appear. Names may be
# written with #xx escapes (/J#61vaScript), so each name is decoded before it is compared.
ACTIVE_PDF_NAMES = {
    b"JavaScript",
    b"JS",
    b"Launch",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"RichMedia",
    b"XFA",
    b"SubmitForm",
    b"ImportData",
}
PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+)")
# Keys whose value is an action the viewer runs by itself (on opening, on showing a page...).
AUTOMATIC_ACTION_KEYS = ("/OpenAction", "/AA")
MAX_PDF_DEPTH = 64  # deeper direct nesting than any real document: refused as unreadable


class UnreadablePdf(Exception):
    """pypdf could not make sense of the file."""


def _names_are_passive(content: bytes) -> bool:
    """No active name in `content` read as text: this sees every revision of an incrementally
    updated file, including objects the last cross-reference table no longer lists."""
    for match in PDF_NAME.finditer(content):
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), match[1])
        if name in ACTIVE_PDF_NAMES:
            return False
    return True


def _is_plain_goto(action) -> bool:
    """A destination, or a /GoTo action (and whatever follows it is one too)."""
    # Never called with None (a missing /Next is handled below): the test is only a guard.
    action = action.get_object() if action is not None else None  # pragma: no mutate
    if isinstance(action, (ArrayObject, NameObject, TextStringObject, ByteStringObject)):
        return True  # an explicit or named destination
    if not isinstance(action, DictionaryObject) or action.get("/S") != "/GoTo":
        return False
    following = action.get("/Next")
    if following is None:
        return True
    following = following.get_object()
    if isinstance(following, ArrayObject):
        return all(_is_plain_goto(item) for item in following)
    return _is_plain_goto(following)


def _direct_object_is_passive(value, depth: int = 0) -> bool:
    """Look through one object and what it holds directly; indirect references are not
    followed, since every indirect object of the file is looked at on its own."""
    if depth > MAX_PDF_DEPTH:
        raise UnreadablePdf
    if isinstance(value, NameObject):
        return value[1:].encode() not in ACTIVE_PDF_NAMES
    if isinstance(value, ArrayObject):
        return all(_direct_object_is_passive(item, depth + 1) for item in value)
    if not isinstance(value, DictionaryObject):
        return True
    for key, item in value.items():
        if key[1:].encode() in ACTIVE_PDF_NAMES:
            return False
        if key == "/OpenAction" and not _is_plain_goto(item):
            return False
        if key == "/AA":
            triggers = item.get_object()
            if not isinstance(triggers, DictionaryObject) or not all(
                _is_plain_goto(action) for action in triggers.values()
            ):
                return False
        if not _direct_object_is_passive(item, depth + 1):
            return False
    if isinstance(value, StreamObject) and value.get("/Type") == "/ObjStm":
        # An object stream of an earlier revision is not listed any more: read its text.
        return _names_are_passive(value.get_data())
    return True


def _indirect_objects(reader: PdfReader):
    """Every object the cross-reference tables list, in object streams too."""
    for generation, table in reader.xref.items():
        for number in table:
            if number:
                yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def _parsed_pdf_is_passive(content: bytes) -> bool:
    """Parse the PDF with pypdf and look at every object, compressed ones included."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # strict=False is pypdf's default, so dropping it cannot differ; a damaged file
            # read in repair mode is tested (test_a_pdf_with_a_damaged_table_is_repaired_and_read).
            reader = PdfReader(io.BytesIO(content), strict=False)  # pragma: no mutate
            if reader.is_encrypted and not reader.decrypt(""):
                raise UnreadablePdf
            if not isinstance(reader.trailer["/Root"].get_object(), DictionaryObject):
                raise UnreadablePdf
            if not _direct_object_is_passive(reader.trailer):
                return False
            return all(
                _direct_object_is_passive(reference.get_object())
                for reference in _indirect_objects(reader)
            )
    except UnreadablePdf:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on a broken file
        raise UnreadablePdf from error


def _refuse_active_pdf(upload: UploadedFile) -> None:
    # Reading from 1 would only drop the "%" of "%PDF-" the callers checked: neither check
    # reads it, and pypdf finds the objects by their "N 0 obj" headers when offsets are off.
    upload.seek(0)  # pragma: no mutate
    content = upload.read()
    upload.seek(0)
    message = _("The PDF contains scripts or embedded files; save it again as a plain PDF.")
    if not _names_are_passive(content):
        raise ValidationError(message)
    try:
        passive = _parsed_pdf_is_passive(content)
    except UnreadablePdf:
        raise ValidationError(
            _("The PDF could not be read; save it again from the program that made it.")
        ) from None
    if not passive:
        raise ValidationError(message)


SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpeg": "jpg"}
MAX_IMAGE_PIXELS = 40_000_000  # larger images are refused as possible decompression bombs


def validate_document(upload: UploadedFile, *, max_bytes: int = MAX_PDF_BYTES) -> str:
    """Accept a PDF, PNG or JPEG judged by its content; returns "pdf", "png" or "jpeg".

    Images are opened and verified with Pillow, so a file that only starts like an image (an
    HTML or SVG file renamed, a truncated or oversized picture) is refused.
    """
    if upload.size > max_bytes:
        raise ValidationError(too_large_message(max_bytes))
    kind = detect_kind(upload)
    upload.seek(0)
    if kind is None:
        raise ValidationError(_("Upload a PDF, JPEG or PNG file."))
    if kind == "pdf":
        _refuse_active_pdf(upload)
    else:
        from PIL import Image

        try:
            with warnings.catch_warnings():
                # Pillow only warns below twice its own limit: make that a refusal too.
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(upload) as image:
                    if image.width * image.height > MAX_IMAGE_PIXELS:
                        raise ValidationError(_("The image is too large."))
                    image.verify()
        except ValidationError:
            raise
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ValidationError(_("The image is too large.")) from error
        except Exception as error:
            raise ValidationError(_("The image could not be read.")) from error
        finally:
            upload.seek(0)
    return kind


MAX_IMAGE_BYTES = 2 * 1024 * 1024


def validate_image(upload: UploadedFile, *, max_bytes: int = MAX_IMAGE_BYTES) -> str:
    """Accept a PNG or JPEG picture only (a letterhead's logo, signature, stamp), judged by its
    content and opened with Pillow; returns "png" or "jpeg"."""
    if upload.size > max_bytes:
        raise ValidationError(too_large_message(max_bytes))
    if detect_kind(upload) not in ("png", "jpeg"):
        raise ValidationError(_("Upload a PNG or JPEG image."))
    # The size was checked against max_bytes above, so validate_document's own limit cannot bite.
    return validate_document(upload, max_bytes=max_bytes)  # pragma: no mutate


def detect_kind(file: File) -> str | None:
    """ "pdf", "png" or "jpeg", judged by the first bytes of an upload or a stored file."""
    position = file.tell()
    file.seek(0)
    # The longest signature is 8 bytes: reading 16 or more cannot change the answer.
    head = file.read(16)  # pragma: no mutate
    file.seek(position)
    return next((kind for kind, starts in SIGNATURES.items() if head.startswith(starts)), None)


def original_name(upload: File) -> str:
    """The name the person's file had, as the 255-character columns that keep it hold it."""
    # Django's UploadedFile already cuts a name to 255 characters: no mutant of the slice can
    # differ for an upload (it is for any other File).
    return upload.name[:255]  # pragma: no mutate


def upload_path(folder: str, filename: str) -> str:
    """Where an upload is stored: under `folder`, a generated name. `filename` comes from
    `UploadField`, which names every file by the type its content shows."""
    # rsplit's limit cannot change the last part ([-1]); split/[+1] are tested.
    extension = filename.rsplit(".", 1)[-1]  # pragma: no mutate
    if extension not in EXTENSIONS.values():
        raise SuspiciousFileOperation("Refusing to store a file that is not a PDF, PNG or JPEG.")
    return f"{folder}/{timezone.now():%Y%m%d%H%M%S}-{secrets.token_hex(4)}.{extension}"


class DetectedTypeFieldFile(FieldFile):
    def save(self, name, content, save=True):
        # The uploader's name is dropped here, on every way in (forms, services, demo data).
        kind = detect_kind(content)
        super().save(f"upload.{EXTENSIONS.get(kind, 'unknown')}", content, save)


class UploadField(models.FileField):
    """A FileField for uploaded PDF, PNG and JPEG files: stored under a generated name with
    the extension of the type the content shows, never the uploader's."""

    attr_class = DetectedTypeFieldFile


class StoredFileInput(forms.ClearableFileInput):
    """A file input for a record's stored file: its "Currently" link is `download_url`, set by
    the form to a view that checks access (the storage's own URL is served by nothing)."""

    download_url = ""


def file_response(stored_file, *, name: str) -> FileResponse:
    """An attachment that browsers neither render inline nor sniff, sandboxed if they do.

    `name` is the download name without an extension, built from the record (its reference
    and what the file is); the extension and the type come from the file's content.
    """
    handle = stored_file.open("rb")
    kind = detect_kind(handle)
    extension = EXTENSIONS.get(kind, "bin")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{slugify(name) or 'file'}.{extension}",
        # Without it FileResponse guesses the same type from the extension we set; explicit so
        # no mime.types file decides. Header names are case-insensitive (no mutant can differ).
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),  # pragma: no mutate
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"  # pragma: no mutate
    return response


class StoredPdf(models.Model):
    """A PDF someone attached to a record (a signed agreement, a project document).

    Subclasses add the foreign key to their record and a `file` field with their own
    upload_to; `store` is the only way in, so every file is checked the same way.
    """

    title = models.CharField(gettext_lazy("title"), max_length=200)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def store(cls, *, upload: UploadedFile, title: str, by, **owner) -> "StoredPdf":
        """Check `upload` is a real PDF of at most 20 MB, then save it for `owner`."""
        validate_pdf(upload)
        return cls.objects.create(
            **owner,
            title=title,
            file=upload,
            original_name=original_name(upload),
            size=upload.size,
            uploaded_by=by,
        )

    @property
    def download_name(self) -> str:
        """What the file is called when downloaded (without the extension)."""
        return f"{self._meta.model_name}-{self.pk}"

    def as_attachment(self) -> FileResponse:
        return file_response(self.file, name=self.download_name)
