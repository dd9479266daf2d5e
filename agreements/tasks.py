"""Celery tasks of the agreements app: thin, they call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def renewal_reminders_send() -> int:
    """Daily. Safe to run twice or on two workers at once: each reminder is claimed once."""
    return services.renewal_reminders_send()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def agreements_expire() -> int:
    """Daily, just after midnight. Running it twice changes nothing the second time."""
    return services.agreements_expire()
