"""Celery tasks of mentoring: thin, they call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def check_in_reminders_send() -> int:
    """Daily. One reminder per pair and gap: running it twice sends nothing more."""
    return services.check_in_reminders_send()
