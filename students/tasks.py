"""Celery tasks of student recruitment: thin, they call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def reminders_send() -> int:
    """Daily. Running it twice sends nothing the second time: each reminder is recorded once."""
    return services.reminders_send()
