"""The Celery app's reliability defaults and its one beat schedule."""

from intlaffairs.celery import app


def test_jobs_survive_a_killed_worker_by_default():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit


def test_every_scheduled_job_names_a_registered_task():
    app.loader.import_default_modules()
    assert app.conf.beat_schedule
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, name


def test_clearing_sessions_removes_only_expired_ones_and_can_run_twice(db):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from intlaffairs.tasks import sessions_clear_expired

    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="new", session_data="", expire_date=now + timedelta(days=1))
    sessions_clear_expired.delay()
    sessions_clear_expired.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]
