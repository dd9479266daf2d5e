"""The pages of the threads between applicants and the office: a thread (its own page, and the
panel the application pages include), its attachments, the list of one's threads, and the
managers' saved replies."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import messaging, threads, waiting
from .access import OFFICE_ROLES, roles_required
from .editing import record_edit
from .message_forms import MessageForm, SavedReplyForm
from .models import Message, SavedReply
from .paging import paginate
from .queues import UNREAD_MESSAGES
from .roles import Role
from .uploads import file_response

MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)


def thread_context(request, record, form: MessageForm | None = None) -> dict:
    """What `threads/panel.html` shows of `record`'s thread to the person asking; opening it
    marks the other side's messages read (after reading which of them were new)."""
    side = messaging.side_of(record, request.user)
    rows = list(messaging.thread_of(record).select_related("author"))
    for message in rows:
        message.unread = message.read_at is None and message.from_office == (
            side == messaging.APPLICANT
        )
    messaging.thread_read(record, by=request.user)
    subject = threads.subject_of(record)
    reader = subject.reader(record)
    page = subject.office_page if side == messaging.OFFICE else subject.applicant_page
    context = {
        # Who wrote a message without an account (a visitor's contact message).
        "sender": reader.display_name,
        "record": record,
        # The record's own page for this side, which the thread's page links back to.
        "record_url": reverse(page, args=[record.pk]) if page and side else "",
        "messages": rows,
        "side": side,
        "for_office": side == messaging.OFFICE,
        "closed": subject.closed(record),
        "form": form or MessageForm(),
        "post_url": reverse("thread", args=[subject.label, record.pk]),
    }
    if side == messaging.OFFICE:
        mine, others = messaging.replies_for(record, request.user)
        context.update(
            language=dict(settings.LANGUAGES)[reader.language],
            # A visitor without an account reads replies in the e-mail: no file to open.
            files=reader.has_account,
            replies_mine=mine,
            replies_other=others,
            fill_url=reverse("thread_reply_text", args=[subject.label, record.pk]),
        )
    return {"thread": context}


def _record(request, model: str, pk: int):
    """The record `pk` of the model with a thread named `model`, if the person may open it."""
    subject = threads.subject_for_label(model)
    if subject is None:
        raise Http404
    manager = subject.model._default_manager.visible_to(request.user)
    return get_object_or_404(manager.select_related("applicant", *subject.related), pk=pk)


@roles_required(Role.APPLICANT, *OFFICE_ROLES, scoped=(Role.APPLICANT,))
def thread(request, model: str, pk: int):
    """A thread's own page, and where every reply box posts (it returns to `next`, the page
    the box was on). A refused message shows the thread again with what was typed and why."""
    record = _record(request, model, pk)
    side = messaging.side_of(record, request.user)
    form = None
    if request.method == "POST":
        if side is None:
            raise Http404
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                messaging.message_post(
                    subject=record,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                    from_office=side == messaging.OFFICE,
                )
            except ValidationError as error:
                for problem in error.messages:
                    form.add_error(None, problem)
            else:
                messages.success(request, _("Your message has been sent."))
                back = request.POST.get("next", "")
                if not url_has_allowed_host_and_scheme(
                    back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                ):
                    back = request.path
                return redirect(f"{back.split('#')[0]}#thread")
        messages.error(request, _("The message was not sent; see why below."))
    return render(request, "threads/thread.html", thread_context(request, record, form))


@roles_required(*OFFICE_ROLES)
def thread_reply_text(request, model: str, pk: int):
    """The reply box filled with the saved reply `?reply=` for this record (htmx swaps it in);
    without one, the empty box."""
    record = _record(request, model, pk)
    text = ""
    if reply_id := request.GET.get("reply", ""):
        if not reply_id.isdigit():
            raise Http404
        replies = SavedReply.objects.visible_to(request.user).filter(is_active=True)
        text = messaging.reply_fill(get_object_or_404(replies, pk=int(reply_id)), record)
    form = MessageForm(initial={"body": text})
    return render(request, "threads/partials/body_field.html", {"form": form})


@roles_required(Role.APPLICANT, *OFFICE_ROLES, scoped=(Role.APPLICANT,))
def message_attachment(request, pk: int):
    """A message's file, for those who may read its thread; anyone else gets a 404."""
    message = get_object_or_404(
        Message.objects.visible_to(request.user).exclude(attachment=""), pk=pk
    )
    return file_response(message.attachment, name=f"message-{message.pk}")


@roles_required(Role.APPLICANT, *OFFICE_ROLES)
def thread_list(request):
    """One's threads that have messages, the ones with unread messages first; from the desk
    (`?waiting=messages.unread`), only those."""
    queue = UNREAD_MESSAGES
    if request.GET.get(waiting.PARAMETER) != queue.key or not queue.applies_to(request.user):
        queue = None
    context = paginate(request, messaging.threads_of(request.user, unread_only=bool(queue)))
    context["queue"] = queue
    context["rows"] = messaging.with_records(context["page"].object_list)
    context["for_office"] = request.user.has_role(*OFFICE_ROLES)
    return render(request, "threads/thread_list.html", context)


@roles_required(*MANAGERS)
def saved_reply_list(request):
    return render(
        request,
        "threads/saved_reply_list.html",
        {
            "replies": SavedReply.objects.visible_to(request.user),
            "placeholders": threads.PLACEHOLDERS,
        },
    )


@roles_required(*MANAGERS)
def saved_reply_edit(request, pk: int | None = None):
    return record_edit(
        request,
        SavedReply,
        SavedReplyForm,
        pk,
        title=_("Edit the saved reply") if pk else _("New saved reply"),
        saved=_("The saved reply has been saved."),
        back="saved_reply_list",
        section=_("Saved replies"),
    )
