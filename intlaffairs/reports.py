"""PDF reports: each app registers its kinds here; requests are rendered by a Celery task.

A ReportKind says who may ask for it and how to build its context. `report_render` turns a
queued ReportRequest into a file, recording its progress for the page's progress bar.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from . import jalali, pdf
from .models import ReportRequest
from .roles import Role

MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str  # lazy translation
    template: str
    # build(request, progress) -> template context; runs inside the report's language.
    build: Callable[[ReportRequest, Progress], dict]
    roles: tuple[str, ...] = MANAGERS
    needs_period: bool = True
    listed: bool = True  # offered on the reports page (False: started from an object's page)


_kinds: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    _kinds[kind.key] = kind
    return kind


def kinds_for(user) -> list[ReportKind]:
    return [kind for kind in _kinds.values() if kind.listed and user.has_role(*kind.roles)]


def get_kind(key: str) -> ReportKind:
    return _kinds[key]


def period_label(request: ReportRequest) -> str:
    if not request.period_start:
        return ""
    year = jalali.academic_year(request.period_start)
    first, last = jalali.academic_year_bounds(year)
    if (request.period_start, request.period_end) == (first, last):
        return translation.gettext("Academic year %(year)s") % {
            "year": jalali.academic_year_label(year)
        }
    return f"{jalali.format_date(request.period_start)} – {jalali.format_date(request.period_end)}"


@transaction.atomic
def report_request(
    *,
    kind: str,
    language: str,
    by,
    period: tuple[date, date] | None = None,
    params: dict | None = None,
    scheduled_for: date | None = None,
) -> ReportRequest:
    """Queue a report; the rendering task starts when this transaction commits."""
    start, end = period or (None, None)
    request = ReportRequest.objects.create(
        kind=kind,
        language=language,
        period_start=start,
        period_end=end,
        params=params or {},
        requested_by=by,
        scheduled_for=scheduled_for,
    )
    from .tasks import report_render_task

    transaction.on_commit(lambda: report_render_task.delay(request.pk))
    return request


@transaction.atomic
def report_retry(*, request: ReportRequest) -> None:
    ReportRequest.objects.filter(pk=request.pk).update(
        status=ReportRequest.Status.QUEUED, progress=0, error=""
    )
    from .tasks import report_render_task

    transaction.on_commit(lambda: report_render_task.delay(request.pk))


def _set_progress(pk: int, value: int) -> None:
    ReportRequest.objects.filter(pk=pk).update(progress=min(max(value, 0), 100))


def report_render(*, request_id: int) -> ReportRequest:
    """Render a queued report. Running twice renders once: a finished request is left alone,
    and the file is attached under a row lock only if nobody attached one first."""
    request = ReportRequest.objects.get(pk=request_id)
    if request.status == ReportRequest.Status.DONE:
        return request
    ReportRequest.objects.filter(pk=request_id).update(
        status=ReportRequest.Status.RUNNING, progress=5
    )
    kind = get_kind(request.kind)
    try:
        with translation.override(request.language):
            context = kind.build(request, lambda value: _set_progress(request_id, value))
            context.setdefault("report_title", kind.title)
            context.setdefault("period_label", period_label(request))
            context.setdefault("generated_at", timezone.now())
            html = pdf.render_html(kind.template, context, language=request.language)
        _set_progress(request_id, 50)
        content, pages = pdf.html_to_pdf(html)
    except Exception as error:
        ReportRequest.objects.filter(pk=request_id).update(
            status=ReportRequest.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    with transaction.atomic():
        locked = ReportRequest.objects.select_for_update().get(pk=request_id)
        if locked.status == ReportRequest.Status.DONE:
            return locked  # another worker finished it first
        locked.file.save(f"{locked.pk}.pdf", ContentFile(content), save=False)
        locked.pages = pages
        locked.status = ReportRequest.Status.DONE
        locked.progress = 100
        locked.finished_at = timezone.now()
        locked.error = ""
        locked.save()
    return locked


def reports_remove_expired(*, now=None) -> int:
    """Delete report files (and their requests) older than REPORT_RETENTION_DAYS."""
    now = now or timezone.now()
    old = ReportRequest.objects.filter(
        created_at__lt=now - timedelta(days=settings.REPORT_RETENTION_DAYS)
    )
    removed = 0
    for request in old:
        if request.file:
            request.file.delete(save=False)
        request.delete()
        removed += 1
    return removed


def visible_requests(user):
    """Managers see every request; others only their own."""
    requests = ReportRequest.objects.select_related("requested_by")
    return requests if user.has_role(*MANAGERS) else requests.filter(requested_by=user)
