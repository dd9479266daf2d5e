"""The create-or-edit page shared by the apps' simple records (programs, agents, courses...),
and the small forms that add a row under another record (a member to a delegation...)."""

from django.contrib import messages
from django.forms.forms import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _


def form_errors(form) -> str:
    """Every error of a form as one sentence, for a message on the page it returns to.

    That page shows the form afresh, without its errors beside the fields, so each error
    names its field ("Attachment: This field is required.", not a bare "This field is required.").
    """
    sentences = []
    for name, errors in form.errors.items():
        field = form.fields.get(name) if name != NON_FIELD_ERRORS else None
        for error in errors:
            if field is not None and field.label:
                error = _("%(field)s: %(error)s") % {"field": field.label, "error": error}
            sentences.append(error)
    return " ".join(sentences)


def record_edit(
    request, model, form_class, pk, *, title, saved, back: str, section, after_save=None
):
    """Create (pk None) or edit a `model` row with `form_class`; on success go to its page.

    `back` is the URL name of the list the breadcrumb returns to, labelled `section`;
    `after_save(request, record)` may add messages (a quota warning, say). The record is
    fetched through `model.objects.visible_to(user)`, the rule its list and page use.
    """
    record = get_object_or_404(model.objects.visible_to(request.user), pk=pk) if pk else None
    form = form_class(request.POST or None, request.FILES or None, instance=record)
    if request.method == "POST" and form.is_valid():
        record = form.save()
        messages.success(request, saved)
        if after_save is not None:
            after_save(request, record)
        return redirect(record)
    return render(
        request,
        "record_form.html",
        {"form": form, "title": title, "back": reverse(back), "section": section},
    )


def add_to(request, parent, form, *, saved: str, **fields):
    """Save the POSTed `form` as a new row under `parent`, with `fields` (its link to the
    parent, who wrote it) set on it; on success say `saved`, otherwise say what was wrong.
    Either way the user goes back to the parent's page, where the form was."""
    if form.is_valid():
        for name, value in fields.items():
            setattr(form.instance, name, value)
        form.save()
        messages.success(request, saved)
    else:
        messages.error(request, form_errors(form))
    return redirect(parent)
