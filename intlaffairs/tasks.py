"""Celery tasks of the shared core."""

from celery import shared_task
from django.core import management


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def sessions_clear_expired() -> None:
    """Remove expired sessions; running it twice does no harm."""
    management.call_command("clearsessions")
