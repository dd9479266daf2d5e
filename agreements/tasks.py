"""Celery tasks of the agreements app: thin, they call a service."""

from datetime import date

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


@shared_task(acks_late=True, soft_time_limit=1200, time_limit=1260)
def monthly_report_send(day: str | None = None) -> int:
    """Daily at 06:00; sends only on the first day of a Jalali month, once per manager.
    `day` (ISO) catches up a first of the month the schedule missed."""
    return services.monthly_report_send(today=date.fromisoformat(day) if day else None)
