"""Celery tasks of the strategy app: thin, they call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def action_reminders_send() -> int:
    """Daily. An overdue action is reminded at most once a week."""
    return services.action_reminders_send()
