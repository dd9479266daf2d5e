"""A real Celery worker on real Redis is killed with SIGKILL while it works; after a restart
every job completes and no job's side effect happens twice.

Needs PostgreSQL and REDIS_URL (CI has both); the worker reads the test database. Only this
test shortens the broker's visibility timeout, so that a dead worker's job comes back in
seconds rather than an hour.
"""

import email
import email.policy
import os
import re
import signal
import time
from collections import Counter
from datetime import date, timedelta
from importlib import import_module
from pathlib import Path

import jdatetime
import pytest
import redis
from celery import Celery
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from intlaffairs.models import OutgoingMail, ReportRequest
from intlaffairs.roles import Role

from ..exchanges.helpers import course_application, short_course
from ..factories import AgreementFactory, InstitutionFactory
from ..serving import (
    PROCESSES,
    RedisDatabase,
    database_url,
    redis_url,
    start_celery_worker,
    stop,
)

pytestmark = PROCESSES

ROOT = Path(__file__).resolve().parents[2]
REPORTS = 4
MAILS = 12
FIRST_OF_MEHR = jdatetime.date(1404, 7, 1).togregorian()  # a day the monthly report goes out


def worker_env(tmp_path: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
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
    return redis_url(RedisDatabase.BROKER)


def wait_until(predicate, timeout: float, message) -> None:
    """Poll `predicate`; on timeout fail with `message` (a string, or a function making one)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out: {message() if callable(message) else message}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_worker_loses_no_job_and_repeats_no_side_effect(
    needs_postgresql, needs_redis, make_user, tmp_path
):
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
    # First in the queue, so the kill lands while it renders: its mail must still go, once.
    client.send_task("agreements.tasks.monthly_report_send", args=[FIRST_OF_MEHR.isoformat()])
    for pk in report_ids:
        client.send_task("intlaffairs.tasks.report_render_task", args=[pk])
    for pk in mail_ids:
        client.send_task("intlaffairs.tasks.outbox_send", args=[pk])

    env, log = worker_env(tmp_path), tmp_path / "worker.log"
    worker = start_celery_worker(env, log)
    try:
        wait_until(
            lambda: ReportRequest.objects.filter(status="running").exists(),
            60,
            lambda: "the worker never started a report\n" + log.read_text()[-3000:],
        )
        os.killpg(worker.pid, signal.SIGKILL)  # mid-job, no chance to clean up
        worker.wait(timeout=10)
        assert ReportRequest.objects.exclude(status="done").exists(), "killed too late"

        worker = start_celery_worker(env, log)
        wait_until(
            lambda: (
                not ReportRequest.objects.exclude(status="done").exists()
                and OutgoingMail.objects.filter(to=manager.email).exists()
                and not OutgoingMail.objects.exclude(status="sent").exists()
            ),
            180,
            lambda: "jobs did not complete after the restart\n" + log.read_text()[-3000:],
        )
    finally:
        stop(worker)

    files = list((tmp_path / "media" / "reports").rglob("*.pdf"))
    assert len(files) == REPORTS + 1  # each report rendered into exactly one file
    # Django's file backend may append several messages to one file: count the headers.
    sent = Counter(
        re.findall(
            r"^To: (\S+)$", "".join(p.read_text() for p in (tmp_path / "mail").iterdir()), re.M
        )
    )
    people = [f"person{n}@example.org" for n in range(MAILS)]
    assert sorted(sent) == sorted([manager.email, *people])
    assert set(sent.values()) == {1}  # nobody got a message twice


def every_job_kind(make_user, media: Path) -> tuple[list[tuple[str, list]], dict]:
    """Work with real side effects for every periodic or queued task of the portal; returns
    the tasks to send and what the test needs to check them."""
    from django.contrib.sessions.models import Session

    from exchanges.models import (
        AttendanceCertificate,
        Delegation,
        FollowUp,
    )
    from mentoring.models import Mentee, Mentor, Pairing
    from strategy.models import Action, Goal
    from students.models import Application, Stage

    from ..students.helpers import complete_draft, make_program

    today = timezone.localdate()
    now = timezone.now()
    manager = make_user(Role.MANAGER, preferred_language="en")
    officers = [make_user(Role.OFFICER, preferred_language="en") for _ in range(2)]
    people = [make_user(Role.APPLICANT, preferred_language="en") for _ in range(8)]
    owner = officers[0]

    ending = [
        AgreementFactory(status="active", owner=owner, signed_on=date(2024, 1, 1), ends_on=end)
        for end in (today + timedelta(days=20), today + timedelta(days=80))
    ]
    ended = [
        AgreementFactory(status="active", signed_on=date(2020, 1, 1), ends_on=today - timedelta(1))
        for _ in range(2)
    ]

    unit = make_program().unit
    course = short_course(
        unit=unit,
        starts_on=today - timedelta(days=20),
        ends_on=today - timedelta(days=10),
        deadline=today - timedelta(days=30),
    )
    certificates = [
        AttendanceCertificate.objects.create(
            issued_by=officers[0], application=course_application(course, person)
        )
        for person in people[:2]
    ]

    delegation = Delegation.objects.create(
        title="Visit",
        direction="incoming",
        country="IQ",
        purpose="-",
        starts_on=today - timedelta(days=30),
        ends_on=today - timedelta(days=29),
    )
    follow_ups = [
        FollowUp.objects.create(
            delegation=delegation, action=f"Send {n}", owner=owner, due_on=today - timedelta(3)
        )
        for n in range(2)
    ]

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    stale = []
    for n in range(3):
        session = SessionStore()
        session["n"] = n
        session.create()
        stale.append(session.session_key)
    Session.objects.filter(session_key__in=stale[:2]).update(expire_date=now - timedelta(1))

    direct = [
        OutgoingMail.objects.create(to=f"direct{n}@example.org", subject="d", body_text="b").pk
        for n in range(2)
    ]
    forgotten = [
        OutgoingMail.objects.create(to=f"lost{n}@example.org", subject="l", body_text="b").pk
        for n in range(2)
    ]
    OutgoingMail.objects.filter(pk__in=forgotten).update(created_at=now - timedelta(minutes=30))

    report = ReportRequest.objects.create(kind="agreements", language="en", requested_by=manager)
    old_reports = []
    for n in range(3):
        request = ReportRequest.objects.create(
            kind="agreements", language="en", requested_by=manager, status="done"
        )
        request.file.save(f"old-{n}.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        old_reports.append(request)
    ReportRequest.objects.filter(pk__in=[r.pk for r in old_reports[:2]]).update(
        created_at=now - timedelta(days=40)
    )

    mentor = Mentor.objects.create(
        user=make_user(Role.MENTOR, preferred_language="en"),
        unit=unit,
        year_of_study=4,
        gender="female",
        capacity=3,
        status="approved",
    )
    pairings = [
        Pairing.objects.create(
            mentor=mentor,
            mentee=Mentee.objects.create(name=f"Mentee {n}", unit=unit, gender="female"),
            status="active",
            confirmed_at=now - timedelta(days=40),
        )
        for n in range(2)
    ]

    goal = Goal.objects.order_by("pk").first()
    actions = [
        Action.objects.create(goal=goal, title=f"Do {n}", owner=owner, due_on=today - timedelta(2))
        for n in range(2)
    ]

    program = make_program()
    stalled = complete_draft(people[2], program)
    Application.objects.filter(pk=stalled.pk).update(
        stage=Stage.SUBMITTED, reference="KUMS-1404-00001", stage_since=now - timedelta(20)
    )
    residence = complete_draft(people[3], program)
    Application.objects.filter(pk=residence.pk).update(
        stage=Stage.ENROLLED,
        reference="KUMS-1404-00002",
        residence_expires_on=today + timedelta(days=30),
    )
    stale_draft = complete_draft(people[4], program)
    rejected = complete_draft(people[5], program)
    Application.objects.filter(pk=stale_draft.pk).update(updated_at=now - timedelta(days=400))
    Application.objects.filter(pk=rejected.pk).update(
        stage=Stage.REJECTED, reference="KUMS-1402-00003", stage_since=now - timedelta(days=800)
    )
    expired_files = [
        media / d.file.name for a in (stale_draft, rejected) for d in a.documents.all()
    ]
    assert len(expired_files) == 4 and all(path.exists() for path in expired_files)

    jobs = [
        ("agreements.tasks.renewal_reminders_send", []),
        ("agreements.tasks.agreements_expire", []),
        ("agreements.tasks.monthly_report_send", [FIRST_OF_MEHR.isoformat()]),
        *[("exchanges.tasks.certificate_render", [c.pk]) for c in certificates],
        ("exchanges.tasks.follow_up_reminders_send", []),
        ("intlaffairs.tasks.sessions_clear_expired", []),
        *[("intlaffairs.tasks.outbox_send", [pk]) for pk in direct],
        ("intlaffairs.tasks.outbox_send_pending", []),
        ("intlaffairs.tasks.report_render_task", [report.pk]),
        ("intlaffairs.tasks.reports_remove_expired", []),
        ("mentoring.tasks.check_in_reminders_send", []),
        ("strategy.tasks.action_reminders_send", []),
        ("students.tasks.reminders_send", []),
        ("students.tasks.personal_data_expire", []),
    ]
    return jobs, {
        "manager": manager,
        "officers": officers,
        "owner": owner,
        "people": people,
        "ended": ended,
        "certificates": certificates,
        "sessions": stale,
        "ending": ending,
        "follow_ups": follow_ups,
        "pairings": pairings,
        "actions": actions,
        "reminded": [stalled, residence],
        "report": report,
        "old_reports": old_reports,
        "stale_draft": stale_draft,
        "rejected": rejected,
        "expired_files": expired_files,
    }


def ids_of(rows) -> list[int]:
    """The primary keys of `rows` (model objects or keys), sorted, repeats kept."""
    return sorted(getattr(row, "pk", row) for row in rows)


def delivered(mail_dir: Path) -> Counter:
    """(recipient, subject) of every message the mail server received, counted."""
    text = "".join(p.read_text() for p in mail_dir.iterdir()) if mail_dir.exists() else ""
    messages = [m for m in text.split("-" * 79 + "\n") if m.strip()]
    parsed = [email.message_from_string(m, policy=email.policy.default) for m in messages]
    return Counter((str(m["To"]), " ".join(str(m["Subject"]).split())) for m in parsed)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_job_kind_killed_before_during_and_after_its_work_still_works_once(
    needs_postgresql, needs_redis, make_user, tmp_path, settings
):
    """Each task of the portal is killed three times (see crashing_worker) and then finishes:
    no job is lost, and each one's effect (rows, files, e-mails) happens exactly once."""
    from django.contrib.sessions.models import Session

    from agreements.models import RenewalReminder
    from exchanges.models import FollowUp
    from mentoring.models import CheckInReminder
    from strategy.models import Action
    from students.models import Application, Document, Reminder

    broker = redis.Redis.from_url(broker_url())
    broker.flushdb()

    def ended_deliveries() -> list[tuple[str, int, str]]:
        """(job id, delivery number, Celery state) of every delivery that ran to its end."""
        entries = (line.decode().rsplit(" ", 2) for line in broker.lrange("crash:ended", 0, -1))
        return [(pk, int(delivery), state) for pk, delivery, state in entries]

    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)  # the files made here are where the worker looks for them
    jobs, data = every_job_kind(make_user, media)

    client = Celery(broker=broker_url())
    ids = []
    for name, args in jobs:
        ids.append(f"crash-{name}-{len(ids)}")
        client.send_task(name, args=args, task_id=ids[-1])

    env, log = {**worker_env(tmp_path), "CRASH_REDIS_URL": broker_url()}, tmp_path / "worker.log"
    # All jobs at once, one process each: a pool notices a dead process only every 5 seconds,
    # so three rounds of kills cost 15 seconds in parallel rather than 4 minutes in a row.
    worker = start_celery_worker(
        env, log, app="tests.reliability.crashing_worker", concurrency=len(jobs)
    )
    try:

        def unfinished() -> list[str]:
            """The jobs with no delivery after the three killed ones run to the end."""
            done = {pk for pk, delivery, _state in ended_deliveries() if delivery >= 4}
            return [pk for pk in ids if pk not in done]

        wait_until(
            lambda: not unfinished() and not broker.llen("celery"),
            120,
            lambda: "jobs were lost: " + ", ".join(unfinished()) + "\n" + log.read_text()[-3000:],
        )
        # A worker killed between a commit and the enqueue that follows it leaves its mails
        # pending; the periodic outbox sweep picks up mails older than ten minutes.
        OutgoingMail.objects.filter(status="pending").update(
            created_at=timezone.now() - timedelta(minutes=11)
        )
        client.send_task("intlaffairs.tasks.outbox_send_pending")
        wait_until(
            lambda: not OutgoingMail.objects.exclude(status="sent").exists(),
            60,
            lambda: "mails were not sent\n" + log.read_text()[-3000:],
        )
    finally:
        stop(worker)
    # Every job was killed before, during and after its work, then succeeded. (A delivery
    # slower than the short visibility timeout may be given out once more: at least once is
    # the broker's promise, and the effects below must still happen once.)
    succeeded = {pk for pk, delivery, state in ended_deliveries() if delivery >= 4}
    failed = [entry for entry in ended_deliveries() if entry[2] != "SUCCESS"]
    assert succeeded == set(ids) and failed == [], failed

    # Every message of the outbox reached the mail server exactly once.
    rows = Counter(
        (to, " ".join(subject.split()))
        for to, subject in OutgoingMail.objects.values_list("to", "subject")
    )
    assert delivered(tmp_path / "mail") == rows
    recipients = Counter(OutgoingMail.objects.values_list("to", flat=True))

    manager, officers, owner = data["manager"], data["officers"], data["owner"]
    # Renewal reminders: one per agreement, mailed to its owner and the manager.
    assert ids_of(RenewalReminder.objects.values_list("agreement", flat=True)) == ids_of(
        data["ending"]
    )
    # Expired agreements: one move each, by the portal.
    for agreement in data["ended"]:
        agreement.refresh_from_db()
        assert agreement.status == "expired"
        assert agreement.moves.filter(to_state="expired", by=None).count() == 1
    # Monthly report: one request, one file, one mail with the PDF.
    monthly = ReportRequest.objects.get(scheduled_for=FIRST_OF_MEHR)
    assert monthly.status == "done" and monthly.params.get("mailed")
    assert OutgoingMail.objects.filter(to=manager.email).exclude(attachment="").count() == 1
    # Certificates: both PDFs once, and one mail to the holder.
    assert len(list((media / "certificates").iterdir())) == 2 * len(data["certificates"])
    for certificate in data["certificates"]:
        certificate.refresh_from_db()
        assert certificate.file_en and certificate.file_fa
        assert recipients[certificate.application.applicant.email] == 1
    # Follow-ups and plan actions: reminded today, one mail each to their owner.
    today = timezone.localdate()
    assert ids_of(FollowUp.objects.filter(reminded_on=today)) == ids_of(data["follow_ups"])
    assert ids_of(Action.objects.filter(reminded_on=today)) == ids_of(data["actions"])
    # The owner's mails: 2 renewal reminders + 2 follow-ups + 2 actions + 2 office reminders.
    assert recipients[owner.email] == 8
    assert recipients[officers[1].email] == 2
    assert recipients[manager.email] == 2 + 1  # renewal reminders and the monthly report
    # Sessions: the two expired ones are gone, the live one stays.
    assert list(Session.objects.values_list("session_key", flat=True)) == data["sessions"][2:]
    # Outbox: the queued and the forgotten messages, once each.
    for address in ["direct0", "direct1", "lost0", "lost1"]:
        assert recipients[f"{address}@example.org"] == 1
    # Reports: the requested one rendered once; the expired ones removed with their files.
    data["report"].refresh_from_db()
    assert data["report"].status == "done"
    assert not ReportRequest.objects.filter(pk__in=[r.pk for r in data["old_reports"][:2]])
    reports_dir = media / "reports"
    assert sorted(p.name for p in reports_dir.rglob("*.pdf")) == sorted(
        Path(r.file.name).name for r in ReportRequest.objects.all()
    )
    # Mentoring: one check-in reminder per pair, one mail each to the mentor.
    assert ids_of(CheckInReminder.objects.values_list("pairing", flat=True)) == ids_of(
        data["pairings"]
    )
    # Students: one reminder per case; the stale draft gone, the old rejection anonymized.
    assert ids_of(Reminder.objects.values_list("application", flat=True)) == ids_of(
        data["reminded"]
    )
    assert recipients[data["people"][3].email] == 1  # the residence warning to the student
    assert not Application.objects.filter(pk=data["stale_draft"].pk).exists()
    rejected = Application.objects.get(pk=data["rejected"].pk)
    assert rejected.given_name == "" and rejected.passport_number == ""
    assert not Document.objects.filter(application__in=[data["rejected"].pk]).exists()
    assert not any(path.exists() for path in data["expired_files"])
