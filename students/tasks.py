"""Celery tasks of student recruitment: thin, they call a service."""

from celery import shared_task
from django.db import OperationalError

from . import fees, reviews, services


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def reminders_send() -> int:
    """Daily. Running it twice sends nothing the second time: each reminder is recorded once."""
    return services.reminders_send()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def review_reminders_send() -> int:
    """Daily. Running it twice sends nothing the second time: each reminder is recorded once."""
    return reviews.review_reminders_send()


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def personal_data_expire() -> dict:
    """Weekly: the retention policy; applying it twice changes nothing the second time."""
    return services.personal_data_expire()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def offers_lapse() -> int:
    """Daily. Running it twice lapses nothing the second time: a lapsed offer is no longer
    admitted, and the move refuses it."""
    return services.offers_lapse()


@shared_task(
    acks_late=True,
    soft_time_limit=120,
    time_limit=150,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def admission_letter_issue(application_id: int) -> int | None:
    """After an admission: the letter of admission as a document of record. Running it twice
    issues one (the valid letter is returned the second time)."""
    document = services.admission_letter_issue(application_id=application_id)
    return document.pk if document else None


@shared_task(
    acks_late=True,
    soft_time_limit=120,
    time_limit=150,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def payment_receipt_issue(payment_id: int) -> int:
    """After a payment is confirmed: its numbered receipt as a document of record. Running it
    twice issues one (the valid receipt is returned the second time)."""
    return fees.payment_receipt_issue(payment_id=payment_id).pk
