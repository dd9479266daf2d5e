"""Celery tasks of exchanges: thin, they call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def certificate_render(certificate_id: int) -> None:
    """Renders both PDFs once; a second run finds them and does nothing."""
    services.certificate_render(certificate_id=certificate_id)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def follow_up_reminders_send() -> int:
    """Daily. A follow-up is reminded at most once a week while it stays overdue."""
    return services.follow_up_reminders_send()
