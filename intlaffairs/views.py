"""Pages of the shared core: the public home, the dashboard, the language switch."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.i18n import set_language as django_set_language

from . import calendars, jalali, navigation, search, timezones, waiting, workflow
from . import dashboard as dashboard_panels
from .access import (
    SEARCH_ROLES,
    admin_sign_in,
    post_only,
    public,
    record_step,
    roles_required,
    secret_address,
    signed_in,
    signed_in_post,
)
from .accounts import ProfileForm
from .models import CalendarToken
from .roles import Role
from .uploads import too_large_message


@public
def upload_too_large(request):
    """What the front server (deploy/nginx/intlaffairs.conf) shows instead of its own 413 page
    when a request body is over its limit: nginx refuses the body before the portal sees it, so
    the form cannot say it; this page does, in the language of the page the upload came from.
    It answers 200 (a page anyone may open); nginx sends it with the 413 of its refusal."""
    return render(request, "413.html", {"message": too_large_message()})


@public
def ping(request):
    """Answers "ok" and touches nothing (no database, no template): a liveness probe, and the
    baseline `make bench` compares the key pages with."""
    return HttpResponse("ok", content_type="text/plain")


@public
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to; answer with the icon in static
    rather than a 404 logged on every first visit."""
    with open(finders.find("favicon.ico"), "rb") as icon:
        response = HttpResponse(icon.read(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@admin_sign_in
def admin_login(request):
    """The Django admin's sign-in, replaced: everyone signs in by the portal's form, where
    allauth counts failures and asks staff for the second factor. Django's own form counted
    nothing, so it was an unlimited channel for guessing the administrator's password; this
    view reads no password at all."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if request.user.is_active and request.user.is_staff:
        return redirect(next_url)
    raise PermissionDenied


@public
def home(request):
    # Signed-in applicants follow the mentoring card to their mentor; others are told to register.
    has_mentor_page = request.user.is_authenticated and request.user.has_role(Role.APPLICANT)
    return render(request, "home.html", {"has_mentor_page": has_mentor_page})


@signed_in
def dashboard(request):
    today = timezone.localdate()
    items = [item for item in navigation.items_for(request.user) if item.url_name != "dashboard"]
    return render(
        request,
        "dashboard.html",
        {
            "today": today,
            "academic_year": jalali.academic_year_label(jalali.academic_year(today)),
            "modules": items,
            "user_roles": [Role(name).label for name in sorted(request.user.roles)],
            "panels": dashboard_panels.panels_for(request),
            "time_zone": timezones.zone_of(request.user).key,
        },
    )


@signed_in
def desk(request):
    """Waiting for me: the user's queues, each with its count and a link to the list that
    shows exactly those rows."""
    counts = waiting.counts_for(request.user)
    return render(
        request,
        "desk.html",
        {
            "queues": [(queue, count, navigation.badge(count)) for queue, count in counts],
            "total": sum(count for _queue, count in counts),
        },
    )


@signed_in
def desk_count(request):
    """The navigation's badge (loaded by htmx after the page): the number waiting for the
    user, or nothing when nothing waits."""
    total = waiting.total_for(request.user)
    return render(
        request, "partials/desk_count.html", {"total": total, "shown": navigation.badge(total)}
    )


@roles_required(*SEARCH_ROLES)
def search_page(request):
    query = request.GET.get("q", "")
    return render(
        request,
        "search.html",
        {"query": query, "results": search.search_everything(request.user, query)},
    )


@post_only
def set_language(request):
    """Django's language switch, which also remembers a signed-in user's choice."""
    # Django translates `next` by resolving it in the active language, which here comes from
    # the browser's Accept-Language; resolve it in the language of its own prefix instead.
    next_language = translation.get_language_from_path(request.POST.get("next", ""))
    if next_language:
        translation.activate(next_language)
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and user.preferred_language != language
    ):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


def _safe_next(request, fallback: str) -> str:
    """Where to go back to: the form's or the link's `next` when it is this site's."""
    back = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return fallback


@record_step
def workflow_move(request, model: str, pk: int, transition: str):
    """One step of a record's workflow: the target of every button `{% workflow_actions %}`
    draws, and (by GET) the step's own page, which a link in an e-mail can open. The record
    must be visible to the person (else 404); `move()` decides the rest. A refusal or missing
    data shows the step's form again with what was typed and why."""
    declared = workflow.workflow_for_label(model)
    if declared is None or transition not in declared.transitions:
        raise Http404
    record = get_object_or_404(declared.model._default_manager.visible_to(request.user), pk=pk)
    step = declared.transitions[transition]
    form = step.form(record, request.POST if request.method == "POST" else None)
    back = _safe_next(request, record.get_absolute_url())
    refusal, _theirs = declared.refusal(record, step, request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note", "")
        try:
            workflow.move(record, transition, by=request.user, note=note, **data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Done: %(step)s. Now “%(state)s”.")
                % {"step": step.label, "state": declared.label(step.target)},
            )
            return redirect(back)
    return render(
        request,
        "workflow/move.html",
        {
            "record": record,
            "step": step,
            "form": form,
            "back": back,
            "refusal": None if request.method == "POST" else refusal,
            "state": declared.label(declared.state(record)),
        },
    )


# The most rows one bulk step takes: a list's page is 25; a few pages' worth at once, not a
# table scan inside one request.
BULK_LIMIT = 100


@signed_in_post
def workflow_bulk(request, model: str):
    """One step on the rows selected in a list: first a page that says what will happen (how
    many records, which step, what it needs, and which of them cannot take it now and why),
    then, confirmed, a `move()` for each (its own checks and history row) and a page that says
    what was done and what was refused, with the reasons. Only records the person may see are
    touched; the others are left out as if they were not there."""
    declared = workflow.workflow_for_label(model)
    if declared is None:
        raise Http404
    back = _safe_next(request, reverse("desk"))
    step = {t.name: t for t in declared.takeable_by(request.user)}.get(
        request.POST.get("transition", "")
    )
    chosen = [
        value for value in request.POST.getlist("record") if value.isascii() and value.isdigit()
    ]
    if step is None:
        messages.error(request, _("Choose a step to take on the selected records."))
        return redirect(back)
    if len(chosen) > BULK_LIMIT:
        messages.error(
            request,
            _("Select at most %(limit)s records for one step.")
            % {"limit": jalali.to_local_digits(BULK_LIMIT)},
        )
        return redirect(back)
    records = list(
        declared.model._default_manager.visible_to(request.user)
        .filter(pk__in=chosen)
        .order_by("pk")
    )
    if not records:
        messages.error(request, _("Select at least one record."))
        return redirect(back)
    confirmed = "confirm" in request.POST
    form = step.form(None, request.POST if confirmed else None)
    context = {
        "step": step,
        "records": records,
        "missing": len(set(chosen)) - len(records),
        "back": back,
        "model": model,
        "form": form,
        "verbose_name_plural": declared.model._meta.verbose_name_plural,
    }
    if confirmed and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note", "")
        outcome = workflow.move_many(records, step.name, by=request.user, note=note, **data)
        return render(request, "workflow/bulk_done.html", {**context, "outcome": outcome})
    checked = [(record, declared.refusal(record, step, request.user)[0]) for record in records]
    return render(
        request,
        "workflow/bulk_confirm.html",
        {
            **context,
            "ready": [record for record, reason in checked if reason is None],
            "refused": [(record, reason) for record, reason in checked if reason is not None],
        },
    )


@signed_in
def profile(request):
    """The person's own settings: the language of their e-mails, their time zone."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings are saved."))
        return redirect("profile")
    return render(request, "profile.html", {"form": form}, status=400 if form.errors else 200)


@signed_in
def calendar_page(request):
    """The person's calendar address, to copy into a calendar program, and the button that
    makes a new one."""
    token = CalendarToken.objects.filter(user=request.user).first()
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[token.token])) if token else ""
    )
    return render(request, "calendar.html", {"feed_url": feed_url})


@roles_required(*Role.values, post_only=True)
def calendar_reset(request):
    had_one = CalendarToken.objects.filter(user=request.user).exists()
    calendars.calendar_token_reset(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new address; the old one no longer works.")
        if had_one
        else _("Your calendar address is ready."),
    )
    return redirect("calendar_page")


@secret_address
def calendar_feed(request, token: str):
    """The dates that concern the address's owner, in their language; no session needed."""
    user = calendars.user_for_token(token)
    if user is None:
        raise Http404
    with translation.override(user.preferred_language):
        body = calendars.feed(user, _("International Affairs Portal"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    return response


@record_step
def record_calendar(request, model: str, pk: int):
    """One record's dates as an .ics file, for whoever may see the record (else 404)."""
    dates = calendars.dates_of(model)
    if not dates:
        raise Http404
    record = get_object_or_404(dates[0].model._default_manager.visible_to(request.user), pk=pk)
    if not calendars.has_dates(record):
        raise Http404
    response = HttpResponse(
        calendars.record_file(record, str(record)), content_type="text/calendar; charset=utf-8"
    )
    filename = f"{model.replace('.', '-')}-{pk}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
