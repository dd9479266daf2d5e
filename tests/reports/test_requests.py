"""Report requests: queue, progress, download rights, failure and retry, retention, schedule."""

from datetime import date, timedelta

import jdatetime
import pytest
from django.core import mail
from django.utils import timezone

from agreements.services import monthly_report_send
from intlaffairs import reports
from intlaffairs.models import OutgoingMail, ReportRequest
from intlaffairs.roles import Role

from ..factories import AgreementFactory

pytestmark = pytest.mark.django_db


def ask(client, **data):
    return client.post(
        "/en/reports/",
        {"kind": "agreements", "language": "fa", "period": "year", "academic_year": 1405, **data},
    )


def test_a_manager_asks_for_a_report_and_downloads_it(
    client, manager, django_capture_on_commit_callbacks
):
    AgreementFactory(status="active", signed_on=date(2026, 10, 1), ends_on=date(2028, 1, 1))
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client)
    report = ReportRequest.objects.get()
    assert response.headers["Location"] == f"/en/reports/{report.pk}/"
    assert report.status == "done" and report.progress == 100
    assert report.period_start == jdatetime.date(1405, 7, 1).togregorian()
    page = client.get(f"/en/reports/{report.pk}/progress/").content.decode()
    assert f"/en/reports/{report.pk}/download/" in page
    response = client.get(f"/en/reports/{report.pk}/download/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_queued_report_page_polls_for_progress(client, manager):
    report = ReportRequest.objects.create(
        kind="agreements", language="en", requested_by=manager, progress=40
    )
    client.force_login(manager)
    html = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert 'data-hx-trigger="every 2s"' in html
    assert 'value="40"' in html


def test_only_the_requester_and_managers_see_a_report(client, make_user, manager):
    other_admin = make_user(Role.ADMINISTRATOR)
    report = ReportRequest.objects.create(
        kind="agreements", language="en", requested_by=other_admin
    )
    client.force_login(manager)
    assert client.get(f"/en/reports/{report.pk}/").status_code == 200
    officer = make_user(Role.OFFICER)
    client.force_login(officer)
    assert client.get(f"/en/reports/{report.pk}/").status_code == 404  # not theirs
    own = ReportRequest.objects.create(kind="agreements", language="en", requested_by=officer)
    assert client.get(f"/en/reports/{own.pk}/").status_code == 200
    client.force_login(make_user(Role.FACULTY))
    assert client.get(f"/en/reports/{own.pk}/").status_code == 403


def test_a_bad_period_is_explained_and_queues_nothing(client, manager):
    client.force_login(manager)
    response = ask(client, period="range", start="2026-05-01", end="2026-01-01", language="en")
    assert response.status_code == 200
    assert "The end date must not be before the start date." in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_a_failed_report_shows_why_and_can_be_retried(
    client, manager, monkeypatch, django_capture_on_commit_callbacks
):
    report = ReportRequest.objects.create(kind="agreements", language="en", requested_by=manager)
    monkeypatch.setattr(
        reports.pdf, "html_to_pdf", lambda html: (_ for _ in ()).throw(OSError("disk full"))
    )
    with pytest.raises(OSError):
        reports.report_render(request_id=report.pk)
    report.refresh_from_db()
    assert report.status == "failed" and "disk full" in report.error
    client.force_login(manager)
    assert "try again" in client.get(f"/en/reports/{report.pk}/").content.decode()
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/reports/{report.pk}/retry/")
    report.refresh_from_db()
    assert report.status == "done"


def test_rendering_twice_keeps_the_first_file(manager):
    report = ReportRequest.objects.create(kind="agreements", language="en", requested_by=manager)
    first = reports.report_render(request_id=report.pk)
    second = reports.report_render(request_id=report.pk)
    assert first.file.name == second.file.name


def test_reports_older_than_thirty_days_are_removed(manager):
    old = ReportRequest.objects.create(kind="agreements", language="en", requested_by=manager)
    reports.report_render(request_id=old.pk)
    ReportRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    fresh = ReportRequest.objects.create(kind="agreements", language="en", requested_by=manager)
    path = ReportRequest.objects.get(pk=old.pk).file.path
    assert reports.reports_remove_expired() == 1
    assert list(ReportRequest.objects.all()) == [fresh]
    import os

    assert not os.path.exists(path)


def test_managers_get_the_monthly_report_once_in_their_language(
    make_user, django_capture_on_commit_callbacks
):
    make_user(Role.MANAGER, preferred_language="ckb")
    make_user(Role.MANAGER, preferred_language="en")
    first_of_dey = jdatetime.date(1405, 10, 1).togregorian()
    assert monthly_report_send(today=first_of_dey + timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly_report_send(today=first_of_dey) == 2
        assert monthly_report_send(today=first_of_dey) == 0
    assert len(mail.outbox) == 2
    languages = sorted(OutgoingMail.objects.values_list("language", flat=True))
    assert languages == ["ckb", "en"]
    kurdish = next(
        m
        for m in mail.outbox
        if "@" in m.to[0] and OutgoingMail.objects.get(to=m.to[0]).language == "ckb"
    )
    assert kurdish.attachments and kurdish.attachments[0][2] == "application/pdf"
    report = ReportRequest.objects.filter(requested_by__preferred_language="en").get()
    assert report.period_start == jdatetime.date(1405, 9, 1).togregorian()
