"""Celery tasks of the shared core."""

from datetime import timedelta

from celery import shared_task
from django.core import management
from django.utils import timezone

from . import held_uploads, outbox, reports
from .models import OutgoingMail
from .outbox import TransientMailError


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def sessions_clear_expired() -> None:
    """Remove expired sessions; running it twice does no harm."""
    management.call_command("clearsessions")


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def held_uploads_purge() -> int:
    """Remove uploads held for forms that were never sent again; running it twice is harmless."""
    return held_uploads.held_uploads_purge()


@shared_task(
    bind=True,
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
    max_retries=8,
    autoretry_for=(TransientMailError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
)
def outbox_send(self, mail_id: int) -> str:
    """Send one outbox message; transient SMTP errors retry with growing waits."""
    return outbox.outbox_deliver(mail_id=mail_id)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def outbox_send_pending() -> int:
    """Every few minutes: pick up messages whose task was lost (e.g. Redis restarted)."""
    stale = timezone.now() - timedelta(minutes=10)
    ids = list(
        OutgoingMail.objects.filter(
            status=OutgoingMail.Status.PENDING, created_at__lt=stale
        ).values_list("pk", flat=True)[:500]
    )
    for mail_id in ids:
        outbox_send.delay(mail_id)
    return len(ids)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def report_render_task(request_id: int) -> None:
    """Render one requested PDF report (idempotent; see reports.report_render)."""
    reports.report_render(request_id=request_id)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def reports_remove_expired() -> int:
    return reports.reports_remove_expired()
