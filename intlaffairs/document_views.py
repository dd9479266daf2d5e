"""Documents of record: the public check of a code, the office's register (revoke, issue
again), downloads by those who may have the file, and the letterhead."""

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import documents
from .access import OFFICE_ROLES, public, roles_required
from .codes import clean_code, is_well_formed
from .document_forms import LetterheadForm, RevokeForm, VerifyForm
from .editing import form_errors
from .filters import IssuedDocumentFilter
from .models import IssuedDocument, Letterhead
from .paging import paginate
from .roles import Role


def _refused(request):
    """Checks are limited per client address (ACCOUNT_RATE_LIMITS["document_verify"], counted
    like the sign-in's); past the limit, the 429 page. Codes are not guessed at 30 a minute."""
    return ratelimit.consume_or_429(request, action="document_verify", limit_get=True)


@public
def document_verify(request):
    """The form for a code; a code typed in is cleaned and shown at its own address (one that
    cannot be a code, whatever it holds, is answered here)."""
    form = VerifyForm(request.GET or None)
    if not form.is_bound:
        return render(request, "documents/verify.html", {"form": form})
    if refused := _refused(request):
        return refused
    if not form.is_valid():
        return render(request, "documents/verify.html", {"form": form})
    code = form.cleaned_data["code"]
    if is_well_formed(code):
        return redirect("document_verify_code", code=code)
    context = {"form": form, "checked": code, "well_formed": False, "document": None}
    return render(request, "documents/verify.html", context, status=404)


@public
def document_verify_code(request, code: str):
    """What the document with `code` states, and whether it is valid or revoked (the date, not
    the office's reason, which may be about the holder); or that no document has this code."""
    if refused := _refused(request):
        return refused
    cleaned = clean_code(code)
    document = None
    if is_well_formed(cleaned):
        document = IssuedDocument.objects.filter(code=cleaned).first()
    return render(
        request,
        "documents/verify.html",
        {
            "form": VerifyForm(initial={"code": code}),
            "checked": code,
            "well_formed": is_well_formed(cleaned),
            "document": document,
        },
        status=200 if document else 404,
    )


@roles_required(*OFFICE_ROLES)
def document_list(request):
    found = IssuedDocument.objects.visible_to(request.user).select_related("issued_by")
    filters = IssuedDocumentFilter(request.GET, queryset=found, request=request)
    return render(
        request,
        "documents/document_list.html",
        {
            **paginate(request, filters.qs),
            "filter": filters,
            "can_edit_letterhead": request.user.has_role(*documents.MANAGERS),
        },
    )


def _document(request, pk: int) -> IssuedDocument:
    return get_object_or_404(
        IssuedDocument.objects.visible_to(request.user).select_related(
            "issued_by", "revoked_by", "replaced_by", "holder"
        ),
        pk=pk,
    )


@roles_required(*OFFICE_ROLES)
def document_detail(request, pk: int):
    document = _document(request, pk)
    is_manager = request.user.has_role(*documents.MANAGERS)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "revoke_form": RevokeForm() if is_manager and document.is_valid else None,
            "can_reissue": is_manager and document.record is not None,
        },
    )


@roles_required(*documents.MANAGERS, post_only=True)
def document_revoke(request, pk: int):
    document = _document(request, pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("document_detail", pk=document.pk)
    try:
        documents.document_revoke(
            document=document, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The document has been revoked."))
    return redirect("document_detail", pk=document.pk)


@roles_required(*documents.MANAGERS, post_only=True)
def document_reissue(request, pk: int):
    document = _document(request, pk)
    try:
        issued = documents.document_reissue(document=document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("document_detail", pk=document.pk)
    messages.success(request, _("Document %(number)s has been issued.") % {"number": issued.number})
    return redirect("document_detail", pk=issued.pk)


@roles_required(*OFFICE_ROLES, Role.APPLICANT, Role.FACULTY, scoped=(Role.APPLICANT, Role.FACULTY))
def document_download(request, pk: int):
    """The PDF as issued, to the office and to the document's holder."""
    return documents.document_response(_document(request, pk))


@roles_required(*documents.MANAGERS)
def letterhead_edit(request):
    letterhead = Letterhead.current()
    form = LetterheadForm(request.POST or None, request.FILES or None, instance=letterhead)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        form.save()
        messages.success(request, _("The letterhead has been saved."))
        return redirect("letterhead_edit")
    return render(request, "documents/letterhead_form.html", {"form": form})
