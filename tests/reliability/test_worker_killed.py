"""A real Celery worker on real Redis is killed with SIGKILL while it works; after a restart
every job completes and no job's side effect happens twice.

Needs PostgreSQL and REDIS_URL (CI has both); the worker reads the test database. Only this
test shortens the broker's visibility timeout, so that a dead worker's job comes back in
seconds rather than an hour.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.db import connection

from intlaffairs.models import OutgoingMail, ReportRequest
from intlaffairs.roles import Role

from ..factories import AgreementFactory, InstitutionFactory

ROOT = Path(__file__).resolve().parents[2]
BROKER_DB = 13
REPORTS = 4
MAILS = 12


def worker_env(tmp_path: Path) -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}"
            f"/{db['NAME']}"
        ),
        "REDIS_URL": broker_url(),
        "CELERY_VISIBILITY_TIMEOUT": "4",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        "MEDIA_ROOT": str(tmp_path / "media"),
        # environ drops one leading slash of the path
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
        "SECRET_KEY": settings.SECRET_KEY,
        "PLAIN_HTTP": "1",
    }


def broker_url() -> str:
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    return f"{base}/{BROKER_DB}"


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "intlaffairs",
            "worker",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until(predicate, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out: {message}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_worker_loses_no_job_and_repeats_no_side_effect(make_user, tmp_path):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("the worker test needs PostgreSQL and REDIS_URL in CI")
        pytest.skip("needs PostgreSQL and REDIS_URL")
    redis.Redis.from_url(broker_url()).flushdb()
    manager = make_user(Role.MANAGER, preferred_language="en")
    partners = InstitutionFactory.create_batch(5)
    for n in range(250):  # enough rows that a report takes a few seconds to render
        AgreementFactory(
            status="active",
            partners=partners[n % 5 : n % 5 + 1],
            signed_on=date(2025, 1, 1),
            ends_on=date(2028, 1, 1),
        )
    report_ids = [
        ReportRequest.objects.create(kind="agreements", language="en", requested_by=manager).pk
        for _ in range(REPORTS)
    ]
    mail_ids = [
        OutgoingMail.objects.create(
            to=f"person{n}@example.org", subject=f"job {n}", body_text="b", language="en"
        ).pk
        for n in range(MAILS)
    ]

    client = Celery(broker=broker_url())
    for pk in report_ids:
        client.send_task("intlaffairs.tasks.report_render_task", args=[pk])
    for pk in mail_ids:
        client.send_task("intlaffairs.tasks.outbox_send", args=[pk])

    env, log = worker_env(tmp_path), tmp_path / "worker.log"
    worker = start_worker(env, log)
    try:
        wait_until(
            lambda: ReportRequest.objects.filter(status="running").exists(),
            60,
            "the worker never started a report\n" + log.read_text(),
        )
        os.killpg(worker.pid, signal.SIGKILL)  # mid-job, no chance to clean up
        worker.wait(timeout=10)
        assert ReportRequest.objects.exclude(status="done").exists(), "killed too late"

        worker = start_worker(env, log)
        wait_until(
            lambda: (
                not ReportRequest.objects.exclude(status="done").exists()
                and not OutgoingMail.objects.exclude(status="sent").exists()
            ),
            180,
            "jobs did not complete after the restart\n" + log.read_text()[-3000:],
        )
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=20)

    files = list((tmp_path / "media" / "reports").rglob("*.pdf"))
    assert len(files) == REPORTS  # each report rendered into exactly one file
    # Django's file backend may append several messages to one file: count the headers.
    sent = Counter(
        re.findall(
            r"^To: (\S+)$", "".join(p.read_text() for p in (tmp_path / "mail").iterdir()), re.M
        )
    )
    assert sorted(sent) == sorted(f"person{n}@example.org" for n in range(MAILS))
    assert set(sent.values()) == {1}  # nobody got a message twice
