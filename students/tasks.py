"""Celery tasks of student recruitment: thin, they call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def reminders_send() -> int:
    """Daily. Running it twice sends nothing the second time: each reminder is recorded once."""
    return services.reminders_send()


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def personal_data_expire() -> dict:
    """Weekly: the retention policy; applying it twice changes nothing the second time."""
    return services.personal_data_expire()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def offers_lapse() -> int:
    """Daily. Running it twice lapses nothing the second time: a lapsed offer is no longer
    admitted, and the move refuses it."""
    return services.offers_lapse()
