"""The Celery app and the portal's one beat schedule.

Without REDIS_URL (the demo) tasks run eagerly, in the request. With it, the defaults in
settings (acks_late, reject on worker lost, prefetch 1, soft and hard time limits) make a
killed worker's job run again on another worker instead of being lost.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intlaffairs.settings")

app = Celery("intlaffairs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic job of the portal, with when and why. Times are Asia/Tehran.
app.conf.beat_schedule = {
    # 03:40 every day: receipts and scans held for a refused form that was never sent again.
    "held-uploads-purge": {
        "task": "intlaffairs.tasks.held_uploads_purge",
        "schedule": crontab(hour=3, minute=40),
    },
    # Every morning at 07:00, before the office opens: agreements reaching 180, 90 or 30 days
    # before their end e-mail their owner and the managers.
    "agreements-expire": {
        # 00:10 every day: active agreements whose end date has passed become expired.
        "task": "agreements.tasks.agreements_expire",
        "schedule": crontab(hour=0, minute=10),
    },
    "agreements-renewal-reminders": {
        "task": "agreements.tasks.renewal_reminders_send",
        "schedule": crontab(hour=7, minute=0),
    },
    # 07:05 daily: applications waiting in one stage for more than 14 days, residence permits
    # ending within 60 days, and after-admission items past their date and not done, e-mailed
    # to the officers (and the student, for the permit) once each.
    "students-reminders": {
        "task": "students.tasks.reminders_send",
        "schedule": crontab(hour=7, minute=5),
    },
    # 07:07 daily: faculty reviewers whose review is not in after 7 and after 14 days are
    # reminded (each threshold once), before the office reads its overdue reviews.
    "students-review-reminders": {
        "task": "students.tasks.review_reminders_send",
        "schedule": crontab(hour=7, minute=7),
    },
    # 00:20 daily: offers of admission whose answer-by date has passed lapse (the officers are
    # e-mailed), before anyone opens the pipeline in the morning.
    "students-offers-lapse": {
        "task": "students.tasks.offers_lapse",
        "schedule": crontab(hour=0, minute=20),
    },
    # 07:10 daily: overdue follow-up actions of delegations, to their owners (weekly at most).
    "exchanges-follow-up-reminders": {
        "task": "exchanges.tasks.follow_up_reminders_send",
        "schedule": crontab(hour=7, minute=10),
    },
    # 07:15 daily: mentors of pairs that have not met for 30 days get a check-in reminder.
    "mentoring-check-ins": {
        "task": "mentoring.tasks.check_in_reminders_send",
        "schedule": crontab(hour=7, minute=15),
    },
    # 07:20 daily: overdue actions of the internationalization plan, to their owners (weekly).
    "strategy-action-reminders": {
        "task": "strategy.tasks.action_reminders_send",
        "schedule": crontab(hour=7, minute=20),
    },
    # 03:30 on Fridays: the retention policy for applicants' personal data (see the README).
    "students-personal-data-expire": {
        "task": "students.tasks.personal_data_expire",
        "schedule": crontab(hour=3, minute=30, day_of_week=5),
    },
    # Every 5 minutes: outbox messages whose send task was lost are queued again.
    "outbox-send-pending": {
        "task": "intlaffairs.tasks.outbox_send_pending",
        "schedule": 300,
    },
    # 03:00 daily: report files older than REPORT_RETENTION_DAYS (30) are removed.
    "reports-remove-expired": {
        "task": "intlaffairs.tasks.reports_remove_expired",
        "schedule": crontab(hour=3, minute=0),
    },
    # 06:00 daily; on the first day of a Jalali month it e-mails the managers the agreements
    # report in their own language (the task itself checks the date, so it is idempotent).
    "agreements-monthly-report": {
        "task": "agreements.tasks.monthly_report_send",
        "schedule": crontab(hour=6, minute=0),
    },
    # Expired sessions pile up in the database table; clearing nightly keeps it small.
    "clear-expired-sessions": {
        "task": "intlaffairs.tasks.sessions_clear_expired",
        "schedule": 24 * 3600,
    },
}
